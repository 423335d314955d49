import type { NewsmarkApi } from '../../../shared/contract';
import type { NewsDocument, Span } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import type { Result } from '../../../shared/result';
import { acceptLinkOperations, acceptParagraphOperations, acceptSpanOperations } from '../../../shared/suggestions/acceptSuggestion';
import type { SuggestionCounts, SuggestionDecision } from '../../../shared/suggestions/decisions';
import { openSuggestionsAfter } from './openSuggestionsAfter';
import type { SuggestionRuleId } from '../../../shared/suggestions/rules';
import { suggestionKey, type Suggestions } from '../../../shared/suggestions/suggest';
import type { LibraryClient } from './libraryClient';
import { newSpanId } from './newSpanId';
import type { TaggedStep } from './undoHistories';

/** The undo step of an accept: which suggestions it turned into spans and links, by key. */
class AcceptedSuggestions {
  constructor(readonly decisions: readonly { key: string; ruleId: SuggestionRuleId }[]) {}
}

/**
 * The suggestions of the articles shown in this window (with LibraryClient and LibraryServices,
 * the only code of the renderer that calls the host about them). Each article's suggestions are
 * fetched once, when asked (after its first paint), and shown over it as it now is: a suggestion
 * a real span of its label covers is not shown (see openSuggestions). Accepting goes through the
 * client's usual change path as ONE undo step, and the decision is recorded (withdrawn when that
 * step is undone, recorded again when it is redone); rejecting hides the suggestion and records it.
 */
export class SuggestionClient {
  /** What the host answered per article, less what was rejected here since. */
  private readonly fetched = new Map<string, Suggestions>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly open = new Map<string, { source: Suggestions; spans: readonly Span[]; value: Suggestions }>();
  private readonly listeners = new Set<() => void>();
  /** Decisions are sent one after another, in the order made (an accept, its withdrawal, …). */
  private queue: Promise<unknown> = Promise.resolve();
  private counts: SuggestionCounts | null = null;

  constructor(
    private readonly host: NewsmarkApi,
    private readonly client: LibraryClient,
  ) {
    client.onTaggedStep((step) => this.onStep(step));
  }

