import { memo, useMemo, useState } from 'react';
import { DEFAULT_RELATION_TYPE, type DocumentSummary, type LabelDefinition, type NewsDocument, type Span } from '../../../shared/model';
import { NOTE_MAX_LENGTH, SPEAKER_MAX_LENGTH, type DocumentOperation } from '../../../shared/operations';
import { ATTRIBUTION_LABEL } from '../data/links';
import { labelClass } from '../ui/labelStyles';
import { LinkPicker } from './LinkPicker';
import { snippet } from '../ui/snippet';
import { useStoredDraft } from '../ui/useStoredDraft';

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

/**
 * The selected span's label, text, offsets and author; its speaker and note fields; its links and
 * the link picker. Memoised like the list. Kept mounted as the selection moves from span to span
 * (a labelling selects its new span): its elements are updated in place, and the fields' drafts
 * start again from the new span's stored values (useStoredDraft).
 */
export const SpanDetails = memo(function SpanDetails({ article, span, labels, speakers, onChange, onSelectSpan, onStartLinking, onLink, onDoneEditing }: SpanDetailsProps) {
  // The fields show the stored note and speaker whenever those change (undo, redo, another window).
  const [note, setNote, resetNote] = useStoredDraft(span.note ?? '', span.id);
  const [speaker, setSpeaker, resetSpeaker] = useStoredDraft(span.speaker ?? '', span.id);
  const knownSpeakers = useMemo(() => [...new Set(speakers.flatMap((summary) => summary.speakers))].sort((a, b) => a.localeCompare(b)), [speakers]);
  const spanById = (id: string) => article.spans.find((each) => each.id === id);
  const links = article.relations.flatMap((relation) => {
    const other = relation.headId === span.id ? spanById(relation.childId) : relation.childId === span.id ? spanById(relation.headId) : undefined;
    return other ? [{ relation, other, outgoing: relation.headId === span.id }] : [];
  });
  const isAttribution = span.label === ATTRIBUTION_LABEL || links.some((each) => !each.outgoing) || span.speaker !== undefined;
  const linkedIds = new Set(links.map((each) => each.other.id));

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
      resetNote();
      resetSpeaker();
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
              <span className="link-direction" data-relation-type={relation.label}>
                {relation.label === DEFAULT_RELATION_TYPE ? (outgoing ? 'attributed to' : 'attribution of') : outgoing ? relation.label : `${relation.label} ←`}
              </span>{' '}
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
          {article.spans.length > 1 && <LinkPicker article={article} sourceId={span.id} labels={labels} linkedIds={linkedIds} onLink={(targetId) => onLink(span.id, targetId)} />}
        </div>
      </div>
    </>
  );
});
