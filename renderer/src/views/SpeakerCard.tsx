import type { SpeakerEntry, SpeakerQuote } from '../../../shared/storyContract';
import { plural } from './plural';

interface SpeakerCardProps {
  entry: SpeakerEntry;
  selected: boolean;
  onToggle(speaker: string): void;
  onRename(speaker: string): void;
  onOpen(quote: SpeakerQuote): void;
}


/**
 * One speaker of the speaker index: the name (with a box to select it for a merge and a rename
 * button), their counts, and their quotes grouped where the texts tell the same quote, each
 * opening its article at the passage when clicked. Text is shown as text, never as markup.
 */
export function SpeakerCard({ entry, selected, onToggle, onRename, onOpen }: SpeakerCardProps) {
  return (
    <li className={`speaker-card${selected ? ' selected' : ''}`} data-speaker={entry.speaker}>
      <div className="speaker-head">
        <label className="speaker-name">
          <input type="checkbox" checked={selected} onChange={() => onToggle(entry.speaker)} />
          <span>{entry.speaker}</span>
        </label>
        <span className="speaker-counts">
          {plural(entry.count, 'span')} · {plural(entry.documents, 'article')} · {plural(entry.groups.length, 'distinct quote')}
        </span>
        <button type="button" className="speaker-rename" onClick={() => onRename(entry.speaker)} title={`Give every span naming ${entry.speaker} another name`}>
          Rename…
        </button>
      </div>
      <ol className="speaker-groups">
        {entry.groups.map((group) => (
          <li key={`${group[0]!.documentId}:${group[0]!.spanId}`} className="speaker-group">
            {group.length > 1 && <div className="group-count">told {group.length} times</div>}
            <ul className="group-quotes">
              {group.map((quote) => (
                <li key={`${quote.documentId}:${quote.spanId}`}>
                  <button type="button" className="speaker-quote" onClick={() => onOpen(quote)} title={`Open “${quote.title}” at this passage`}>
                    <span className="quote-title">{quote.title}</span>
                    {quote.label !== 'quote' && <span className="quote-label">{quote.label}</span>}
                    {quote.speakerOriginal !== undefined && quote.speakerOriginal !== entry.speaker && <span className="quote-original">written “{quote.speakerOriginal}”</span>}
                    <span className="quote-text">{quote.text}</span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </li>
  );
}
