import { proposeCarryOver } from '../../../shared/carryLabel';
import { DEFAULT_RELATION_TYPE, type NewsDocument, type Span } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import type { AppError, Result } from '../../../shared/result';
import type { FindStoryMatches, StoryMatch, StoryMatches } from '../../../shared/storyContract';
import type { Message } from './librarySlices';
import { ATTRIBUTION_LABEL } from './links';
import { newId, newSpanId } from './newSpanId';

/**
 * The story view's data: the passage looked up, the other tellings the host's story index found
 * (best first), which one the keyboard is on, and carrying a label over to one of them. Offsets
 * are UTF-16 indices into each article's text, end exclusive.
 */

/** The passage the story view is about: a span of an article, or text selected there. */
export interface StorySource {
  documentId: string;
  start: number;
  end: number;
  /** The span whose label and speaker are carried over; null for selected text no span covers exactly. */
  spanId: string | null;
}

export interface StoryViewState {
  source: StorySource;
  phase: 'loading' | 'ready' | 'failed';
  /** Best first; empty until the host answers. */
  matches: readonly StoryMatch[];
  /** Why the lookup failed (phase "failed"). */
  error: string | null;
  /** The match the keyboard is on (Alt+↓/↑, then c carries the label there); -1 when there is none. */
  focused: number;
}

/** What the story view needs of the library client (LibraryClient has it all). */
export interface StoryClient {
  getDocument(documentId: string): NewsDocument | null;
  openDocument(documentId: string): Promise<NewsDocument | null>;
  applyAll(documentId: string, operations: readonly DocumentOperation[], options: { origin: string }): AppError | null;
  relationTypes?(): readonly string[];
  notices: { tell(message: Message): void };
}

/** Asks the host for the tellings of a passage (the findStoryMatches request). */
export type FindMatches = (args: FindStoryMatches) => Promise<Result<StoryMatches>>;

/** Matches asked for per lookup. */
const MATCH_LIMIT = 30;

/** The label and speaker a span carries over: its own speaker, else that of the attribution it is linked to. */
export function carriedLabel(document: NewsDocument, span: Span): Pick<Span, 'label' | 'speaker'> {
  if (span.speaker) return { label: span.label, speaker: span.speaker };
  const attributions = document.relations.filter((relation) => relation.headId === span.id).map((relation) => document.spans.find((candidate) => candidate.id === relation.childId));
  const speaker = attributions.find((attribution) => attribution?.speaker)?.speaker;
  return speaker ? { label: span.label, speaker } : { label: span.label };
}

/** The story view's state, for components to follow (subscribe, get) and commands to change. */
export class StoryLookup {
  private state: StoryViewState | null = null;
  private readonly listeners = new Set<() => void>();
  /** Counts lookups, so that an answer to one replaced since is dropped. */
  private asked = 0;

  constructor(
    private readonly find: FindMatches,
    private readonly client: StoryClient,
  ) {}

  get = (): StoryViewState | null => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: StoryViewState | null): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Whether the view is showing `source` already (the same article and range). */
  shows(source: Pick<StorySource, 'documentId' | 'start' | 'end'>): boolean {
    const current = this.state?.source;
    return !!current && current.documentId === source.documentId && current.start === source.start && current.end === source.end;
  }

  /** Looks up the tellings of `source`; the view shows it at once, loading, then the answer. */
  async show(source: StorySource): Promise<void> {
    const ticket = ++this.asked;
    this.set({ source, phase: 'loading', matches: [], error: null, focused: -1 });
    const result = await this.find({ documentId: source.documentId, start: source.start, end: source.end, limit: MATCH_LIMIT });
    if (ticket !== this.asked) return;
    if (result.ok) this.set({ source, phase: 'ready', matches: result.value.matches, error: null, focused: result.value.matches.length > 0 ? 0 : -1 });
    else this.set({ source, phase: 'failed', matches: [], error: result.error.message, focused: -1 });
  }

  hide(): void {
    this.asked++;
    this.set(null);
  }

  /** Moves the keyboard to match `index`, kept within the list. */
  focus(index: number): void {
    const state = this.state;
    if (!state || state.matches.length === 0) return;
    const focused = Math.max(0, Math.min(state.matches.length - 1, index));
    if (focused !== state.focused) this.set({ ...state, focused });
  }

  /** Moves the keyboard to the next (1) or previous (-1) match. */
  move(step: 1 | -1): void {
    if (this.state) this.focus(this.state.focused + step);
  }

  focusedMatch(): StoryMatch | null {
    return this.state?.matches[this.state.focused] ?? null;
  }

  /**
   * Carries the source span's label and speaker over to the focused match, from the article
   * `origin` the user is in: the match becomes a span with them, linked to the attribution
   * nearby that proposeCarryOver picks. One change, which undo from `origin` reverses. The
   * target article is loaded first if it is not yet. Resolves to false, having told the user
   * why, when there is nothing to carry or the change cannot be made.
   */
  async carryOver(origin: string): Promise<boolean> {
    const state = this.state;
    const match = this.focusedMatch();
    if (!state || !match) return false;
    const sourceDocument = this.client.getDocument(state.source.documentId);
    const sourceSpan = sourceDocument?.spans.find((span) => span.id === state.source.spanId);
    if (!sourceDocument || !sourceSpan) {
      this.client.notices.tell({ level: 'error', text: 'Only a label can be carried over: label the passage (or select its span), then show its story again.' });
      return false;
    }
    const target = this.client.getDocument(match.documentId) ?? (await this.client.openDocument(match.documentId));
    if (!target) return false;
    const carried = carriedLabel(sourceDocument, sourceSpan);
    if (target.spans.some((span) => span.start === match.start && span.end === match.end && span.label === carried.label)) {
      this.client.notices.tell({ level: 'info', text: `“${match.title}” has this passage labelled ${carried.label} already.` });
      return false;
    }
    const proposal = proposeCarryOver(match, carried, target, ATTRIBUTION_LABEL);
    const id = newSpanId();
    const operations: DocumentOperation[] = [{ type: 'createSpan', span: { id, ...proposal.span } }];
    // A quote or claim points to its attribution (as linkBetween has it); an attribution carried over is linked to nothing.
    const attributionId = carried.label === ATTRIBUTION_LABEL ? null : proposal.attributionId;
    if (attributionId) operations.push({ type: 'linkSpans', relation: { id: newId('r'), label: this.client.relationTypes?.()[0] ?? DEFAULT_RELATION_TYPE, headId: id, childId: attributionId } });
    if (this.client.applyAll(match.documentId, operations, { origin }) !== null) return false;
    const linked = attributionId ? ', linked to its attribution' : '';
    const speaker = carried.speaker ? ` (${carried.speaker})` : '';
    this.client.notices.tell({ level: 'info', text: `Labelled ${carried.label}${speaker} in “${match.title}”${linked}. Undo removes it.` });
    return true;
  }
}
