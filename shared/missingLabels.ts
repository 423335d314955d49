import { LABEL_PALETTE } from './labelPalette';
import { keyProblem } from './labelSet';
import type { LabelDefinition } from './model';

/** Most labels a label set holds (settingsSchema). */
export const MAX_LABELS = 50;

/** Keys a restored label may get, in the order they are offered: digits first, as the defaults. */
const KEY_CANDIDATES = [...'1234567890abcdefghijkmoqrstuvwy'];

export interface LabelsWithMissing {
  /** `labels` followed by the added ones. */
  labels: LabelDefinition[];
  /** Names added, in the order given. */
  added: string[];
  /** Names not added because the set was full (MAX_LABELS). */
  refused: string[];
}

/**
 * `labels` with every name of `names` that is not among them added at the end, each with the
 * first key no label has that the settings' rules allow (keyProblem; none when every candidate
 * is taken) and the first palette colour no label has (the palette's first when all are used).
 * Used to give spans whose label left the set (settings lost with the index) their label back.
 */
export function withMissingLabels(labels: readonly LabelDefinition[], names: Iterable<string>): LabelsWithMissing {
  const result = [...labels];
  const known = new Set(labels.map((label) => label.name));
  const added: string[] = [];
  const refused: string[] = [];
  for (const name of names) {
    if (known.has(name)) continue;
    known.add(name);
    if (result.length >= MAX_LABELS) {
      refused.push(name);
      continue;
    }
    const key = KEY_CANDIDATES.find((candidate) => keyProblem(candidate, name, result) === null) ?? '';
    const usedColours = new Set(result.map((label) => label.color.toLowerCase()));
    const color = (LABEL_PALETTE.find((entry) => !usedColours.has(entry.color)) ?? LABEL_PALETTE[0]!).color;
    result.push({ name, color, key });
    added.push(name);
  }
  return { labels: result, added, refused };
}
