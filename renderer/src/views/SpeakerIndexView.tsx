import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { SpeakerEntry, SpeakerQuote } from '../../../shared/storyContract';
import { useWorkbench } from '../session/workbench';
import { filterSpeakers, proposedName } from './filterSpeakers';
import { openPassage } from './openPassage';
import { plural } from './plural';
import { SpeakerCard } from './SpeakerCard';
import './libraryViews.css';

/** Speakers drawn at once; the filter narrows a longer list. */
const SHOWN_AT_ONCE = 300;

type Loaded = { entries: readonly SpeakerEntry[]; error: null } | { entries: null; error: string | null };

/**
 * The speaker index: every speaker named on a span in the library, with their quotes across
 * articles grouped where the quotes match, filtered as one types. Selecting speakers and naming
 * them renames (one) or merges (several) them on every span, as one change that the header's Undo
 * (or Ctrl+Z) reverses while this view is shown; see data/speakerChanges.ts.
 */
export function SpeakerIndexView() {
  const workbench = useWorkbench();
  const { speakers } = workbench;
  const version = useSyncExternalStore(speakers.subscribe, speakers.getVersion);
  const [loaded, setLoaded] = useState<Loaded>({ entries: null, error: null });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const nameField = useRef<HTMLInputElement>(null);

  // Fetched when shown and after every rename, undo or redo; only the latest answer counts.
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    void speakers.index().then((result) => {
      if (ticket !== latest.current) return;
      setLoaded(result.ok ? { entries: result.value, error: null } : { entries: null, error: result.error.message });
    });
  }, [speakers, version]);

  const entries = loaded.entries ?? [];
  const shown = useMemo(() => filterSpeakers(entries, query), [entries, query]);
  // A selected speaker that a change made disappear is no longer selected.
  const present = useMemo(() => new Set(entries.map((entry) => entry.speaker)), [entries]);
  const chosen = useMemo(() => [...selected].filter((speaker) => present.has(speaker)), [selected, present]);

  const choose = (next: ReadonlySet<string>) => {
    setSelected(next);
    setName(proposedName(entries, next));
  };
  const toggle = (speaker: string) => {
    const next = new Set(chosen);
    if (!next.delete(speaker)) next.add(speaker);
    choose(next);
  };
  const startRename = (speaker: string) => {
    choose(new Set([speaker]));
    requestAnimationFrame(() => nameField.current?.select());
  };
  const open = (quote: SpeakerQuote) => void openPassage(workbench, { documentId: quote.documentId, start: quote.start, end: quote.end, spanId: quote.spanId });

  const target = name.trim();
  const busy = speakers.isBusy();
  const canApply = chosen.length > 0 && target !== '' && !(chosen.length === 1 && chosen[0] === target);
  const apply = async () => {
    if (!canApply) return;
    const result = await speakers.rename(chosen, target);
    if (result.ok) choose(new Set());
  };

  return (
    <main className="library-view speaker-index" aria-label="Speaker index">
      <header className="library-view-header">
        <h2>Speakers</h2>
        <input
          type="search"
          className="library-view-filter"
          placeholder="Filter speakers…"
          aria-label="Filter speakers"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="library-view-summary">
          {loaded.entries ? `${shown.length === entries.length ? plural(entries.length, 'speaker') : `${shown.length} of ${entries.length} speakers`}` : ''}
        </span>
      </header>
      {chosen.length > 0 && (
        <form
          className="speaker-merge-bar"
          onSubmit={(event) => {
            event.preventDefault();
            void apply();
          }}
        >
          <span className="merge-from">
            {chosen.length > 1 ? 'Merge' : 'Rename'} {chosen.map((speaker) => `“${speaker}”`).join(', ')} into
          </span>
          <input ref={nameField} className="merge-name" aria-label="Speaker name" list="speaker-names" value={name} onChange={(event) => setName(event.target.value)} />
          <datalist id="speaker-names">
            {chosen.map((speaker) => (
              <option key={speaker} value={speaker} />
            ))}
          </datalist>
          <button type="submit" className="merge-apply" disabled={!canApply || busy}>
            {chosen.length > 1 ? `Merge ${chosen.length} speakers` : 'Rename'}
          </button>
          <button type="button" onClick={() => choose(new Set())}>
            Cancel
          </button>
        </form>
      )}
      {loaded.error !== null ? (
        <p className="library-view-error">The speakers could not be read: {loaded.error}</p>
      ) : loaded.entries === null ? (
        <p className="empty">Reading the speakers…</p>
      ) : entries.length === 0 ? (
        <p className="empty">No span names a speaker yet. Give a quote or attribution a speaker in its details, and it is listed here.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No speaker matches “{query}”.</p>
      ) : (
        <ul className="speaker-list">
          {shown.slice(0, SHOWN_AT_ONCE).map((entry) => (
            <SpeakerCard key={entry.speaker} entry={entry} selected={chosen.includes(entry.speaker)} onToggle={toggle} onRename={startRename} onOpen={open} />
          ))}
          {shown.length > SHOWN_AT_ONCE && <li className="empty">{shown.length - SHOWN_AT_ONCE} more speakers: type to narrow the list.</li>}
        </ul>
      )}
    </main>
  );
}
