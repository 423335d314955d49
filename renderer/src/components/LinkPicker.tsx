import { useId, useMemo, useState } from 'react';
import type { LabelDefinition, NewsDocument, Span } from '../../../shared/model';
import { linkCandidates } from '../data/links';
import { labelClass } from '../ui/labelStyles';
import { snippet } from '../ui/snippet';

/** Options shown at once: the nearest candidates, or the nearest that match what is typed. */
export const LINK_PICKER_OPTIONS = 8;

interface LinkPickerProps {
  article: NewsDocument;
  /** The span a link is made from. */
  sourceId: string;
  labels: readonly LabelDefinition[];
  /** Spans already linked to the source, which are not offered. */
  linkedIds: ReadonlySet<string>;
  onLink(targetId: string): void;
}

/** What an option reads (and what typing matches): the label and the span's text. */
function describe(article: NewsDocument, span: Span): string {
  return `${span.label}: ${snippet(article.text.slice(span.start, span.end), 60)}`;
}

/**
 * "Link to…": a field that offers the candidates nearest the span first (attributions for a
 * quote or claim, see linkCandidates) and finds any other by typing a few letters of its label,
 * text or speaker. It never draws a list of every span: the candidates are worked out only once
 * the field is used, and at most LINK_PICKER_OPTIONS are shown. ↑/↓ move, Enter links, Escape
 * clears.
 */
export function LinkPicker({ article, sourceId, labels, linkedIds, onLink }: LinkPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // The picker stays mounted as the selection moves (SpanDetails): what was typed for one span is not offered for the next.
  const [typedFor, setTypedFor] = useState(sourceId);
  if (typedFor !== sourceId) {
    setTypedFor(sourceId);
    setQuery('');
    setActive(0);
  }
  const listId = useId();
  const candidates = useMemo(() => (open ? linkCandidates(article, sourceId).filter((span) => !linkedIds.has(span.id)) : []), [open, article, sourceId, linkedIds]);
  const shown = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    const matches = (span: Span) => !needle || describe(article, span).toLocaleLowerCase().includes(needle) || (span.speaker ?? '').toLocaleLowerCase().includes(needle);
    const found: Span[] = [];
    for (const span of candidates) {
      if (matches(span)) found.push(span);
      if (found.length === LINK_PICKER_OPTIONS) break;
    }
    return found;
  }, [candidates, query, article]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const pick = (span: Span | undefined) => {
    if (!span) return;
    setQuery('');
    setActive(0);
    onLink(span.id);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(shown.length, 1));
    else if (event.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(shown.length, 1));
    else if (event.key === 'Enter') pick(shown[current]);
    else if (event.key === 'Escape') {
      setQuery('');
      event.currentTarget.blur();
    } else return;
    event.preventDefault();
    // These keys belong to the picker here, not to the window (Escape deselects, Enter edits).
    event.stopPropagation();
  };

  return (
    <div className="link-picker">
      <input
        type="text"
        role="combobox"
        aria-label="Link to"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[current] ? `${listId}-${shown[current]!.id}` : undefined}
        placeholder="Link to… (type to find)"
        value={query}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Link candidates" className="link-options">
          {shown.length === 0 && <li className="hint">{candidates.length === 0 ? 'Nothing left to link to.' : 'No span matches.'}</li>}
          {shown.map((span, index) => (
            <li
              key={span.id}
              id={`${listId}-${span.id}`}
              role="option"
              aria-selected={index === current}
              className={`link-option ${labelClass(labels, span.label)}${index === current ? ' active' : ''}`}
              data-span-id={span.id}
              // Before the field's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(span);
              }}
            >
              {describe(article, span)}
              {span.speaker && <span className="speaker-tag"> — {span.speaker}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