  /** Called after any article's suggestions or the counts change. Returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Fetches an article's suggestions, once (later calls share the answer). A failure shows none and says why. */
  load(documentId: string): Promise<void> {
    if (this.fetched.has(documentId)) return Promise.resolve();
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.host.request('getSuggestions', { documentId }).then((result) => {
        this.loading.delete(documentId);
        if (!result.ok) {
          this.client.notices.tell({ level: 'error', text: `Suggestions could not be made: ${result.error.message}` });
          return;
        }
        this.fetched.set(documentId, result.value);
        this.notify();
      });
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  /** The open suggestions over the article as shown now; null until fetched (or when it is not loaded). */
  get(documentId: string): Suggestions | null {
    const source = this.fetched.get(documentId);
    const document = this.client.getDocument(documentId);
    if (!source || !document) return null;
    const cached = this.open.get(documentId);
    if (cached && cached.source === source && cached.spans === document.spans) return cached.value;
    const fresh = openSuggestionsAfter(cached, source, document.spans);
    // Most changes cover no new suggestion: the same answer keeps its identity, so nothing is redrawn.
    const value = cached && cached.source === source && (fresh === cached.value || sameItems(cached.value, fresh)) ? cached.value : fresh;
    this.open.set(documentId, { source, spans: document.spans, value });
    return value;
  }

  /**
   * Accepts a suggested span (with links to its suggested partners that are real already) or a
   * suggested link (with its ends). False when there is no such open suggestion or the change
   * could not apply (the user has been told).
   */
  accept(documentId: string, key: string): boolean {
    const open = this.get(documentId);
    const suggestions = this.acceptable(documentId);
    const document = this.client.getDocument(documentId);
    if (!open || !suggestions || !document) return false;
    const span = open.spans.find((each) => each.key === key);
    const link = span ? undefined : open.links.find((each) => each.key === key);
    // A link whose other end a different real span now covers has nothing to link to.
    const ends = new Set(suggestions.spans.map((each) => each.key));
    if (!span && !(link && ends.has(link.headKey) && ends.has(link.childKey))) return false;
    const operations = span ? acceptSpanOperations(document, suggestions, span, newSpanId) : acceptLinkOperations(document, suggestions, link!, newSpanId);
    return this.applyAccepted(document, suggestions, operations);
  }

  /** Accepts every open suggestion starting in the paragraph holding `offset`, as one undo step; how many spans it made. */
  acceptParagraph(documentId: string, offset: number): number {
    const suggestions = this.acceptable(documentId);
    const document = this.client.getDocument(documentId);
    if (!suggestions || !document) return 0;
    const operations = acceptParagraphOperations(document, suggestions, offset, newSpanId);
    return this.applyAccepted(document, suggestions, operations) ? operations.filter((operation) => operation.type === 'createSpan').length : 0;
  }

  /**
   * What accepting works from: the open suggestions, and those a real span now is exactly (so an
   * accepted quote's link to its attribution is made when the attribution is accepted after it).
   */
  private acceptable(documentId: string): Suggestions | null {
    const source = this.fetched.get(documentId);
    const open = this.get(documentId);
    const document = this.client.getDocument(documentId);
    if (!source || !open || !document) return null;
    const openKeys = new Set(open.spans.map((span) => span.key));
    const realKeys = new Set(document.spans.map(suggestionKey));
    return { spans: source.spans.filter((span) => openKeys.has(span.key) || realKeys.has(span.key)), links: source.links };
  }

  private applyAccepted(document: NewsDocument, suggestions: Suggestions, operations: readonly DocumentOperation[]): boolean {
    if (operations.length === 0) return false;
    const decisions = acceptedBy(document, suggestions, operations);
    if (this.client.applyAll(document.id, operations, { tag: new AcceptedSuggestions(decisions) }) !== null) return false;
    for (const decision of decisions) this.record({ documentId: document.id, ...decision, decision: 'accepted' });
    return true;
  }

  /** Rejects an open suggested span (its suggested links go with it) or link. False when there is none. */
  reject(documentId: string, key: string): boolean {
    const source = this.fetched.get(documentId);
    const suggestions = this.get(documentId);
    const span = suggestions?.spans.find((each) => each.key === key);
    const link = span ? undefined : suggestions?.links.find((each) => each.key === key);
    if (!source || (!span && !link)) return false;
    const ends = (each: { headKey: string; childKey: string; key: string }) => each.key === key || each.headKey === key || each.childKey === key;
    this.fetched.set(documentId, { spans: source.spans.filter((each) => each.key !== key), links: source.links.filter((each) => !ends(each)) });
    this.record({ documentId, key, ruleId: (span ?? link)!.ruleId, decision: 'rejected' });
    this.notify();
    return true;
  }

  /** The accepted and rejected suggestions per rule over the library, as last heard (null before). */
  getCounts = (): SuggestionCounts | null => this.counts;

  /** Asks the host for the counts per rule again. */
  async refreshCounts(): Promise<Result<SuggestionCounts>> {
    const result = await this.host.request('suggestionStats', {});
    if (result.ok) {
      this.counts = result.value;
      this.notify();
    }
    return result;
  }

  private onStep({ documentId, direction, tag }: TaggedStep): void {
    if (!(tag instanceof AcceptedSuggestions)) return;
    for (const decision of tag.decisions) this.record({ documentId, ...decision, decision: direction === 'undo' ? 'withdrawn' : 'accepted' });
  }

  private record(decision: SuggestionDecision): void {
    this.queue = this.queue.then(async () => {
      const result = await this.host.request('recordSuggestionDecision', decision);
      if (!result.ok) {
        this.client.notices.tell({ level: 'error', text: `A suggestion decision could not be recorded: ${result.error.message}` });
        return;
      }
      this.counts = result.value;
      this.notify();
    });
  }
}

/** Whether two sets of suggestions from the same answer hold the very same items. */
function sameItems(a: Suggestions, b: Suggestions): boolean {
  return a.spans.length === b.spans.length && a.links.length === b.links.length && a.spans.every((span, index) => span === b.spans[index]) && a.links.every((link, index) => link === b.links[index]);
}

/** The suggestions (spans by key, links by key) that `operations` make real, with their rules. */
function acceptedBy(document: NewsDocument, suggestions: Suggestions, operations: readonly DocumentOperation[]): { key: string; ruleId: SuggestionRuleId }[] {
  const spanKeys = new Map(document.spans.map((span) => [span.id, suggestionKey(span)]));
  const rules = new Map<string, SuggestionRuleId>([...suggestions.spans, ...suggestions.links].map((each) => [each.key, each.ruleId]));
  const decisions: { key: string; ruleId: SuggestionRuleId }[] = [];
  const add = (key: string | undefined) => {
    const ruleId = key === undefined ? undefined : rules.get(key);
    if (key !== undefined && ruleId) decisions.push({ key, ruleId });
  };
  for (const operation of operations) {
    if (operation.type === 'createSpan') {
      const key = suggestionKey(operation.span);
      spanKeys.set(operation.span.id, key);
      add(key);
    } else if (operation.type === 'linkSpans') {
      const head = spanKeys.get(operation.relation.headId);
      const child = spanKeys.get(operation.relation.childId);
      add(head && child ? `${head}>${child}` : undefined);
    }
  }
  return decisions;
}
