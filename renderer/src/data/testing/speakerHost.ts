import type { RequestArgs, RequestName, RequestResult } from '../../../../shared/contract';
import { applyOperation } from '../../../../shared/operations';
import { fail, ok, type Result } from '../../../../shared/result';
import type { DocumentChange } from '../../../../shared/storyContract';
import { annotationState } from '../../../../shared/undoHistory';
import { FakeHost } from './fakeHost';

const CONTEXT = { annotator: 'ana', now: '2030-01-01T00:00:00.000Z', labels: ['claim', 'quote', 'attribution'] };

/**
 * FakeHost with the library-wide requests of the speaker index, as the store answers them:
 * renameSpeaker and restoreDocuments change every article named at once (restore with its
 * revision check). Each one is written down in `requests`.
 */
export class SpeakerHost extends FakeHost {
  readonly requests: string[] = [];

  override async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>> {
    if (name === 'renameSpeaker') {
      const { from, to } = args as RequestArgs<'renameSpeaker'>;
      this.requests.push(`renameSpeaker ${from.join(' + ')} → ${to}`);
      const planned = [...this.documents.values()]
        .filter((document) => document.spans.some((span) => span.speaker !== undefined && from.includes(span.speaker) && span.speaker !== to))
        .map((document) => ({
          documentId: document.id,
          revision: document.revision,
          state: { ...annotationState(document), spans: document.spans.map((span) => (span.speaker !== undefined && from.includes(span.speaker) && span.speaker !== to ? { ...span, speaker: to, speakerOriginal: span.speakerOriginal ?? span.speaker } : span)) },
        }));
      const result = this.restore(planned);
      return (result.ok ? ok({ ...result.value, count: planned.length }) : result) as Result<RequestResult<K>>;
    }
    if (name === 'restoreDocuments') {
      const { documents } = args as RequestArgs<'restoreDocuments'>;
      this.requests.push(`restoreDocuments ${documents.map((document) => `${document.documentId}@${document.revision}`).join(' ')}`);
      return this.restore(documents) as Result<RequestResult<K>>;
    }
    return super.request(name, args);
  }

  private restore(planned: RequestArgs<'restoreDocuments'>['documents']) {
    const changed: DocumentChange[] = [];
    const problems: string[] = [];
    for (const { documentId, revision, state } of planned) {
      const before = this.documents.get(documentId)!;
      const result = applyOperation(before, { type: 'restore', revision, state }, CONTEXT);
      if (!result.ok) {
        problems.push(`${documentId}: ${result.error.message}`);
        continue;
      }
      this.documents.set(documentId, result.value);
      changed.push({ documentId, revision: result.value.revision, before: annotationState(before), after: annotationState(result.value) });
    }
    return problems.length > 0 ? fail('conflict', `${problems.length} article(s) were not changed: ${problems.join('; ')}`) : ok({ changed, count: changed.length });
  }
}
