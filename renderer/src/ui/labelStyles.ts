import { useEffect } from 'react';
import type { LabelDefinition } from '../../../shared/model';

/**
 * Label colours as CSS classes (`nm-label-<index>` sets `--hl`), in a constructed style sheet:
 * the page's Content Security Policy allows no inline styles, and colours come from settings.
 */
export function useLabelStyles(labels: readonly LabelDefinition[] | undefined): void {
  useEffect(() => {
    if (!labels) return;
    const sheet = new CSSStyleSheet();
    const rules = labels
      .map((label, index) => (/^#[0-9a-fA-F]{6}$/.test(label.color) ? `.nm-label-${index} { --hl: ${label.color}; }` : ''))
      .join('\n');
    sheet.replaceSync(rules);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((existing) => existing !== sheet);
    };
  }, [labels]);
}

export function labelClass(labels: readonly LabelDefinition[], name: string): string {
  const index = labels.findIndex((label) => label.name === name);
  return index >= 0 ? `nm-label-${index}` : 'nm-label-unknown';
}
