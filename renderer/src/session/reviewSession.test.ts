import { describe, expect, test } from 'vitest';
import type { AnnotatedVersion } from '../../../shared/agreement/compareDocuments';
import type { NewsDocument } from '../../../shared/model';
import { applyOperation, type DocumentOperation } from '../../../shared/operations';
import { ReviewSession, type ReviewClient } from './reviewSession';

const TEXT = 'Biden will meet Putin, Psaki said. Talks resume Monday.';
const LABELS = ['attribution', 'claim', 'quote'];
const CONTEXT = { annotator: 'ann', now: '2026-02-01T00:00:00.000Z', labels: LABELS };
const STAMP = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', annotator: 'ann' };

const MINE: NewsDocument = {
  id: 'doc',
  text: TEXT,
  meta: { title: 'Summit' },
  status: 'in_progress',
  spans: [
    { id: 'q', start: 0, end: 21, label: 'quote', ...STAMP },
    { id: 'a', start: 23, end: 33, label: 'attribution', ...STAMP },
  ],
  relations: [],
  ...STAMP,
  revision: 1,
};

// Bob: the quote one character shorter, the same attribution, and a claim Ann has not.
const BOB: AnnotatedVersion = {
  spans: [
    { id: 'bq', start: 0, end: 20, label: 'quote', annotator: 'bob' },
    { id: 'ba', start: 23, end: 33, label: 'attribution', annotator: 'bob' },
    { id: 'bc', start: 35, end: 55, label: 'claim', annotator: 'bob' },
  ],
  relations: [],
};

/** A client in memory whose undo puts back the state before each change, as LibraryClient's does. */
class FakeClient implements ReviewClient {
  document = MINE;
  readonly before: NewsDocument[] = [];
  readonly after: NewsDocument[] = [];
  private listener: (() => void) | null = null;
  getDocument = () => this.document;
  openDocument = async () => this.document;
  labels = () => LABELS;
  readonly told: string[] = [];
  tell = (message: string) => void this.told.push(message);
  onDocument(_id: string, listener: () => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
  private set(document: NewsDocument) {
    this.document = document;
    this.listener?.();
  }
  apply(_id: string, operations: readonly DocumentOperation[]) {
    let next = this.document;
    for (const operation of operations) {
      const result = applyOperation(next, operation, CONTEXT);
      if (!result.ok) return result.error;
      next = result.value;
    }
    this.before.push(this.document);
    this.after.length = 0;
    this.set(next);
    return null;
  }
  undo() {
    const previous = this.before.pop();
    if (!previous) return false;
    this.after.push(this.document);
    this.set(previous);
    return true;
  }
  redo() {
    const next = this.after.pop();
    if (!next) return false;
    this.before.push(this.document);
    this.set(next);
    return true;
  }
}

const show = (session: ReviewSession) => session.getSnapshot().items.map((item) => `${item.disagreement.kind}${item.kept ? ' (kept)' : ''}${item.id === session.getSnapshot().focused ? ' *' : ''}`);

async function started(theirs: AnnotatedVersion = BOB) {
  const client = new FakeClient();
  let counter = 0;
  let changes = 0;
  const session = new ReviewSession(client, () => `m${++counter}`, () => changes++);
  await session.start(['doc', 'absent'], async () => ({ ok: true, value: { doc: theirs } }));
  return { client, session, changes: () => changes };
}

describe('review session', () => {
  test('m keeps yours (still listed, settled), t takes theirs with their name; the focus goes to the next open one', async () => {
    const { client, session, changes } = await started();
    expect(show(session)).toEqual(['boundary *', 'only_b']);
    expect(session.decide('take_a')).toBe(true);
    expect(show(session)).toEqual(['boundary (kept)', 'only_b *']);
    expect(session.decide('take_b')).toBe(true);
    expect(show(session)).toEqual(['boundary (kept) *']);
    expect(client.document.spans.map((span) => `${span.label} ${TEXT.slice(span.start, span.end)} ${span.annotator}`)).toContain('claim Talks resume Monday. bob');
    // Two choices, one change to the article (keeping yours changes nothing).
    expect(client.before).toHaveLength(1);
    expect(changes()).toBe(2);
  });

  test('undo goes back one choice at a time across both kinds, and redo makes them again', async () => {
    const { client, session } = await started();
    session.decide('take_b'); // the boundary: Bob's shorter quote replaces Ann's
    session.decide('take_a'); // the claim: kept as Ann's (none)
    expect(show(session)).toEqual(['only_b (kept) *']);
    expect(session.undo()).toBe(true);
    expect(show(session)).toEqual(['only_b *']);
    expect(session.undo()).toBe(true);
    expect(client.document).toBe(MINE);
    expect(show(session)).toEqual(['boundary *', 'only_b']);
    expect(session.undo()).toBe(false);
    expect(session.redo()).toBe(true);
    expect(client.document.spans.find((span) => span.label === 'quote')).toMatchObject({ start: 0, end: 20, annotator: 'bob' });
    expect(session.redo()).toBe(true);
    expect(show(session)).toEqual(['only_b (kept) *']);
    expect(session.getSnapshot()).toMatchObject({ canUndo: true, canRedo: false });
  });

  test('taking theirs moves the focus to the next open one, the list having changed under it', async () => {
    // Bob also quotes "Monday": three disagreements.
    const { session } = await started({ ...BOB, spans: [...BOB.spans, { id: 'bm', start: 48, end: 54, label: 'quote', annotator: 'bob' }] });
    expect(show(session)).toEqual(['boundary *', 'only_b', 'only_b']);
    expect(session.decide('take_b')).toBe(true);
    expect(show(session)).toEqual(['only_b *', 'only_b']);
  });

  test('a choice whose article was edited since is not undone (the edit would be), and the user is told', async () => {
    const { client, session } = await started();
    session.decide('take_b'); // the boundary: Bob's quote
    client.apply('doc', [{ type: 'setSpanSpeaker', spanId: 'a', speaker: 'Jen Psaki' }]);
    expect(session.undo()).toBe(false);
    expect(client.told).toEqual([expect.stringContaining('“Summit” was changed since')]);
    expect(client.document.spans.find((span) => span.id === 'a')!.speaker).toBe('Jen Psaki');
    // Once the edit is undone in the article, the choice can be.
    client.undo();
    expect(session.undo()).toBe(true);
    expect(client.document).toBe(MINE);
  });

  test('an edit made in the article counts at once', async () => {
    const { client, session } = await started();
    client.apply('doc', [{ type: 'resizeSpan', spanId: 'q', start: 0, end: 20 }]);
    expect(show(session)).toEqual(['only_b *']);
  });

  test('↑/↓ move the focus within the list and stop at its ends', async () => {
    const { session } = await started();
    session.moveFocus(1);
    session.moveFocus(1);
    expect(show(session)).toEqual(['boundary', 'only_b *']);
    session.moveFocus(-1);
    expect(show(session)).toEqual(['boundary *', 'only_b']);
  });
});
