import { describe, expect, test } from 'vitest';
import { DEFAULT_LABELS } from './model';
import { LABEL_PALETTE, MARKS_MINIMUM, TEXT_MINIMUM, colourName, contrastRatio, contrastReport, formatRatio } from './labelPalette';

describe('contrast', () => {
  test('WCAG ratios of known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // The WCAG threshold grey: #767676 on white is 4.54:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(() => contrastRatio('blue', '#ffffff')).toThrow(RangeError);
  });

  test('rounds down when shown', () => {
    expect(formatRatio(4.49)).toBe('4.4:1');
    expect(formatRatio(21)).toBe('21:1');
  });

  test('the default label colours draw visible marks, keep the text readable, and pick a readable ink for names', () => {
    for (const label of DEFAULT_LABELS) {
      const report = contrastReport(label.color);
      // The settings panel's own check: marks under MARKS_MINIMUM are flagged as faint.
      expect(report.marks, `${label.name} ${label.color}`).toBeGreaterThanOrEqual(MARKS_MINIMUM);
      expect(report.textOnTint).toBeGreaterThanOrEqual(TEXT_MINIMUM);
      expect(report.name).toBeGreaterThanOrEqual(TEXT_MINIMUM);
    }
    expect(contrastReport('#0072b2')).toMatchObject({ ink: '#ffffff' });
    expect(contrastReport('#c26a00')).toMatchObject({ ink: '#000000' });
    // The old default quote orange was faint on the page (2.2:1).
    expect(contrastReport('#e69f00').marks).toBeLessThan(MARKS_MINIMUM);
  });

  test('a pale colour is reported as faint on the page', () => {
    expect(contrastReport('#f0e442').marks).toBeLessThan(MARKS_MINIMUM);
  });
});

describe('palette', () => {
  test('starts with the default labels’ colours, has no repeats, and names its colours', () => {
    expect(LABEL_PALETTE.slice(0, 3).map((entry) => entry.color)).toEqual(DEFAULT_LABELS.map((label) => label.color));
    expect(new Set(LABEL_PALETTE.map((entry) => entry.color)).size).toBe(LABEL_PALETTE.length);
    expect(colourName('#E69F00')).toBe('Orange');
    expect(colourName('#123456')).toBe('#123456');
  });
});
