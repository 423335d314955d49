/**
 * The passage of an article the story view points at (a telling the user opened or moved to),
 * for the article editor's story match layer (storyMatchLayer.ts) to mark and scroll to. Kept
 * apart from the layer so that the story view can set it without loading the editor's code.
 * Offsets are UTF-16 indices into the article's text, end exclusive.
 */
export interface MarkedPassage {
  documentId: string;
  start: number;
  end: number;
  /** The passage's text, as written in the article: a layer marks it only in an article that has it there. */
  text: string;
}

type Listener = () => void;
let current: MarkedPassage | null = null;
const listeners = new Set<Listener>();

/** Marks a passage (null: none) in whichever article editor shows it, now or once it opens. */
export function markPassage(passage: MarkedPassage | null): void {
  current = passage;
  for (const listener of listeners) listener();
}

export function markedPassage(): MarkedPassage | null {
  return current;
}

export function subscribeToMarkedPassage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
