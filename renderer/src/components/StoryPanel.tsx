import { useEffect, useRef, useSyncExternalStore } from 'react';
import { overlappingSpan } from '../../../shared/matchedSpan';
import type { LabelDefinition } from '../../../shared/model';
import type { StoryMatch } from '../../../shared/storyContract';
import type { MatchKind } from '../../../shared/storyMatch';
import { documentSlice } from '../data/librarySlices';
import { carriedLabel, type StoryViewState } from '../data/storyMatches';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { carryLabelOver, hideStoryView, openMatch } from '../session/storyCommands';
import { useWorkbench } from '../session/workbench';
import { labelClass } from '../ui/labelStyles';
import { diffSegments } from '../ui/storyDiffSegments';
import './StoryPanel.css';

const KIND_NAMES: Record<MatchKind, string> = { exact: 'exact copy', near: 'near copy', reworded: 'reworded' };

/**
 * The story view, in the right pane above the spans: the passage looked up (key s) and its
 * other tellings in the library, best first, each with its article, its own label and speaker,
 * and its changed words marked. Alt+↓/↑ move between them, c carries the label over to the
 * focused one, a click opens its article at it.
 */
export function StoryPanel({ labels }: { labels: readonly LabelDefinition[] }) {
  const workbench = useWorkbench();
  const story = useSyncExternalStore(workbench.story.subscribe, workbench.story.get);
  if (!story) return null;
  return <StoryList story={story} labels={labels} />;
}

function StoryList({ story, labels }: { story: StoryViewState; labels: readonly LabelDefinition[] }) {
  const workbench = useWorkbench();
  const { client } = workbench;
  const { source, phase, matches, focused } = story;
  const sourceDocument = useLibrarySlice(client, documentSlice(source.documentId), () => client.getDocument(source.documentId));
  const sourceSpan = sourceDocument?.spans.find((span) => span.id === source.spanId) ?? null;
  const carried = sourceDocument && sourceSpan ? carriedLabel(sourceDocument, sourceSpan) : null;
  const close = () => hideStoryView(workbench.commandContext());
  const carry = () => {
    const context = workbench.commandContext();
    const document = client.getDocument(context.getState().documentId ?? '');
    if (document) void carryLabelOver(context, document);
  };

  return (
    <section className="story-panel" aria-label="Story view">
      <header className="story-header">
        <h2>Story</h2>
        <span className="story-count">{phase === 'ready' ? `${matches.length} other telling${matches.length === 1 ? '' : 's'}` : ''}</span>
        <button type="button" className="story-close" title="Hide the story view (s)" aria-label="Hide the story view" onClick={close}>
          ×
        </button>
      </header>
      <p className="story-source">
        {carried && <span className={`label-name ${labelClass(labels, carried.label)}`}>{carried.label}</span>}
        {carried?.speaker && <span className="story-speaker">{carried.speaker}</span>}
        <q>{sourceDocument?.text.slice(source.start, source.end) ?? ''}</q>
      </p>
      {matches.length > 0 && (
        <p className="story-keys">
          <kbd>Alt+↓</kbd> <kbd>Alt+↑</kbd> move · <kbd>c</kbd> labels the telling · a click opens it · <del>struck</del> left out, <ins>underlined</ins> new
        </p>
      )}
      {phase === 'loading' && <p className="story-status">Looking for other tellings…</p>}
      {phase === 'failed' && <p className="story-status error">The story view could not look: {story.error}</p>}
      {phase === 'ready' && matches.length === 0 && <p className="story-status">No other article tells this passage.</p>}
      {matches.length > 0 && (
        <ol className="story-matches" role="listbox" aria-label="Other tellings, best first (Alt+↓/↑)">
          {matches.map((match, index) => (
            <StoryMatchItem
              key={`${match.documentId}:${match.start}`}
              match={match}
              labels={labels}
              focused={index === focused}
              carryLabel={carried ? carried.label : null}
              onOpen={() => openMatch(workbench.commandContext(), index)}
              onCarry={carry}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface StoryMatchItemProps {
  match: StoryMatch;
  labels: readonly LabelDefinition[];
  focused: boolean;
  /** The label c would carry here; null when there is none. */
  carryLabel: string | null;
  onOpen(): void;
  onCarry(): void;
}

function StoryMatchItem({ match, labels, focused, carryLabel, onOpen, onCarry }: StoryMatchItemProps) {
  const { client } = useWorkbench();
  const item = useRef<HTMLLIElement>(null);
  // Its article as the window has it (with changes not yet saved) once loaded, else as the index had it.
  const document = useLibrarySlice(client, documentSlice(match.documentId), () => client.getDocument(match.documentId));
  const span = document ? overlappingSpan(document.spans, match.start, match.end) : match.span;
  useEffect(() => {
    if (focused) item.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);

  return (
    <li ref={item} className={`story-match${focused ? ' focused' : ''}`} role="option" aria-selected={focused} data-document-id={match.documentId} data-kind={match.kind} onClick={onOpen}>
      <div className="story-match-head">
        <span className="story-match-title">{match.title}</span>
        <span className={`story-kind kind-${match.kind}`} title={`${Math.round(match.similarity * 100)} % of the words shared`}>
          {KIND_NAMES[match.kind]} · {Math.round(match.similarity * 100)} %
        </span>
      </div>
      {span && (
        <div className="story-match-label">
          <span className={`label-name ${labelClass(labels, span.label)}`}>{span.label}</span>
          {span.speaker && <span className="story-speaker">{span.speaker}</span>}
        </div>
      )}
      <p className="story-diff">
        {diffSegments(match).map((segment, index) =>
          segment.kind === 'same' ? (
            <span key={index}>{segment.text}</span>
          ) : segment.kind === 'insert' ? (
            <ins key={index} title="Words this telling has and the passage does not">
              {segment.text}
            </ins>
          ) : (
            <del key={index} title="Words of the passage this telling does not have">
              {segment.text}
            </del>
          ),
        )}
      </p>
      {focused && carryLabel && !(span && span.start === match.start && span.end === match.end && span.label === carryLabel) && (
        <button
          type="button"
          className="story-carry"
          onClick={(event) => {
            event.stopPropagation();
            onCarry();
          }}
        >
          Label {carryLabel} here <kbd>c</kbd>
        </button>
      )}
    </li>
  );
}
