import { forwardRef, memo, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, LabelDefinition, NewsDocument, Span } from '../../../shared/model';
import { NOTE_MAX_LENGTH, SPEAKER_MAX_LENGTH, type DocumentOperation } from '../../../shared/operations';
import { ATTRIBUTION_LABEL, linkCandidates } from '../data/links';
import { labelClass } from './labelStyles';
import { snippet } from './snippet';

export interface SpanPanelHandle {
  /** Moves focus to the selected span's first field (speaker or note). */
  editDetails(): void;
}

interface SpanPanelProps {
  document: NewsDocument;
  labels: readonly LabelDefinition[];
  /** The library's documents, whose speakers complete the speaker field. */
  speakers: readonly DocumentSummary[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
  onChange(operation: DocumentOperation): void;
  onStartLinking(): void;
  onLink(sourceId: string, targetId: string): void;
  /** Enter or Escape in a field: back to the article. */
  onDoneEditing(): void;
}

/** The article's spans grouped by label, and the selected span's details, note, speaker and links. */
export const SpanPanel = forwardRef<SpanPanelHandle, SpanPanelProps>(function SpanPanel(
  { document: article, labels, speakers, selectedSpanId, onSelectSpan, onChange, onStartLinking, onLink, onDoneEditing },
  ref,
) {
  const selected = article.spans.find((span) => span.id === selectedSpanId) ?? null;
  const known = new Set(labels.map((label) => label.name));
  const groups = [...labels.map((label) => label.name), ...new Set(article.spans.map((span) => span.label).filter((label) => !known.has(label)))];
  const details = useRef<HTMLElement>(null);

  useImperativeHandle(ref, () => ({
    editDetails() {
      details.current?.querySelector<HTMLElement>('input, textarea')?.focus();
    },
  }));

  return (
    <aside className="span-panel" aria-label="Spans">
      <section ref={details} className="span-details" aria-label="Selected span">
        <h2>Selected span</h2>
        {selected ? (
          <SpanDetails
            key={selected.id}
            article={article}
            span={selected}
            labels={labels}
            speakers={speakers}
            onChange={onChange}
            onSelectSpan={onSelectSpan}
            onStartLinking={onStartLinking}
            onLink={onLink}
            onDoneEditing={onDoneEditing}
          />
        ) : (
          <p className="hint">Select text and press a label key, or click a highlight. Press ? for every key.</p>
        )}
      </section>
      {groups.map((label) => {
        const spans = article.spans.filter((span) => span.label === label);
        return (
          <section key={label} className="span-group" data-label={label}>
            <h3>
              <span className={`label-name ${labelClass(labels, label)}`}>{label}</span> <span className="count">{spans.length}</span>
            </h3>
            {spans.length > 0 && (
              <ul>
                {spans.map((span) => (
                  <SpanRow key={span.id} span={span} text={article.text} labelClassName={labelClass(labels, label)} selected={span.id === selectedSpanId} onSelectSpan={onSelectSpan} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
});

interface SpanRowProps {
  span: Span;
  text: string;
  labelClassName: string;
  selected: boolean;
  onSelectSpan(spanId: string): void;
}

/**
 * One span in the list. Memoised: an article may hold thousands of spans, and a change (or a
 * new selection) should redraw the rows it touched, not all of them.
 */
const SpanRow = memo(function SpanRow({ span, text, labelClassName, selected, onSelectSpan }: SpanRowProps) {
  return (
    <li>
      <button type="button" className={`span-item ${labelClassName}${selected ? ' selected' : ''}`} data-span-id={span.id} aria-pressed={selected} onClick={() => onSelectSpan(span.id)}>
        {snippet(text.slice(span.start, span.end))}
        {span.speaker && <span className="speaker-tag"> — {span.speaker}</span>}
      </button>
    </li>
  );
});

interface SpanDetailsProps {
  article: NewsDocument;
  span: Span;
  labels: readonly LabelDefinition[];
  speakers: readonly DocumentSummary[];
  onChange(operation: DocumentOperation): void;
  onSelectSpan(spanId: string): void;
  onStartLinking(): void;
  onLink(sourceId: string, targetId: string): void;
  onDoneEditing(): void;
}

function SpanDetails({ article, span, labels, speakers, onChange, onSelectSpan, onStartLinking, onLink, onDoneEditing }: SpanDetailsProps) {
  const [note, setNote] = useState(span.note ?? '');
  const [speaker, setSpeaker] = useState(span.speaker ?? '');
  const knownSpeakers = useMemo(() => [...new Set(speakers.flatMap((summary) => summary.speakers))].sort((a, b) => a.localeCompare(b)), [speakers]);
  const byId = new Map(article.spans.map((each) => [each.id, each]));
  const links = article.relations.flatMap((relation) => {
    const other = relation.headId === span.id ? byId.get(relation.childId) : relation.childId === span.id ? byId.get(relation.headId) : undefined;
    return other ? [{ relation, other, outgoing: relation.headId === span.id }] : [];
  });
  const isAttribution = span.label === ATTRIBUTION_LABEL || links.some((each) => !each.outgoing) || span.speaker !== undefined;
  const candidates = linkCandidates(article, span.id).filter((candidate) => !links.some((each) => each.other.id === candidate.id));

  const saveNote = () => onChange({ type: 'setSpanNote', spanId: span.id, note });
  const saveSpeaker = () => onChange({ type: 'setSpanSpeaker', spanId: span.id, speaker });
  /** Enter (Ctrl+Enter in the note) saves and returns to the article; Escape returns unsaved. */
  const fieldKeys = (save: () => void, multiline: boolean) => (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
      onDoneEditing();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setNote(span.note ?? '');
      setSpeaker(span.speaker ?? '');
      onDoneEditing();
    }
  };

  return (
    <>
      <dl>
        <dt>Label</dt>
        <dd>
          <span className={`label-name ${labelClass(labels, span.label)}`}>{span.label}</span>
        </dd>
        <dt>Text</dt>
        <dd className="span-text">{article.text.slice(span.start, span.end)}</dd>
        <dt>Offsets</dt>
        <dd>
          {span.start}–{span.end}
        </dd>
        <dt>By</dt>
        <dd>{span.annotator}</dd>
      </dl>
      {isAttribution && (
        <label className="field">
          <span>Speaker</span>
          <input
            className="speaker-input"
            list="known-speakers"
            value={speaker}
            maxLength={SPEAKER_MAX_LENGTH}
            placeholder="e.g. Jen Psaki"
            onChange={(event) => setSpeaker(event.target.value)}
            onBlur={saveSpeaker}
            onKeyDown={fieldKeys(saveSpeaker, false)}
          />
          <datalist id="known-speakers">
            {knownSpeakers.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
      )}
      <label className="field">
        <span>Note</span>
        <textarea
          className="note-input"
          value={note}
          maxLength={NOTE_MAX_LENGTH}
          rows={2}
          placeholder="A note on this span (Ctrl+Enter saves)"
          onChange={(event) => setNote(event.target.value)}
          onBlur={saveNote}
          onKeyDown={fieldKeys(saveNote, true)}
        />
      </label>
      <div className="links" aria-label="Links">
        <h3>Links</h3>
        {links.length === 0 && <p className="hint">No links. Press l to link.</p>}
        <ul>
          {links.map(({ relation, other, outgoing }) => (
            <li key={relation.id} className="link-item" data-relation-id={relation.id}>
              <span className="link-direction">{outgoing ? 'attributed to' : 'attribution of'}</span>{' '}
              <button type="button" className={`link-end ${labelClass(labels, other.label)}`} data-span-id={other.id} onClick={() => onSelectSpan(other.id)}>
                {snippet(article.text.slice(other.start, other.end), 80)}
                {other.speaker && ` — ${other.speaker}`}
              </button>
              <button type="button" className="unlink" aria-label="Remove this link" onClick={() => onChange({ type: 'unlinkSpans', relationId: relation.id })}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
        <div className="link-actions">
          <button type="button" onClick={onStartLinking} title="Link mode (l)">
            Link… <kbd>l</kbd>
          </button>
          {candidates.length > 0 && (
            <select
              aria-label="Link to"
              value=""
              onChange={(event) => {
                if (event.target.value) onLink(span.id, event.target.value);
              }}
            >
              <option value="">Link to…</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}: {snippet(article.text.slice(candidate.start, candidate.end), 60)}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
    </>
  );
}
