import { describe, expect, test, vi } from 'vitest';
import type { TextRange } from '../../../shared/spans';
import { COMMANDS, type CommandId } from '../keyMap';
import { COMMAND_HANDLERS, runCommand } from './commands';
import { applyLabel, link } from './editing';
import type { SessionState } from './sessionState';
import { harness, showSession } from './testing/commandFakes';

interface Row {
  command: CommandId;
  /** What the row is about, when a command has several. */
  when?: string;
  given?: Partial<SessionState>;
  options?: { selection?: TextRange; undoable?: boolean; redoable?: boolean; speakersUndoable?: boolean; speakersRedoable?: boolean; review?: { focused: boolean; undoable: boolean }; caret?: number; clickedSuggestion?: string };
  /** False: the command does not apply (the key keeps its usual meaning) and nothing happens. */
  applies?: false;
  /** What was done, in order: changes to the library, calls to the article and the panel. */
  log?: string[];
  /** The session after it, as showSession writes it. */
  session?: string;
}

// The sample article: "Psaki said" (attribution s2, 0–10) and "we are ready" (quote s1, 11–23).
const SPAN = { selectedSpanId: 's1' };
const LINKING = { selectedSpanId: 's1', linking: { sourceId: 's1', targetId: 's2' } };
const SELECTION = { selection: { start: 11, end: 15 } };
const REVIEW: Partial<SessionState> = { view: 'review' };

