import type { StoryMatch } from '../../../shared/storyContract';

/** A piece of a telling as the story view writes it: its own words, or a word change. */
export interface DiffSegment {
  /** `same`: the telling's text, words and the spaces and punctuation between them; `insert`: its words the passage lacks; `delete`: the passage's words it lacks. */
  kind: 'same' | 'insert' | 'delete';
  text: string;
}

/**
 * The telling's text (`match.text`, which starts at `match.start` of its article) cut at its
 * word changes, with the passage's deleted words put where they were: a replacement is its
 * deletion then its insertion ("ready" → "prepared"). Joined, the `same` and `insert`
 * segments are the telling's text exactly.
 */
export function diffSegments(match: Pick<StoryMatch, 'text' | 'start' | 'changes'>): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment['kind'], text: string) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.kind === kind) last.text += text;
    else segments.push({ kind, text });
  };
  // `at` is the next offset of the telling's text (relative to its start) not yet written.
  let at = 0;
  const copyTo = (offset: number) => {
    const end = Math.min(match.text.length, Math.max(at, offset - match.start));
    push('same', match.text.slice(at, end));
    at = end;
  };
  for (const change of match.changes) {
    copyTo(change.targetStart);
    if (change.type === 'delete' || change.type === 'replace') push('delete', change.source);
    if (change.type === 'insert' || change.type === 'replace') {
      push('insert', match.text.slice(at, change.targetEnd - match.start));
      at = Math.max(at, change.targetEnd - match.start);
    }
    if (change.type === 'equal') copyTo(change.targetEnd);
  }
  copyTo(match.start + match.text.length);
  return segments;
}
