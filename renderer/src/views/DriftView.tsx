import { useEffect, useMemo, useState } from 'react';
import type { DriftEntry, DriftReport, DriftSide } from '../../../shared/storyContract';
import { useWorkbench } from '../session/workbench';
import { foldForFilter } from './filterSpeakers';
import { MarkedPassage, type DiffSide } from './MarkedPassage';
import { openPassage } from './openPassage';
import { plural } from './plural';
import './libraryViews.css';

/** Entries drawn at once; the filter narrows a longer report. */
const SHOWN_AT_ONCE = 200;

type Loaded = { report: DriftReport; error: null } | { report: null; error: string | null };

/** Whether an entry's speaker, titles or words hold every word of the (folded) filter. */
function matches(entry: DriftEntry, words: readonly string[]): boolean {
  const haystack = foldForFilter([entry.speaker ?? '', entry.source.title, entry.target.title, entry.source.text, entry.target.text].join('\n'));
  return words.every((word) => haystack.includes(word));
}

/**
 * The drift report: every quote told in more than one article with different words — the two
 * articles, the speaker, and each telling with its changed words marked. Clicking a side opens
 * that article at that passage. Fetched each time the view is shown.
 */
export function DriftView() {
  const workbench = useWorkbench();
  const [loaded, setLoaded] = useState<Loaded>({ report: null, error: null });
  const [query, setQuery] = useState('');

  useEffect(() => {
    let live = true;
    void workbench.speakers.driftReport().then((result) => {
      if (live) setLoaded(result.ok ? { report: result.value, error: null } : { report: null, error: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [workbench]);

  const entries = loaded.report?.entries ?? [];
  const shown = useMemo(() => {
    const words = foldForFilter(query).split(/\s+/u).filter(Boolean);
    return words.length === 0 ? entries : entries.filter((entry) => matches(entry, words));
  }, [entries, query]);

  return (
    <main className="library-view drift-view" aria-label="Quote drift">
      <header className="library-view-header">
        <h2>Quote drift</h2>
        <input type="search" className="library-view-filter" placeholder="Filter by speaker, article or words…" aria-label="Filter drifted quotes" value={query} onChange={(event) => setQuery(event.target.value)} />
        <span className="library-view-summary">
          {loaded.report ? `${shown.length === entries.length ? plural(entries.length, 'drifted quote') : `${shown.length} of ${entries.length} drifted quotes`} among ${loaded.report.quotesChecked} checked` : ''}
        </span>
        <span className="drift-legend" aria-label="Legend">
          <mark className="word-delete">left out</mark> <mark className="word-insert">added</mark> <mark className="word-replace">changed</mark>
        </span>
      </header>
      {loaded.error !== null ? (
        <p className="library-view-error">The drift report could not be made: {loaded.error}</p>
      ) : loaded.report === null ? (
        <p className="empty">Comparing the quotes across the library…</p>
      ) : entries.length === 0 ? (
        <p className="empty">No quote is told with different words in two articles.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No drifted quote matches “{query}”.</p>
      ) : (
        <ul className="drift-list">
          {shown.slice(0, SHOWN_AT_ONCE).map((entry) => (
            <DriftCard key={`${entry.source.documentId}:${entry.source.start}:${entry.target.documentId}:${entry.target.start}`} entry={entry} />
          ))}
          {shown.length > SHOWN_AT_ONCE && <li className="empty">{shown.length - SHOWN_AT_ONCE} more: type to narrow the list.</li>}
        </ul>
      )}
    </main>
  );
}

function DriftCard({ entry }: { entry: DriftEntry }) {
  const changed = entry.changes.filter((change) => change.type !== 'equal').length;
  return (
    <li className="drift-card" data-documents={[entry.source.documentId, entry.target.documentId].join(' ')}>
      <div className="drift-head">
        <span className="drift-speaker">{entry.speaker ?? 'Speaker not named'}</span>
        <span className="drift-kind">
          {entry.kind === 'near' ? 'near copy' : 'reworded'} · {Math.round(entry.similarity * 100)}% the same · {plural(changed, 'change')}
        </span>
      </div>
      <DriftSideButton side={entry.source} entry={entry} as="source" />
      <DriftSideButton side={entry.target} entry={entry} as="target" />
    </li>
  );
}

function DriftSideButton({ side, entry, as }: { side: DriftSide; entry: DriftEntry; as: DiffSide }) {
  const workbench = useWorkbench();
  const open = () => void openPassage(workbench, { documentId: side.documentId, start: side.start, end: side.end, spanId: side.spanId });
  return (
    <button type="button" className={`drift-side drift-${as}`} data-document={side.documentId} onClick={open} title={`Open “${side.title}” at this passage`}>
      <span className="quote-title">{side.title}</span>
      <span className="quote-text">
        <MarkedPassage text={side.text} start={side.start} changes={entry.changes} side={as} />
      </span>
    </button>
  );
}
