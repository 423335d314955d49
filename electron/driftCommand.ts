import { parseArgs } from 'node:util';
import type { DriftEntry } from '../shared/storyContract';
import { driftReportOf } from './services/driftReport';
import { StoryIndexService } from './services/storyIndexService';
import type { LibraryStore } from './store/libraryStore';

export const DRIFT_USAGE = `Usage: newsmark drift [--data-dir DIR] [--json]

Lists every quote that appears in more than one article with different words: labelled quote
spans and passages in quotation marks, each matched against the other articles (trimmed,
re-punctuated or reworded). For each: the two articles, the speaker when known, and the words
changed, shown as [-removed-]{+added+}. --json prints one object:
  {"quotesChecked", "entries": [{"speaker", "kind": "near"|"reworded", "similarity",
    "source": {"documentId", "title", "start", "end", "text", "spanId"}, "target": {…},
    "changes": [{"type": "equal"|"insert"|"delete"|"replace", "source", "target",
                 "sourceStart", "sourceEnd", "targetStart", "targetEnd"}]}]}
Offsets are UTF-16 code units into each article's text.
  --data-dir DIR   the library folder (default: NEWSMARK_DATA_DIR, else the desktop app's folder)`;

/** The changes of one entry as a line: equal words as they are, changed ones marked. */
export function describeChanges(entry: DriftEntry): string {
  return entry.changes
    .map((change) => {
      if (change.type === 'equal') return change.target;
      if (change.type === 'insert') return `{+${change.target}+}`;
      if (change.type === 'delete') return `[-${change.source}-]`;
      return `[-${change.source}-]{+${change.target}+}`;
    })
    .join(' ');
}

/** `newsmark drift`: exit 0 whether or not drift was found. */
export async function runDrift(args: string[], withLibrary: <T>(folder: string | undefined, work: (store: LibraryStore) => Promise<T>) => Promise<T>): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(DRIFT_USAGE), 0;
  return withLibrary(values['data-dir'], async (store) => {
    const service = new StoryIndexService(store);
    try {
      const report = await driftReportOf(await service.ready());
      if (values.json) {
        console.log(JSON.stringify(report));
        return 0;
      }
      console.log(`${report.entries.length} drifted quote(s) among ${report.quotesChecked} checked`);
      for (const entry of report.entries) {
        console.log(`\n${entry.source.documentId} → ${entry.target.documentId}  ${entry.kind}, ${Math.round(entry.similarity * 100)}% alike${entry.speaker ? `  speaker: ${entry.speaker}` : ''}`);
        console.log(`  ${entry.source.title}\n  ${entry.target.title}`);
        console.log(`  ${describeChanges(entry)}`);
      }
      return 0;
    } finally {
      await service.close();
    }
  });
}
