import { describe, expect, test } from 'vitest';
import { showSession as show } from './testing/commandFakes';
import { INITIAL_SESSION, reduceSession, type SessionAction, type SessionState } from './sessionState';


const BUSY: SessionState = { view: 'article', documentId: 'a', selectedSpanId: 's1', linking: { sourceId: 's1', targetId: 's2' }, helpOpen: false, listOrder: null };
const QUIET: SessionState = { ...INITIAL_SESSION, documentId: 'a', selectedSpanId: 's1' };

const ROWS: { action: SessionAction; from: SessionState; to: string }[] = [
  { action: { type: 'openDocument', documentId: 'b' }, from: BUSY, to: 'doc b | span -' },
  { action: { type: 'openDocument', documentId: 'a' }, from: BUSY, to: 'doc a | span s1 | link s1→s2' },
  { action: { type: 'openDocument', documentId: null }, from: QUIET, to: 'doc - | span -' },
  { action: { type: 'selectSpan', spanId: 's3' }, from: QUIET, to: 'doc a | span s3' },
  { action: { type: 'selectSpan', spanId: null }, from: QUIET, to: 'doc a | span -' },
  { action: { type: 'startLinking', sourceId: 's1', targetId: 's2' }, from: QUIET, to: 'doc a | span s1 | link s1→s2' },
  { action: { type: 'startLinking', sourceId: 's1', targetId: null }, from: QUIET, to: 'doc a | span s1 | link s1→?' },
  { action: { type: 'moveLinkTarget', targetId: 's3' }, from: BUSY, to: 'doc a | span s1 | link s1→s3' },
  { action: { type: 'moveLinkTarget', targetId: 's3' }, from: QUIET, to: 'doc a | span s1' },
  { action: { type: 'cancelLinking' }, from: BUSY, to: 'doc a | span s1' },
  { action: { type: 'chooseLinkType', targetId: 's3' }, from: BUSY, to: 'doc a | span s1 | link s1→s3 (type?)' },
  { action: { type: 'chooseLinkType', targetId: null }, from: { ...BUSY, linking: { sourceId: 's1', targetId: 's2', choosingType: true } }, to: 'doc a | span s1 | link s1→s2' },
  { action: { type: 'chooseLinkType', targetId: 's3' }, from: QUIET, to: 'doc a | span s1' },
  { action: { type: 'linked', sourceId: 's2' }, from: BUSY, to: 'doc a | span s2' },
  { action: { type: 'setHelp', open: true }, from: QUIET, to: 'doc a | span s1 | help' },
  { action: { type: 'setHelp', open: false }, from: { ...QUIET, helpOpen: true }, to: 'doc a | span s1' },
  { action: { type: 'setView', view: 'article' }, from: BUSY, to: 'doc a | span s1 | link s1→s2' },
  { action: { type: 'spansChanged', spanIds: new Set(['s1', 's2']) }, from: BUSY, to: 'doc a | span s1 | link s1→s2' },
  { action: { type: 'spansChanged', spanIds: new Set(['s2']) }, from: BUSY, to: 'doc a | span -' },
  { action: { type: 'spansChanged', spanIds: new Set(['s1']) }, from: { ...QUIET, selectedSpanId: 's9' }, to: 'doc a | span -' },
];

describe('the session reducer', () => {
  test.each(ROWS)('$action.type → $to', ({ action, from, to }) => {
    expect(show(reduceSession(Object.freeze(from), action))).toBe(to);
  });

  test('every action is in the table', () => {
    const types: SessionAction['type'][] = ['openDocument', 'selectSpan', 'startLinking', 'moveLinkTarget', 'cancelLinking', 'chooseLinkType', 'linked', 'setHelp', 'setView', 'spansChanged'];
    expect(new Set(ROWS.map((row) => row.action.type))).toEqual(new Set(types));
  });

  test('an action that changes nothing returns the same state, so nothing re-renders', () => {
    const unchanged: SessionAction[] = [
      { type: 'openDocument', documentId: 'a' },
      { type: 'selectSpan', spanId: 's1' },
      { type: 'cancelLinking' },
      { type: 'setHelp', open: false },
      { type: 'setView', view: 'article' },
      { type: 'spansChanged', spanIds: new Set(['s1']) },
      { type: 'moveLinkTarget', targetId: 's2' },
    ];
    for (const action of unchanged) expect(reduceSession(QUIET, action), action.type).toBe(QUIET);
    expect(reduceSession(BUSY, { type: 'moveLinkTarget', targetId: 's2' })).toBe(BUSY);
  });
});
