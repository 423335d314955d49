import type { Span } from '../../shared/model';
import { fail, ok, type Result } from '../../shared/result';
import { overlappingSpan } from '../../shared/matchedSpan';
import { speakerIndexOf } from '../../shared/speakerIndex';
import type { FindStoryMatches, LibraryChange, RenameSpeaker, RestoreDocuments, SpeakerEntry, StoryMatches, DriftReport } from '../../shared/storyContract';
import { tokensOf } from '../../shared/storyText';
import type { LibraryStore } from '../store/libraryStore';
import { driftReportOf } from './driftReport';
import { applyLibraryChange, finishLibraryChange, type PlannedState } from './libraryChanges';
import type { IndexedDocument, StoryIndex } from './storyIndex';
import { StoryIndexService } from './storyIndexService';

/** Matches returned by default. */
const DEFAULT_LIMIT = 30;

/** The span overlapping a match most (moved to shared/ so the story view can follow unsaved changes too). */
export { overlappingSpan };

/** Every match of `text[start, end)` in other articles of the index (see StoryIndex.findMatches). */
export async function storyMatchesIn(index: StoryIndex, source: { documentId: string | null; text: string; start: number; end: number }, limit = DEFAULT_LIMIT): Promise<StoryMatches> {
  const tokens = tokensOf(source.text, source.start, source.end);
  const matches = (await index.findMatches(source.text, tokens, source.documentId, limit)).map((match) => {
    const document = index.get(match.documentId)!;
    return { ...match, title: document.title, text: document.text.slice(match.start, match.end), span: overlappingSpan(document.spans, match.start, match.end) };
  });
  return { source: { ...source, text: source.text.slice(source.start, source.end) }, matches };
}

/** The plan of a speaker rename: every span named one of `from` gets `to`, keeping its first wording. */
export function planSpeakerRename(documents: Iterable<IndexedDocument>, revisions: Map<string, number>, { from, to }: RenameSpeaker, annotator: string, now: string): { planned: PlannedState[]; spans: number } {
  const names = new Set(from);
  const planned: PlannedState[] = [];
  let spans = 0;
  for (const document of documents) {
    if (!document.spans.some((span) => span.speaker !== undefined && names.has(span.speaker) && span.speaker !== to)) continue;
    const renamed = document.spans.map((span): Span => {
      if (span.speaker === undefined || !names.has(span.speaker) || span.speaker === to) return span;
      spans++;
      const original = span.speakerOriginal ?? span.speaker;
      const { speakerOriginal: _dropped, ...rest } = span;
      return { ...rest, speaker: to, ...(original !== to ? { speakerOriginal: original } : {}), updatedAt: now, annotator };
    });
    const revision = revisions.get(document.id);
    if (revision === undefined) continue;
    planned.push({ documentId: document.id, revision, state: { status: document.status, spans: renamed, relations: document.relations, updatedAt: now, annotator } });
  }
  return { planned, spans };
}

/** The handlers of the story requests, over one open library. */
export function createStoryHandlers(store: LibraryStore, service = new StoryIndexService(store)) {
  // A rename cut short last time is finished before any new one starts.
  const recovered = finishLibraryChange(store).then(
    (problems) => problems.forEach((message) => store.notices.push({ level: 'warning', message })),
    (error: unknown) => store.notices.push({ level: 'warning', message: `A speaker rename cut short could not be finished: ${String(error)}` }),
  );
  return {
    service,
    async findStoryMatches(args: FindStoryMatches): Promise<Result<StoryMatches>> {
      const index = await service.ready();
      if ('text' in args) return ok(await storyMatchesIn(index, { documentId: null, text: args.text, start: 0, end: args.text.length }, args.limit));
      const document = index.get(args.documentId);
      if (!document) return fail('not_found', `There is no article "${args.documentId}".`);
      if (args.end <= args.start || args.end > document.text.length) return fail('invalid_request', `findStoryMatches: the range ${args.start}–${args.end} is not inside article "${args.documentId}" (length ${document.text.length}).`);
      return ok(await storyMatchesIn(index, { documentId: document.id, text: document.text, start: args.start, end: args.end }, args.limit));
    },
    async speakerIndex(): Promise<Result<SpeakerEntry[]>> {
      return ok(speakerIndexOf([...(await service.ready()).all()]));
    },
    async renameSpeaker(args: RenameSpeaker): Promise<Result<LibraryChange>> {
      await recovered;
      const index = await service.ready();
      const affected = [...index.all()].filter((document) => document.spans.some((span) => span.speaker !== undefined && args.from.includes(span.speaker)));
      const revisions = new Map<string, number>();
      const current: IndexedDocument[] = [];
      for (const { id } of affected) {
        // The stored article, not the index's copy, decides: its revision guards the restore.
        const document = await store.getDocument(id);
        if (!document) continue;
        revisions.set(id, document.revision);
        current.push({ id, title: document.meta.title, text: document.text, status: document.status, updatedAt: document.updatedAt, spans: document.spans, relations: document.relations });
      }
      const { planned, spans } = planSpeakerRename(current, revisions, args, store.settings.annotator, new Date().toISOString());
      const result = await applyLibraryChange(store, planned);
      return result.ok ? ok({ ...result.value, count: spans }) : result;
    },
    async restoreDocuments({ documents }: RestoreDocuments): Promise<Result<LibraryChange>> {
      await recovered;
      return applyLibraryChange(store, documents);
    },
    async driftReport(): Promise<Result<DriftReport>> {
      return ok(await driftReportOf(await service.ready()));
    },
  };
}
