import type { DocumentSummary, NewsDocument } from '../../../../shared/model';
import { summarise } from '../../../../shared/model';
import { applyOperation, type DocumentOperation } from '../../../../shared/operations';
import type { AppError } from '../../../../shared/result';
import type { TextRange } from '../../../../shared/spans';
import type { CaretUnit } from '../../../../shared/textBoundaries';
import type { ArticleViewHandle } from '../../components/ArticleView';
import type { SpanPanelHandle } from '../../components/SpanPanel';
import type { StoryMatch } from '../../../../shared/storyContract';
import { StoryLookup, type StoryClient } from '../../data/storyMatches';
import type { Suggestions } from '../../../../shared/suggestions/suggest';
import type { CommandClient, CommandContext, ReviewHandle, SuggestionCommands } from '../commandContext';
import { INITIAL_SESSION, reduceSession, type SessionState } from '../sessionState';

export const TEXT = 'Psaki said we are ready. Biden spoke.';
const LABELS = ['claim', 'quote', 'attribution'];
const STAMP = { annotator: 'ana', now: '2030-01-01T00:00:00.000Z', labels: LABELS };

/** An article with "Psaki said" (attribution s2, 0–10) and "we are ready" (quote s1, 11–23). */
export function sampleArticle(id: string, status: NewsDocument['status'] = 'in_progress'): NewsDocument {
  let document: NewsDocument = { id, text: TEXT, meta: { title: id }, status, spans: [], relations: [], createdAt: STAMP.now, updatedAt: STAMP.now, annotator: 'ana', revision: 0 };
  for (const span of [{ id: 's2', start: 0, end: 10, label: 'attribution' }, { id: 's1', start: 11, end: 23, label: 'quote' }]) {
    const result = applyOperation(document, { type: 'createSpan', span }, STAMP);
    if (!result.ok) throw new Error(result.error.message);
    document = result.value;
  }
  return document;
}

/** An operation in one line: "createSpan 11-23 quote", "deleteSpan s1", "linkSpans s1→s2". */
export function describeOperation(operation: DocumentOperation): string {
  switch (operation.type) {
    case 'createSpan':
      return `createSpan ${operation.span.start}-${operation.span.end} ${operation.span.label}`;
    case 'resizeSpan':
      return `resizeSpan ${operation.spanId} ${operation.start}-${operation.end}`;
    case 'relabelSpan':
      return `relabelSpan ${operation.spanId} ${operation.label}`;
    case 'linkSpans':
      return `linkSpans ${operation.relation.headId}→${operation.relation.childId}`;
    case 'setStatus':
      return `setStatus ${operation.status}`;
    case 'deleteSpan':
      return `deleteSpan ${operation.spanId}`;
    default:
      return operation.type;
  }
}

/** A client in memory: applies changes as the store does and writes down each one. */
export class FakeClient implements CommandClient {
  readonly documents = new Map<string, NewsDocument>([['a', sampleArticle('a')], ['b', sampleArticle('b')], ['done', sampleArticle('done', 'done')]]);
  readonly log: string[] = [];
  undoable = false;
  redoable = false;
  relationTypes?: () => readonly string[];

  getDocument = (id: string): NewsDocument | null => this.documents.get(id) ?? null;
  getSummaries = (): readonly DocumentSummary[] => [...this.documents.values()].map(summarise);

  apply(documentId: string, operation: DocumentOperation): AppError | null {
    const result = applyOperation(this.documents.get(documentId)!, operation, STAMP);
    if (!result.ok) return result.error;
    this.documents.set(documentId, result.value);
    this.log.push(describeOperation(operation));
    return null;
  }

  canUndo = () => this.undoable;
  canRedo = () => this.redoable;

  undo(documentId: string): boolean {
    this.log.push(`undo ${documentId}`);
    return true;
  }

  redo(documentId: string): boolean {
    this.log.push(`redo ${documentId}`);
    return true;
  }
}

/** One suggestion in the sample article: "Biden spoke" (attribution, 25–36). */
export const SUGGESTED: Suggestions = { spans: [{ key: 'attribution:25-36', label: 'attribution', start: 25, end: 36, ruleId: 'attribution.speech-verb', speaker: 'Biden' }], links: [] };

/** The suggestions of every article but "b" (none) are SUGGESTED; accepting or rejecting is written down. */
export class FakeSuggestions implements SuggestionCommands {
  constructor(private readonly log: string[]) {}
  get = (documentId: string): Suggestions => (documentId === 'b' ? { spans: [], links: [] } : SUGGESTED);
  accept(documentId: string, key: string) {
    this.log.push(`accept ${documentId} ${key}`);
    return true;
  }
  acceptParagraph(documentId: string, offset: number) {
    this.log.push(`acceptParagraph ${documentId} ${offset}`);
    return 1;
  }
  reject(documentId: string, key: string) {
    this.log.push(`reject ${documentId} ${key}`);
    return true;
  }
}

