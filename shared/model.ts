import { z } from 'zod';

/**
 * The data model. Schemas are the single source: the types below are inferred from them, and
 * the main process validates every request and every file it reads with the same schemas.
 *
 * Offsets (`start`, `end`) are JavaScript string indices (UTF-16 code units) into the
 * document's `text`, end exclusive. Exports convert them to code points (see offsets.ts).
 */

/** Ids become file names, so they are restricted to a portable, path-free alphabet. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const idSchema = z.string().regex(ID_PATTERN, 'must be 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit');

export const DOCUMENT_STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const STATUS_NAMES: Record<DocumentStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
};

export const labelNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^\s].*$/u, 'must not start with white space');

/** An offset: a non-negative whole number within the largest article we accept. */
export const offsetSchema = z.number().int().nonnegative().max(50_000_000);

export const spanSchema = z.object({
  id: idSchema,
  start: offsetSchema,
  end: offsetSchema,
  label: labelNameSchema,
  note: z.string().max(10_000).optional(),
  speaker: z.string().max(500).optional(),
  /** The speaker as first written, kept when a speaker rename or merge changed `speaker`. */
  speakerOriginal: z.string().max(500).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  annotator: z.string().max(200),
});
export type Span = z.infer<typeof spanSchema>;

/** The relation type every library has unless the user removes it: quote or claim → its source. */
export const DEFAULT_RELATION_TYPE = 'attributed_to';

/** A relation type's name: the same rules as a label's. */
export const relationTypeNameSchema = labelNameSchema;

/**
 * A link between two spans. `label` is the relation's type, one of the library's relation
 * types (settings.relationTypes). Files written before relation types were configurable all
 * say "attributed_to", which every library without relation types of its own has.
 */
export const relationSchema = z.object({
  id: idSchema,
  label: relationTypeNameSchema,
  headId: idSchema,
  childId: idSchema,
});
export type Relation = z.infer<typeof relationSchema>;

/** Free-form metadata from the source; `title` is always present. */
export const metaSchema = z
  .object({ title: z.string().max(2_000) })
  .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type DocumentMeta = z.infer<typeof metaSchema>;

export const newsDocumentSchema = z.object({
  id: idSchema,
  /** The article text; never changes after import. */
  text: z.string(),
  meta: metaSchema,
  status: documentStatusSchema,
  spans: z.array(spanSchema),
  relations: z.array(relationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who made the latest change. */
  annotator: z.string().max(200),
  /** Increases by one with every stored change. */
  revision: z.number().int().nonnegative(),
});
export type NewsDocument = z.infer<typeof newsDocumentSchema>;

/** What a change returns: everything of a document except its (unchanging) text. */
export type DocumentAnnotations = Omit<NewsDocument, 'text'>;

/** One row of the document list. */
export interface DocumentSummary {
  id: string;
  title: string;
  status: DocumentStatus;
  /** Spans per label name. */
  counts: Record<string, number>;
  /** The speakers named on its spans, for completing the speaker field. */
  speakers: string[];
  /** Length of the text in UTF-16 code units. */
  length: number;
  updatedAt: string;
}

export const labelDefinitionSchema = z.object({
  name: labelNameSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0072b2'),
  /** The key that applies this label; empty when none is bound. */
  key: z.string().max(1),
});
export type LabelDefinition = z.infer<typeof labelDefinitionSchema>;

export const relationTypeDefinitionSchema = z.object({
  name: relationTypeNameSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0072b2'),
});
export type RelationTypeDefinition = z.infer<typeof relationTypeDefinitionSchema>;

/** The default relation types: only "attributed_to" (a quote or claim → who said it). */
export const DEFAULT_RELATION_TYPES: readonly RelationTypeDefinition[] = [{ name: DEFAULT_RELATION_TYPE, color: '#555555' }];

/** Most relation types a library holds. */
export const MAX_RELATION_TYPES = 50;

export const settingsSchema = z.object({
  annotator: z.string().min(1).max(200),
  labels: z.array(labelDefinitionSchema).min(1).max(50),
  /**
   * The relation types links may carry, in the order link mode offers them; absent means the
   * default set (settings saved before relation types were configurable have none). Read it
   * through relationTypesOf.
   */
  relationTypes: z
    .array(relationTypeDefinitionSchema)
    .min(1)
    .max(MAX_RELATION_TYPES)
    .refine((types) => new Set(types.map((type) => type.name)).size === types.length, 'relation type names must be unique')
    .optional(),
  /** Selections snap outwards to whole words (Alt while selecting turns it off once). */
  snapToWords: z.boolean().default(true),
});
export type Settings = z.output<typeof settingsSchema>;

/**
 * New settings as saved over `previous`: settings sent without relation types (by a window that
 * does not edit them) keep the library's, so saving the label set never drops them.
 */
export function keepingRelationTypes(next: Settings, previous: Pick<Settings, 'relationTypes'>): Settings {
  return next.relationTypes !== undefined || previous.relationTypes === undefined ? next : { ...next, relationTypes: previous.relationTypes };
}

/** The library's relation types: its own, or the default set when it has none recorded. */
export function relationTypesOf(settings: Pick<Settings, 'relationTypes'>): RelationTypeDefinition[] {
  return settings.relationTypes ?? DEFAULT_RELATION_TYPES.map((type) => ({ ...type }));
}
export type SettingsInput = z.input<typeof settingsSchema>;

/**
 * The default label set. Colours come from the Okabe–Ito palette, which stays distinct
 * under the common colour-vision deficiencies; highlights also name their label in text.
 */
export const DEFAULT_LABELS: readonly LabelDefinition[] = [
  { name: 'claim', color: '#0072b2', key: '1' },
  { name: 'quote', color: '#c26a00', key: '2' },
  { name: 'attribution', color: '#009e73', key: '3' },
];

export function summarise(document: Pick<NewsDocument, 'id' | 'meta' | 'status' | 'spans' | 'text' | 'updatedAt'>): DocumentSummary {
  const counts: Record<string, number> = {};
  const speakers = new Set<string>();
  for (const span of document.spans) {
    counts[span.label] = (counts[span.label] ?? 0) + 1;
    if (span.speaker) speakers.add(span.speaker);
  }
  return {
    id: document.id,
    title: document.meta.title,
    status: document.status,
    counts,
    speakers: [...speakers].sort(),
    length: document.text.length,
    updatedAt: document.updatedAt,
  };
}

export function withoutText(document: NewsDocument): DocumentAnnotations {
  const { text: _text, ...annotations } = document;
  return annotations;
}