const ROWS: Row[] = [
  { command: 'caretLeft', given: SPAN, log: ['moveCaret character -1'], session: 'doc a | span -' },
  { command: 'caretRight', log: ['moveCaret character 1'], session: 'doc a | span -' },
  { command: 'caretRight', when: 'without an article', given: { documentId: null }, applies: false },
  { command: 'caretRight', when: 'under the list of keys', given: { helpOpen: true }, applies: false },
  { command: 'wordLeft', log: ['moveCaret word -1'] },
  { command: 'wordRight', log: ['moveCaret word 1'] },
  { command: 'sentenceBack', log: ['moveCaret sentence -1'] },
  { command: 'sentenceForward', log: ['moveCaret sentence 1'] },
  { command: 'extendLeft', when: 'a span selected: its end moves', given: SPAN, log: ['resizeSpan s1 11-22'], session: 'doc a | span s1' },
  { command: 'extendLeft', when: 'text selected: the selection grows', given: SPAN, options: SELECTION, log: ['moveCaret character -1 extend'] },
  { command: 'extendRight', given: SPAN, log: ['resizeSpan s1 11-24'] },
  { command: 'extendWordLeft', given: SPAN, log: ['moveCaret word -1 extend'], session: 'doc a | span s1' },
  { command: 'extendWordRight', log: ['moveCaret word 1 extend'] },
  { command: 'extendSentenceBack', log: ['moveCaret sentence -1 extend'] },
  { command: 'extendSentenceForward', log: ['moveCaret sentence 1 extend'] },
  { command: 'startLeft', given: SPAN, log: ['resizeSpan s1 10-23'] },
  { command: 'startLeft', when: 'no span selected', applies: false },
  { command: 'startRight', given: SPAN, log: ['resizeSpan s1 12-23'] },
  { command: 'nextSpan', when: 'none selected: the first', log: ['scrollToSpan s2', 'placeCaret 0'], session: 'doc a | span s2' },
  { command: 'nextSpan', when: 'in link mode: the next candidate', given: LINKING, log: ['scrollToSpan s2'], session: 'doc a | span s1 | link s1→s2' },
  { command: 'previousSpan', when: 'round from the first to the last', given: { selectedSpanId: 's2' }, log: ['scrollToSpan s1', 'placeCaret 11'], session: 'doc a | span s1' },
  { command: 'link', given: SPAN, log: ['scrollToSpan s2'], session: 'doc a | span s1 | link s1→s2' },
  { command: 'link', when: 'no span selected', applies: false },
  { command: 'confirm', when: 'in link mode: links', given: LINKING, log: ['linkSpans s1→s2'], session: 'doc a | span s1' },
  { command: 'confirm', when: 'a span selected: its fields', given: SPAN, log: ['editDetails'] },
  { command: 'confirm', when: 'in link mode without a candidate', given: { ...SPAN, linking: { sourceId: 's1', targetId: null } }, applies: false },
  { command: 'deleteSpan', given: SPAN, log: ['deleteSpan s1'], session: 'doc a | span -' },
  { command: 'deleteSpan', when: 'no span selected', applies: false },
  { command: 'undo', options: { undoable: true }, log: ['undo a'] },
  { command: 'undo', when: 'nothing to undo', applies: false },
  { command: 'undo', when: 'a library-wide view shown (drift): not the hidden article', given: { view: 'drift' }, options: { undoable: true }, applies: false },
  { command: 'redo', options: { redoable: true }, log: ['redo a'] },
  { command: 'redo', when: 'nothing to redo', applies: false },
  { command: 'undo', when: 'the speaker index shown: the latest speaker rename', given: { view: 'speakers' }, options: { undoable: true, speakersUndoable: true }, log: ['undo speaker change'] },
  { command: 'undo', when: 'the speaker index shown, no rename to undo: not the hidden article', given: { view: 'speakers' }, options: { undoable: true }, applies: false },
  { command: 'undo', when: 'the article shown: its change, not the rename', options: { undoable: true, speakersUndoable: true }, log: ['undo a'] },
  { command: 'redo', when: 'the speaker index shown: the latest undone rename', given: { view: 'speakers' }, options: { redoable: true, speakersRedoable: true }, log: ['redo speaker change'] },
  { command: 'redo', when: 'the speaker index shown, no rename to redo', given: { view: 'speakers' }, options: { redoable: true }, applies: false },
  { command: 'undo', when: 'in review: the latest choice', given: REVIEW, options: { undoable: true, review: { focused: true, undoable: true } }, log: ['review undo'] },
  { command: 'undo', when: 'in review with no choice made: not the article', given: REVIEW, options: { undoable: true, review: { focused: true, undoable: false } }, applies: false },
  { command: 'redo', when: 'in review', given: REVIEW, options: { review: { focused: true, undoable: true } }, log: ['review redo'] },
  { command: 'keepMine', given: REVIEW, options: { review: { focused: true, undoable: false } }, log: ['review take_a'] },
  { command: 'keepMine', when: 'nothing focused', given: REVIEW, options: { review: { focused: false, undoable: false } }, applies: false },
  { command: 'keepMine', when: 'in the article view', options: { review: { focused: true, undoable: false } }, applies: false },
  { command: 'takeTheirs', given: REVIEW, options: { review: { focused: true, undoable: false } }, log: ['review take_b'] },
  { command: 'takeTheirs', when: 'under the list of keys', given: { ...REVIEW, helpOpen: true }, options: { review: { focused: true, undoable: false } }, applies: false },
  { command: 'markDone', log: ['setStatus done'] },
  { command: 'markDone', when: 'done already: back to in progress', given: { documentId: 'done' }, log: ['setStatus in_progress'] },
  { command: 'markDone', when: 'a library-wide view shown (agreement): not the hidden article', given: { view: 'agreement' }, applies: false },
  { command: 'markSkipped', log: ['setStatus skipped'] },
  { command: 'doneAndNext', given: SPAN, log: ['setStatus done'], session: 'doc b | span -' },
  { command: 'doneAndNext', when: 'done already and the last: stays done, stays', given: { documentId: 'done' }, log: [], session: 'doc done | span -' },
  { command: 'doneAndNext', when: 'the list narrowed: the next it shows', given: { listOrder: ['a', 'done'] }, log: ['setStatus done'], session: 'doc done | span -' },
  { command: 'doneAndNext', when: 'under the list of keys', given: { helpOpen: true }, applies: false },
  { command: 'nextDocument', given: LINKING, log: [], session: 'doc b | span -' },
  { command: 'previousDocument', given: { documentId: 'b' }, log: [], session: 'doc a | span -' },
  { command: 'previousDocument', when: 'at the first: stays', log: [], session: 'doc a | span -' },
  { command: 'nextDocument', when: 'the list narrowed: skips what it hides', given: { listOrder: ['a', 'done'] }, log: [], session: 'doc done | span -' },
  { command: 'nextDocument', when: 'the open article hidden by a filter: the next shown after it', given: { listOrder: ['done'] }, log: [], session: 'doc done | span -' },
  { command: 'previousDocument', when: 'the open article hidden by a filter: the previous shown before it', given: { documentId: 'done', listOrder: ['a'] }, log: [], session: 'doc a | span -' },
  { command: 'nextDocument', when: 'the open article hidden, none shown after it: stays', given: { documentId: 'b', listOrder: ['a'] }, log: [], session: 'doc b | span -' },
  { command: 'nextDocument', when: 'under the list of keys', given: { helpOpen: true }, applies: false },
  { command: 'escape', when: 'closes the list of keys first', given: { ...LINKING, helpOpen: true }, session: 'doc a | span s1 | link s1→s2' },
  { command: 'escape', when: 'then leaves link mode', given: LINKING, session: 'doc a | span s1' },
  { command: 'escape', when: 'then clears the text selection', given: SPAN, options: SELECTION, log: ['clearSelection'], session: 'doc a | span s1' },
  { command: 'escape', when: 'then lets go of the span', given: SPAN, log: [], session: 'doc a | span -' },
  { command: 'escape', when: 'with nothing going on', applies: false },
  { command: 'storyView', when: 'a span selected: looks up its tellings', given: SPAN, log: ['findStoryMatches a 11-23'] },
  { command: 'storyView', when: 'text selected: looks up the text, trimmed', options: { selection: { start: 10, end: 17 } }, log: ['findStoryMatches a 11-17'] },
  { command: 'storyView', when: 'nothing selected, the view hidden', applies: false },
  { command: 'nextMatch', when: 'the story view hidden', applies: false },
  { command: 'previousMatch', when: 'the story view hidden', applies: false },
  { command: 'carryLabel', when: 'the story view hidden', applies: false },
  // The suggestion "Biden spoke" (attribution, 25–36) is in every article but "b" (commandFakes SUGGESTED).
  { command: 'acceptSuggestion', when: 'the caret in it', options: { caret: 30 }, log: ['accept a attribution:25-36'] },
  { command: 'acceptSuggestion', when: 'the caret at its end', options: { caret: 36 }, log: ['accept a attribution:25-36'] },
  { command: 'acceptSuggestion', when: 'clicked, the caret elsewhere', options: { caret: 2, clickedSuggestion: 'attribution:25-36' }, log: ['accept a attribution:25-36'] },
  { command: 'acceptSuggestion', when: 'no suggestion under the caret', options: { caret: 5 }, applies: false },
  { command: 'acceptSuggestion', when: 'no caret', applies: false },
  { command: 'acceptSuggestion', when: 'in link mode', given: LINKING, options: { caret: 30 }, applies: false },
  { command: 'rejectSuggestion', options: { caret: 25 }, log: ['reject a attribution:25-36'] },
  { command: 'rejectSuggestion', when: 'under the list of keys', given: { helpOpen: true }, options: { caret: 30 }, applies: false },
  { command: 'acceptParagraphSuggestions', when: 'the caret in the paragraph, on no suggestion', options: { caret: 3 }, log: ['acceptParagraph a 3'] },
  { command: 'acceptParagraphSuggestions', when: 'clicked: its paragraph', options: { caret: 3, clickedSuggestion: 'attribution:25-36' }, log: ['acceptParagraph a 25'] },
  { command: 'acceptParagraphSuggestions', when: 'no caret', applies: false },
  { command: 'acceptParagraphSuggestions', when: 'no suggestion in the paragraph', given: { documentId: 'b' }, options: { caret: 3 }, applies: false },
  { command: 'help', session: 'doc a | span - | help' },
  { command: 'help', when: 'open: closes', given: { helpOpen: true }, session: 'doc a | span -' },
];