/** The article view's handle, writing down each call; `selection` is what the user has selected. */
export class FakeArticle implements ArticleViewHandle {
  selection: TextRange | null = null;
  /** The keyboard caret's offset (null: none). */
  caret: number | null = null;
  /** The suggestion clicked in the article (null: none). */
  clickedSuggestion: string | null = null;
  constructor(readonly log: string[]) {}
  readSelection = () => this.selection;
  hasSelection = () => this.selection !== null;
  clearSelection() {
    this.selection = null;
    this.log.push('clearSelection');
  }
  scrollToSpan(spanId: string) {
    this.log.push(`scrollToSpan ${spanId}`);
  }
  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean) {
    this.log.push(`moveCaret ${unit} ${direction}${extend ? ' extend' : ''}`);
  }
  placeCaret(offset: number) {
    this.log.push(`placeCaret ${offset}`);
  }
  caretOffset(): number | null {
    return this.caret;
  }
  pointedSuggestion(): string | null {
    return this.clickedSuggestion;
  }
  focus() {
    this.log.push('focus');
  }
  showRange(range: TextRange, select: boolean) {
    this.log.push(`showRange ${range.start}-${range.end}${select ? ' select' : ''}`);
    return true;
  }
}

/** Review mode's list, writing down each call. */
function fakeReview(log: string[], { focused, undoable }: { focused: boolean; undoable: boolean }): ReviewHandle {
  return {
    decide: (choice) => (log.push(`review ${choice}`), true),
    hasFocus: () => focused,
    canUndo: () => undoable,
    canRedo: () => undoable,
    undo: () => (log.push('review undo'), true),
    redo: () => (log.push('review redo'), true),
  };
}

/** A session in one line: "doc a | span s1 | link s1→s2 | help". */
export function showSession(state: SessionState): string {
  const parts = [`doc ${state.documentId ?? '-'}`, `span ${state.selectedSpanId ?? '-'}`];
  if (state.linking) parts.push(`link ${state.linking.sourceId}→${state.linking.targetId ?? '?'}${state.linking.choosingType ? ' (type?)' : ''}`);
  if (state.helpOpen) parts.push('help');
  if (state.view !== 'article') parts.push(`view ${state.view}`);
  return parts.join(' | ');
}

/** The telling of article a's text the fake story index finds: "Biden spoke" in b (25–36), no span there. */
export const TELLING: StoryMatch = { documentId: 'b', title: 'b', start: 25, end: 36, text: 'Biden spoke', kind: 'exact', similarity: 1, changes: [], span: null };

/** A story view over the fake client, whose index finds TELLING for any passage (each lookup written down). */
function fakeStory(client: FakeClient, log: string[]): StoryLookup {
  const storyClient: StoryClient = {
    getDocument: client.getDocument,
    openDocument: async (id) => client.getDocument(id),
    applyAll: (id, operations) => operations.map((operation) => client.apply(id, operation)).find((error) => error !== null) ?? null,
    relationTypes: () => client.relationTypes?.() ?? [],
    notices: { tell: (message) => log.push(`tell ${message.text}`) },
  };
  return new StoryLookup(async (args) => {
    log.push('documentId' in args ? `findStoryMatches ${args.documentId} ${args.start}-${args.end}` : `findStoryMatches "${args.text}"`);
    return { ok: true, value: { source: { documentId: null, start: 0, end: 0, text: '' }, matches: [TELLING] } };
  }, storyClient);
}

export interface Harness {
  context: CommandContext;
  client: FakeClient;
  article: FakeArticle;
  /** Everything done, in order: the client's changes and the article's and panel's calls. */
  log: string[];
  state(): SessionState;
}

/** A command context over fakes, with the session at `given`. */
export function harness(
  given: Partial<SessionState> = {},
  options: { selection?: TextRange; selectedElsewhere?: boolean; undoable?: boolean; redoable?: boolean; speakersUndoable?: boolean; speakersRedoable?: boolean; review?: { focused: boolean; undoable: boolean }; caret?: number; clickedSuggestion?: string } = {},
): Harness {
  const client = new FakeClient();
  client.undoable = options.undoable ?? false;
  client.redoable = options.redoable ?? false;
  const log = client.log;
  const article = new FakeArticle(log);
  article.selection = options.selection ?? null;
  article.caret = options.caret ?? null;
  article.clickedSuggestion = options.clickedSuggestion ?? null;
  const panel: SpanPanelHandle = { editDetails: () => log.push('editDetails') };
  let state: SessionState = { ...INITIAL_SESSION, documentId: 'a', ...given };
  const context: CommandContext = {
    getState: () => state,
    dispatch: (action) => {
      state = reduceSession(state, action);
    },
    client,
    article,
    panel,
    story: fakeStory(client, log),
    review: options.review ? fakeReview(log, options.review) : null,
    suggestions: new FakeSuggestions(log),
    textSelectedElsewhere: () => options.selectedElsewhere ?? false,
    // The speaker renames' history (data/speakerChanges.ts), writing down each step.
    speakerChanges: {
      canUndo: () => options.speakersUndoable ?? false,
      canRedo: () => options.speakersRedoable ?? false,
      undo: async () => log.push('undo speaker change') > 0,
      redo: async () => log.push('redo speaker change') > 0,
    },
  };
  return { context, client, article, log, state: () => state };
}
