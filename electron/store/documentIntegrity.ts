import type { NewsDocument } from '../../shared/model';
import { rangeProblem } from '../../shared/spans';

export interface IntegrityReport {
  /** The document without what does not hold together (the same object when all is well). */
  document: NewsDocument;
  /** One line per span or relation left out, naming it and why. */
  problems: string[];
}

/**
 * Checks a document read from disk the way the app would have made it: each span fits the text
 * (rangeProblem) and has an id of its own, and each relation joins two spans that exist and
 * has an id of its own. What does not hold is left out of the returned document and listed in
 * `problems`; the caller decides what to tell the user and what to keep on disk.
 */
export function checkStoredDocument(document: NewsDocument): IntegrityReport {
  const problems: string[] = [];
  const spanIds = new Set<string>();
  const spans = document.spans.filter((span) => {
    const problem = spanIds.has(span.id) ? 'its id is used by another span' : rangeProblem(document.text, span.start, span.end);
    if (problem) {
      problems.push(`span ${span.id} (${span.label}, ${span.start}–${span.end}): ${problem}`);
      return false;
    }
    spanIds.add(span.id);
    return true;
  });
  const relationIds = new Set<string>();
  const relations = document.relations.filter((relation) => {
    const missing = [relation.headId, relation.childId].find((id) => !spanIds.has(id));
    const problem = relationIds.has(relation.id) ? 'its id is used by another relation' : missing ? `span ${missing} is not in the article` : null;
    if (problem) {
      problems.push(`relation ${relation.id} (${relation.headId} → ${relation.childId}): ${problem}`);
      return false;
    }
    relationIds.add(relation.id);
    return true;
  });
  if (problems.length === 0) return { document, problems };
  return { document: { ...document, spans, relations }, problems };
}