describe('the command table', () => {
  test('has a handler for every command of the key map, and a row here for each', () => {
    const ids = COMMANDS.map((command) => command.id);
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual([...ids].sort());
    expect(new Set(ROWS.map((row) => row.command))).toEqual(new Set(ids));
  });

  test.each(ROWS)('$command $when', ({ command, given, options, applies, log, session }) => {
    const run = harness(given, options);
    const before = showSession(run.state());
    expect(runCommand(command, run.context)).toBe(applies ?? true);
    if (applies === false) {
      expect(run.log).toEqual([]);
      expect(showSession(run.state())).toBe(before);
      return;
    }
    if (log) expect(run.log).toEqual(log);
    if (session) expect(showSession(run.state())).toBe(session);
  });
});

describe('a label key', () => {
  test('labels the selected text, trimmed of white space, and selects the new span', () => {
    const run = harness({}, { selection: { start: 10, end: 23 } });
    applyLabel(run.context, 'claim');
    expect(run.log).toEqual(['createSpan 11-23 claim', 'clearSelection']);
    const created = run.client.getDocument('a')!.spans.find((span) => span.label === 'claim')!;
    expect(showSession(run.state())).toBe(`doc a | span ${created.id}`);
  });

  test('the same label over the same range selects the span already there', () => {
    const run = harness({}, { selection: { start: 11, end: 23 } });
    applyLabel(run.context, 'quote');
    expect(showSession(run.state())).toBe('doc a | span s1');
    expect(run.client.getDocument('a')!.spans).toHaveLength(2);
  });

  test('relabels the selected span when no text is selected', () => {
    const run = harness(SPAN);
    applyLabel(run.context, 'claim');
    expect(run.log).toEqual(['relabelSpan s1 claim']);
  });

  test('does nothing in link mode, nor with text selected outside the article', () => {
    const linking = harness(LINKING, SELECTION);
    applyLabel(linking.context, 'claim');
    const elsewhere = harness(SPAN);
    applyLabel({ ...elsewhere.context, textSelectedElsewhere: () => true }, 'claim');
    expect([...linking.log, ...elsewhere.log]).toEqual([]);
  });
});

