import type { LabelDefinition } from '../../../shared/model';
import type { SuggestedSpan, Suggestions } from '../../../shared/suggestions/suggest';
import { labelClass } from '../ui/labelStyles';
import { snippet } from '../ui/snippet';
import './suggestions.css';

interface SuggestionCardProps {
  text: string;
  suggestions: Suggestions;
  /** The clicked suggestion's key, and the point clicked (the article scroller's content coordinates). */
  clicked: { key: string; x: number; y: number };
  labels: readonly LabelDefinition[];
  onAccept(): void;
  /** Accepts a suggested link with both its ends. */
  onAcceptLink(linkKey: string): void;
  onReject(): void;
}

/**
 * The small control a clicked suggestion shows: what is suggested (label, rule, speaker), the
 * links suggested with it, and Accept / Reject (the same as the keys `a` and `r`). It scrolls
 * with the text; Escape or a click elsewhere puts it away (ui/useSuggestionLayer.ts).
 */
export function SuggestionCard({ text, suggestions, clicked, labels, onAccept, onAcceptLink, onReject }: SuggestionCardProps) {
  const suggestion = suggestions.spans.find((span) => span.key === clicked.key);
  if (!suggestion) return null;
  const byKey = new Map(suggestions.spans.map((span) => [span.key, span]));
  const describe = (span: SuggestedSpan) => (
    <>
      <span className={`label-name ${labelClass(labels, span.label)}`}>{span.label}</span> “{snippet(text.slice(span.start, span.end), 50)}”
      {span.speaker && <span className="hint"> ({span.speaker})</span>}
    </>
  );
  const links = suggestions.links.flatMap((link) => {
    const otherKey = link.headKey === suggestion.key ? link.childKey : link.childKey === suggestion.key ? link.headKey : null;
    const other = otherKey ? byKey.get(otherKey) : undefined;
    return other ? [{ link, other, outgoing: link.headKey === suggestion.key }] : [];
  });
  return (
    <div
      className="suggestion-card"
      role="dialog"
      aria-label={`Suggested ${suggestion.label}`}
      style={{ left: clicked.x + 8, top: clicked.y + 16 }}
      onClick={(event) => event.stopPropagation()}
    >
      <div>
        Suggested {describe(suggestion)} <span className="hint">· rule {suggestion.ruleId}</span>
      </div>
      {links.map(({ link, other, outgoing }) => (
        <div key={link.key} className="suggested-link">
          {outgoing ? 'attributed to' : 'attribution of'} {describe(other)}
          <button type="button" onClick={() => onAcceptLink(link.key)} title="Accept both ends and the link between them, as one change">
            Accept with link
          </button>
        </div>
      ))}
      <div className="suggestion-actions">
        <button type="button" onClick={onAccept}>
          Accept <kbd>A</kbd>
        </button>
        <button type="button" onClick={onReject}>
          Reject <kbd>R</kbd>
        </button>
        <span className="hint">
          <kbd>Shift+A</kbd> accepts the paragraph
        </span>
      </div>
    </div>
  );
}
