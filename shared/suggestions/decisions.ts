import { z } from 'zod';
import { idSchema } from '../model';
import { SUGGESTION_RULES, type SuggestionRuleId } from './rules';

/**
 * What the user did with suggestions, kept per library (the file `suggestion-decisions.json` in
 * the data folder, written durably like every other change). One decision per document and
 * suggestion key, so sending the same decision twice (a retry) counts once, and a decision can be
 * withdrawn when the change it made is undone. The counts per rule are worked out from it.
 */
export const SUGGESTION_DECISIONS = ['accepted', 'rejected', 'withdrawn'] as const;

export const suggestionDecisionSchema = z
  .object({
    documentId: idSchema,
    /** The suggestion's key (SuggestedSpan.key or SuggestedLink.key). */
    key: z.string().min(1).max(200),
    ruleId: z.enum(SUGGESTION_RULES),
    /** "withdrawn" forgets an earlier decision (its accept or reject was undone). */
    decision: z.enum(SUGGESTION_DECISIONS),
  })
  .strict();
export type SuggestionDecision = z.infer<typeof suggestionDecisionSchema>;

export const decisionsFileSchema = z
  .object({
    version: z.literal(1),
    /** documentId → suggestion key → what was decided by which rule's suggestion. */
    documents: z.record(z.string(), z.record(z.string(), z.object({ ruleId: z.enum(SUGGESTION_RULES), decision: z.enum(['accepted', 'rejected']) }).strict())),
  })
  .strict();
export type DecisionsFile = z.infer<typeof decisionsFileSchema>;

export const EMPTY_DECISIONS: DecisionsFile = { version: 1, documents: {} };

/** Accepted and rejected suggestions per rule (every rule listed, zeros included). */
export type SuggestionCounts = Record<SuggestionRuleId, { accepted: number; rejected: number }>;

/** The file with one more decision, or the same object when it changes nothing. */
export function withDecision(file: DecisionsFile, decision: SuggestionDecision): DecisionsFile {
  const current = file.documents[decision.documentId]?.[decision.key];
  if (decision.decision === 'withdrawn') {
    if (!current) return file;
    const { [decision.key]: _removed, ...rest } = file.documents[decision.documentId]!;
    const documents = { ...file.documents };
    if (Object.keys(rest).length === 0) delete documents[decision.documentId];
    else documents[decision.documentId] = rest;
    return { ...file, documents };
  }
  if (current && current.decision === decision.decision && current.ruleId === decision.ruleId) return file;
  return {
    ...file,
    documents: { ...file.documents, [decision.documentId]: { ...file.documents[decision.documentId], [decision.key]: { ruleId: decision.ruleId, decision: decision.decision } } },
  };
}

export function countDecisions(file: DecisionsFile): SuggestionCounts {
  const counts = Object.fromEntries(SUGGESTION_RULES.map((rule) => [rule, { accepted: 0, rejected: 0 }])) as SuggestionCounts;
  for (const decisions of Object.values(file.documents)) {
    for (const { ruleId, decision } of Object.values(decisions)) counts[ruleId][decision]++;
  }
  return counts;
}

/** The keys rejected in one document: suggest() leaves them out. */
export function rejectedKeys(file: DecisionsFile, documentId: string): Set<string> {
  return new Set(Object.entries(file.documents[documentId] ?? {}).filter(([, value]) => value.decision === 'rejected').map(([key]) => key));
}
