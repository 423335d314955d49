/**
 * The words that say someone spoke, per language: the lexicon the suggestion rules read. Each
 * list is a regular-expression alternation, longest forms first so that "a déclaré" wins over
 * "déclaré". Matching is case-insensitive and, outside Chinese, on whole words.
 */

export type CueLanguage = 'en' | 'fr' | 'de' | 'es' | 'ru' | 'zh';

/** Verbs (with their auxiliaries where a language needs them) that introduce speech. */
export const SPEECH_VERBS: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: [
    'pointed out', 'continue to say', 'continues to say', 'went on to say', 'made clear', 'made it clear',
    'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stressed', 'stresses', 'noted', 'explained',
    'announced', 'stated', 'declared', 'insisted', 'insists', 'warned', 'warns', 'argued', 'argues',
    'claimed', 'replied', 'wrote', 'writes', 'concluded', 'reiterated', 'repeated', 'acknowledged',
    'admitted', 'confirmed', 'denied', 'denies', 'emphasized', 'emphasised', 'observed', 'remarked', 'responded',
    'reported', 'tweeted', 'asserted', 'maintained', 'recalled', 'predicted', 'cautioned', 'mentioned', 'revealed',
  ],
  fr: [
    'a déclaré', 'a dit', 'a affirmé', 'a ajouté', 'a expliqué', 'a souligné', 'a indiqué', 'a annoncé', 'a estimé',
    'a assuré', 'a précisé', 'a confié', 'a répondu', 'a rappelé', 'a averti', 'a insisté', 'a reconnu',
    'déclare', 'dit', 'affirme', 'ajoute', 'explique', 'souligne', 'indique', 'annonce', 'estime', 'assure',
    'précise', 'confie', 'répond', 'rappelle', 'avertit', 'insiste', 'reconnaît', 'déclarait', 'disait',
  ],
  de: [
    'sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont', 'meinte', 'meint', 'warnte', 'warnt',
    'fügte', 'teilte', 'kündigte', 'schrieb', 'schreibt', 'versicherte', 'bekräftigte', 'räumte', 'bestätigte',
    'sagten', 'erklärten', 'behauptete', 'behauptet', 'forderte', 'unterstrich',
  ],
  es: [
    'ha dicho', 'ha afirmado', 'ha declarado', 'ha asegurado', 'ha señalado', 'ha añadido', 'ha explicado',
    'dijo', 'dice', 'afirmó', 'afirma', 'declaró', 'declara', 'aseguró', 'asegura', 'añadió', 'añade', 'explicó',
    'explica', 'señaló', 'señala', 'indicó', 'indica', 'subrayó', 'subraya', 'advirtió', 'advierte', 'sostuvo',
    'anunció', 'reconoció', 'insistió', 'comentó',
  ],
  ru: [
    'сказал', 'сказала', 'сказали', 'заявил', 'заявила', 'заявили', 'сообщил', 'сообщила', 'сообщили',
    'отметил', 'отметила', 'отметили', 'подчеркнул', 'подчеркнула', 'добавил', 'добавила', 'пояснил', 'пояснила',
    'говорит', 'говорят', 'заявляет', 'написал', 'написала', 'признал', 'признала', 'уточнил', 'уточнила',
    'предупредил', 'предупредила', 'считает',
  ],
  zh: ['告诉记者', '表示', '指出', '强调', '宣布', '透露', '坦言', '回应', '声称', '称', '说'],
};

/**
 * "According to" cues, whose source follows them: "according to officials", "selon le
 * ministre", "laut Regierung", "según el portavoz", "по словам Пескова", "据新华社".
 */
export const ACCORDING_TO: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: ['according to'],
  fr: ['selon', "d'après", 'd’après'],
  de: ['laut', 'nach Angaben'],
  es: ['según', 'de acuerdo con'],
  ru: ['по словам', 'по данным', 'как сообщил', 'как заявил'],
  zh: ['据', '根据'],
};

/** Words that introduce the reported clause after a speech verb: "said that …". */
export const COMPLEMENTIZERS = ['that', 'que', 'qu’', "qu'", 'dass', 'что', 'чтобы'];

/** Words after which a clause begins anew, so a source never reaches back past them. */
export const CLAUSE_BREAKS = new Set([
  'that', 'and', 'but', 'while', 'when', 'as', 'because', 'if', 'which', 'who', 'what', 'however', 'meanwhile',
  'so', 'yet', 'et', 'mais', 'que', 'qui', 'und', 'aber', 'dass', 'y', 'pero', 'и', 'а', 'но', 'что',
]);

/** Personal pronouns: a source of one of these names whoever spoke last. */
export const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'lui', 'eux', 'ihm', 'ihr', 'ihnen', 'него', 'неё', 'нее', 'них', 'il', 'elle', 'ils', 'elles', 'er', 'sie', 'él', 'ella', 'ellos', 'он', 'она', 'они', '他', '她', '他们']);

/** Nouns that make a plausible source without a capital letter ("the official said"). */
export const SOURCE_NOUNS =
  /(?<![\p{L}])(?:presidente?|président|президент\p{L}*|officials?|spokes(?:man|woman|person)|minister|ministry|president|presidency|secretary|ambassador|department|statement|report|service|sources?|authorities|side|government|command|diplomats?|experts?|analysts?|police|lawmakers|leaders?|sprecher(?:in)?|regierung|ministre|porte-parole|gouvernement|portavoz|gobierno|ministro|представител\p{L}*|министр\p{L}*)(?![\p{L}])/iu;

/** Words after a "say" verb that start an adjunct rather than the reported clause. */
export const ADJUNCT_STARTS = new Set([
  'in', 'on', 'at', 'to', 'by', 'for', 'with', 'during', 'after', 'before', 'late', 'early', 'earlier', 'later',
  'last', 'this', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today',
  'tonight', 'recently', 'repeatedly', 'again', 'publicly', 'privately', 'separately', 'also', 'then',
]);