describe('linking with several relation types', () => {
  test('Enter asks for the type first; linking with the chosen type makes the link and leaves link mode', () => {
    const run = harness(LINKING);
    run.client.relationTypes = () => ['attributed_to', 'paraphrases'];
    expect(runCommand('confirm', run.context)).toBe(true);
    expect(run.log).toEqual([]);
    expect(showSession(run.state())).toBe('doc a | span s1 | link s1→s2 (type?)');
    link(run.context, 's1', 's2', 'paraphrases');
    expect(run.log).toEqual(['linkSpans s1→s2']);
    expect(run.client.getDocument('a')!.relations.map((relation) => relation.label)).toContain('paraphrases');
    expect(showSession(run.state())).toBe('doc a | span s1');
  });

  test('with one type, Enter links with it at once', () => {
    const run = harness(LINKING);
    run.client.relationTypes = () => ['attributed_to'];
    runCommand('confirm', run.context);
    expect(run.client.getDocument('a')!.relations.map((relation) => relation.label)).toEqual(['attributed_to']);
  });
});

describe('the story view', () => {
  /** The view shown for quote s1 of article a, its answer in. */
  async function shown() {
    const run = harness(SPAN);
    runCommand('storyView', run.context);
    await vi.waitFor(() => expect(run.context.story!.get()?.phase).toBe('ready'));
    return run;
  }

  test('c labels the focused telling in the other article with the label, linked to the attribution nearby', async () => {
    const run = await shown();
    expect(runCommand('nextMatch', run.context)).toBe(true);
    expect(run.context.story!.get()!.focused).toBe(0);
    expect(runCommand('carryLabel', run.context)).toBe(true);
    await vi.waitFor(() => expect(run.log.at(-1)).toMatch(/^tell Labelled quote in “b”, linked/));
    const b = run.client.getDocument('b')!;
    const carried = b.spans.find((span) => span.start === 25)!;
    expect(`${carried.start}-${carried.end} ${carried.label}`).toBe('25-36 quote');
    expect(b.relations.map((relation) => `${relation.headId}→${relation.childId}`)).toEqual([`${carried.id}→s2`]);
    expect(showSession(run.state())).toBe('doc a | span s1');
  });

  test('an attribution carried over is labelled, and linked to nothing', async () => {
    const run = harness({ selectedSpanId: 's2' });
    runCommand('storyView', run.context);
    await vi.waitFor(() => expect(run.context.story!.get()?.phase).toBe('ready'));
    runCommand('carryLabel', run.context);
    await vi.waitFor(() => expect(run.log.at(-1)).toBe('tell Labelled attribution in “b”. Undo removes it.'));
    expect(run.client.getDocument('b')!.relations).toEqual([]);
  });

  test('carrying again over a telling labelled so already changes nothing', async () => {
    const run = await shown();
    runCommand('carryLabel', run.context);
    await vi.waitFor(() => expect(run.client.getDocument('b')!.spans).toHaveLength(3));
    runCommand('carryLabel', run.context);
    await vi.waitFor(() => expect(run.log.at(-1)).toBe('tell “b” has this passage labelled quote already.'));
    expect(run.client.getDocument('b')!.spans).toHaveLength(3);
  });

  test('selected text no span covers has no label to carry: c says so', async () => {
    const run = harness({}, { selection: { start: 25, end: 30 } });
    runCommand('storyView', run.context);
    await vi.waitFor(() => expect(run.context.story!.get()?.phase).toBe('ready'));
    runCommand('carryLabel', run.context);
    await vi.waitFor(() => expect(run.log.at(-1)).toMatch(/^tell Only a label can be carried over/));
  });

  test('Esc lets go of the span first, then hides the view', async () => {
    const run = await shown();
    expect(runCommand('escape', run.context)).toBe(true);
    expect(showSession(run.state())).toBe('doc a | span -');
    expect(run.context.story!.get()).not.toBeNull();
    expect(runCommand('escape', run.context)).toBe(true);
    expect(run.context.story!.get()).toBeNull();
    expect(runCommand('escape', run.context)).toBe(false);
  });

  test('s again for the same passage hides the view', async () => {
    const run = await shown();
    expect(runCommand('storyView', run.context)).toBe(true);
    expect(run.context.story!.get()).toBeNull();
    expect(runCommand('nextMatch', run.context)).toBe(false);
  });
});
