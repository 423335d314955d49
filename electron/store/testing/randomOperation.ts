import { DOCUMENT_STATUSES, type NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import { rangeProblem } from '../../../shared/spans';
import { randomInteger, randomItem } from './seededRandom';

/**
 * A random operation on `document`, mostly valid and sometimes not: spans are created (now and
 * then on the range and label of an existing one, which adds nothing), deleted (now and then
 * one that is not there), relabelled (possibly merging two spans), and statuses set.
 * `newSpanId` names a span that is created.
 */
export function randomOperation(
  document: NewsDocument,
  random: () => number,
  labels: readonly string[],
  newSpanId: string,
): DocumentOperation {
  const roll = random();
  const someSpan = document.spans.length > 0 ? randomItem(random, document.spans) : null;
  if (roll < 0.45 || !someSpan) {
    if (someSpan && random() < 0.08) {
      return { type: 'createSpan', span: { id: newSpanId, start: someSpan.start, end: someSpan.end, label: someSpan.label } };
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const start = randomInteger(random, 0, document.text.length - 1);
      const end = Math.min(document.text.length, start + randomInteger(random, 1, 40));
      if (rangeProblem(document.text, start, end) === null) {
        return { type: 'createSpan', span: { id: newSpanId, start, end, label: randomItem(random, labels) } };
      }
    }
    return { type: 'setStatus', status: randomItem(random, DOCUMENT_STATUSES) };
  }
  if (roll < 0.65) {
    return { type: 'deleteSpan', spanId: random() < 0.1 ? `${newSpanId}-missing` : someSpan.id };
  }
  if (roll < 0.85) return { type: 'relabelSpan', spanId: someSpan.id, label: randomItem(random, labels) };
  return { type: 'setStatus', status: randomItem(random, DOCUMENT_STATUSES) };
}
