import type { NewsDocument } from '../../../shared/model';
import { trimRange } from '../../../shared/spans';
import type { StoryMatch } from '../../../shared/storyContract';
import type { StorySource } from '../data/storyMatches';
import { markPassage } from '../editor/markedPassage';
import type { CommandContext } from './commandContext';
import { selectedSpan } from './editing';

/**
 * What the story view's keys and clicks do (the command table binds s, c and Alt+↓/↑ to these):
 * look up the other tellings of a passage of the open article, move between them, open one,
 * and carry the passage's label over to one.
 */

/**
 * The passage `s` looks up in the open article: the selected text (trimmed of white space),
 * else the selected span. Its span is the selected one, or one covering exactly the selected
 * text; null when nothing is selected.
 */
export function storySource(context: CommandContext, document: NewsDocument): StorySource | null {
  const selected = selectedSpan(context);
  if (context.article?.hasSelection()) {
    const selection = context.article.readSelection();
    const range = selection && trimRange(document.text, selection.start, selection.end);
    if (!range) return null;
    const same = (span: { start: number; end: number }) => span.start === range.start && span.end === range.end;
    const span = selected && same(selected) ? selected : document.spans.find(same);
    return { documentId: document.id, ...range, spanId: span?.id ?? null };
  }
  return selected ? { documentId: document.id, start: selected.start, end: selected.end, spanId: selected.id } : null;
}

/** Whether `s` does something: hide the view, or show it for what is selected. */
export function canToggleStoryView(context: CommandContext, document: NewsDocument): boolean {
  return !!context.story && (context.story.get() !== null || storySource(context, document) !== null);
}

/** `s`: shows the story view for what is selected; when it shows that already (or nothing is selected), hides it. */
export function toggleStoryView(context: CommandContext, document: NewsDocument): void {
  const story = context.story;
  if (!story) return;
  const source = storySource(context, document);
  if (!source || story.shows(source)) hideStoryView(context);
  else void story.show(source);
}

/** Hides the story view and the telling it marked. */
export function hideStoryView(context: CommandContext): void {
  context.story?.hide();
  markPassage(null);
}

export function hasMatches(context: CommandContext): boolean {
  return (context.story?.get()?.matches.length ?? 0) > 0;
}

/** Marks a telling in its article (scrolled to once that article is shown). */
function markMatch(match: StoryMatch): void {
  markPassage({ documentId: match.documentId, start: match.start, end: match.end, text: match.text });
}

/** Alt+↓/↑: the next or previous telling; one in the open article is marked there. */
export function moveMatch(context: CommandContext, step: 1 | -1): void {
  context.story?.move(step);
  const match = context.story?.focusedMatch();
  if (match && match.documentId === context.getState().documentId) markMatch(match);
}

/** A click on a telling: it becomes the focused one, and its article opens at it, marked. */
export function openMatch(context: CommandContext, index: number): void {
  const story = context.story;
  story?.focus(index);
  const match = story?.focusedMatch();
  if (!match) return;
  markMatch(match);
  context.dispatch({ type: 'openDocument', documentId: match.documentId });
}

/** `c`: carries the label over to the focused telling, from the open article (see StoryLookup.carryOver). */
export async function carryLabelOver(context: CommandContext, document: NewsDocument): Promise<void> {
  const match = context.story?.focusedMatch();
  if (!match || !(await context.story!.carryOver(document.id))) return;
  if (match.documentId === context.getState().documentId) markMatch(match);
}
