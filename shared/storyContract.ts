import { z } from 'zod';
import { idSchema, offsetSchema } from './model';
import { annotationStateSchema, type AnnotationState } from './operations';
import type { MatchKind, WordChange } from './storyMatch';

/**
 * The requests of the story view, the speaker index and the drift report (see contract.ts),
 * with their results. Offsets are UTF-16 indices into the article's text, end exclusive.
 */

/** The longest passage looked up in the story view, in UTF-16 units. */
export const MAX_STORY_QUERY = 5_000;

export const findStoryMatchesSchema = z.union([
  z.object({ documentId: idSchema, start: offsetSchema, end: offsetSchema, limit: z.number().int().min(1).max(200).optional() }).strict(),
  z.object({ text: z.string().min(1).max(MAX_STORY_QUERY), limit: z.number().int().min(1).max(200).optional() }).strict(),
]);
export type FindStoryMatches = z.infer<typeof findStoryMatchesSchema>;

/** A span of the matched article that overlaps the match. */
export interface MatchedSpan {
  id: string;
  label: string;
  start: number;
  end: number;
  speaker?: string;
}

/** One telling of the passage in another article. */
export interface StoryMatch {
  documentId: string;
  title: string;
  start: number;
  end: number;
  /** The matched text as written there. */
  text: string;
  kind: MatchKind;
  /** 0–1; 1 is the same words. */
  similarity: number;
  /** Word by word from the source passage to this one; source offsets are the source's. */
  changes: WordChange[];
  /** The span there that overlaps the match most (a labelled quote), or null. */
  span: MatchedSpan | null;
}

export interface StoryMatches {
  /** The passage looked up: in an article (`documentId` set) or typed (`documentId` null, offsets into `text`). */
  source: { documentId: string | null; start: number; end: number; text: string };
  /** Best first. */
  matches: StoryMatch[];
}

/** One span with a speaker, for the speaker index. */
export interface SpeakerQuote {
  documentId: string;
  title: string;
  spanId: string;
  label: string;
  start: number;
  end: number;
  text: string;
  /** The speaker as first written, when a rename changed it. */
  speakerOriginal?: string;
}

export interface SpeakerEntry {
  speaker: string;
  /** Spans naming this speaker. */
  count: number;
  /** Articles they are in. */
  documents: number;
  /** The spans, grouped where their texts tell the same quote; largest group first. */
  groups: SpeakerQuote[][];
}

export const renameSpeakerSchema = z
  .object({
    /** Speaker names to replace, exactly as on the spans (e.g. "Psaki", "Jen Psaki"). */
    from: z.array(z.string().min(1).max(500)).min(1).max(100),
    /** The canonical name every one of them becomes. */
    to: z.string().trim().min(1).max(500),
  })
  .strict();
export type RenameSpeaker = z.infer<typeof renameSpeakerSchema>;

/** One article's state before and after a library-wide change; `revision` is after it. */
export interface DocumentChange {
  documentId: string;
  revision: number;
  before: AnnotationState;
  after: AnnotationState;
}

/**
 * The outcome of renameSpeaker or restoreDocuments. Undo is one restoreDocuments request with
 * every `{ documentId, revision, state: before }`; redo the same with `after` (and the revisions
 * the undo returned).
 */
export interface LibraryChange {
  changed: DocumentChange[];
  /** Spans whose speaker changed (renameSpeaker) or documents restored (restoreDocuments). */
  count: number;
}

export const restoreDocumentsSchema = z
  .object({
    documents: z
      .array(z.object({ documentId: idSchema, revision: z.number().int().nonnegative(), state: annotationStateSchema }).strict())
      .min(1)
      .max(100_000),
  })
  .strict();
export type RestoreDocuments = z.infer<typeof restoreDocumentsSchema>;

/** One side of a drifted quote. */
export interface DriftSide {
  documentId: string;
  title: string;
  start: number;
  end: number;
  text: string;
  /** The labelled span it is, when it is one. */
  spanId: string | null;
}

/** A quote told in two articles with different words. */
export interface DriftEntry {
  speaker: string | null;
  kind: Exclude<MatchKind, 'exact'>;
  similarity: number;
  source: DriftSide;
  target: DriftSide;
  changes: WordChange[];
}

export interface DriftReport {
  entries: DriftEntry[];
  /** Quotes looked up (labelled quote spans and passages in quotation marks). */
  quotesChecked: number;
}
