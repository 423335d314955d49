import { describe, expect, test } from 'vitest';
import type { Span } from './model';
import { proposeCarryOver } from './carryLabel';

const at = (id: string, start: number, end: number, label: string, speaker?: string): Span => ({ id, start, end, label, ...(speaker ? { speaker } : {}), createdAt: '', updatedAt: '', annotator: 'a' });

describe('proposeCarryOver', () => {
  test('the match gets the label and speaker; the same-speaker attribution nearby is proposed first', () => {
    const spans = [at('a1', 90, 100, 'attribution'), at('a2', 150, 160, 'attribution', 'Psaki'), at('far', 900, 910, 'attribution', 'Psaki')];
    expect(proposeCarryOver({ start: 100, end: 140 }, { label: 'quote', speaker: 'Psaki' }, { spans })).toEqual({ span: { start: 100, end: 140, label: 'quote', speaker: 'Psaki' }, attributionId: 'a2' });
  });

  test('no attribution within reach: nothing to link', () => {
    expect(proposeCarryOver({ start: 0, end: 10 }, { label: 'quote' }, { spans: [at('far', 900, 910, 'attribution')] })).toEqual({ span: { start: 0, end: 10, label: 'quote' }, attributionId: null });
  });
});
