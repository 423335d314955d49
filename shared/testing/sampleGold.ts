import { readFileSync } from 'node:fs';
import type { GoldDocument } from '../suggestions/evaluateSuggestions';

/**
 * The hand-labelled gold of the sample corpus (fixtures/sampleGold.json; conventions in
 * fixtures/README.md): for each data/*.txt article, its spans (UTF-16 offsets, with the text
 * they slice) and links.
 */
export interface SampleGoldFile {
  file: string;
  spans: { id: string; label: string; start: number; end: number; text: string; speaker?: string }[];
  links: { head: string; child: string }[];
}

const FIXTURE = new URL('./fixtures/sampleGold.json', import.meta.url);
const DATA_FOLDER = new URL('../../data/', import.meta.url);

export function loadSampleGold(): (SampleGoldFile & GoldDocument)[] {
  const { documents } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { documents: SampleGoldFile[] };
  return documents.map((document) => ({ ...document, text: readFileSync(new URL(document.file, DATA_FOLDER), 'utf8') }));
}
