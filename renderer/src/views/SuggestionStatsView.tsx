import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { SUGGESTION_RULES, type SuggestionRuleId } from '../../../shared/suggestions/rules';
import { useWorkbench } from '../session/workbench';
import '../components/suggestions.css';

/** What each rule suggests, in a few words (shared/suggestions/rules.ts has the whole of it). */
const RULE_NAMES: Record<SuggestionRuleId, string> = {
  'quote.direct': 'Direct quotes (between quotation marks)',
  'quote.reported': 'Reported speech (said that …)',
  'quote.according-to': 'Clauses after “according to”',
  'attribution.speech-verb': 'Source + speech verb (Psaki said)',
  'attribution.according-to': '“According to X”',
  'link.nearest-attribution': 'Links: quote → nearest attribution',
};

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);

/**
 * The suggestions view: how many suggestions were accepted and rejected per rule over the
 * library (request `suggestionStats`), so the rules can be judged. Fetched when shown; decisions
 * made while it is open update it.
 */
export function SuggestionStatsView() {
  const { suggestions } = useWorkbench();
  const subscribe = useCallback((listener: () => void) => suggestions.subscribe(listener), [suggestions]);
  const counts = useSyncExternalStore(subscribe, suggestions.getCounts);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void suggestions.refreshCounts().then((result) => setError(result.ok ? null : result.error.message));
  }, [suggestions]);

  return (
    <main className="library-view suggestion-stats" aria-label="Suggestions accepted and rejected per rule">
      <h2>Suggestions</h2>
      <p className="hint">
        Suggested spans are drawn with a dashed outline in each article: <kbd>a</kbd> accepts the one under the caret, <kbd>r</kbd> rejects it,{' '}
        <kbd>Shift+A</kbd> accepts every one in the paragraph. An undone accept is no longer counted.
      </p>
      {error && <p className="error">The counts could not be read: {error}</p>}
      {counts ? (
        <table>
          <thead>
            <tr>
              <th>rule</th>
              <th>accepted</th>
              <th>rejected</th>
              <th>accepted of decided</th>
            </tr>
          </thead>
          <tbody>
            {SUGGESTION_RULES.map((rule) => (
              <tr key={rule} data-rule={rule}>
                <td>
                  {RULE_NAMES[rule]} <code>{rule}</code>
                </td>
                <td className="number" data-count="accepted">
                  {counts[rule].accepted}
                </td>
                <td className="number" data-count="rejected">
                  {counts[rule].rejected}
                </td>
                <td className="number">{percent(counts[rule].accepted, counts[rule].accepted + counts[rule].rejected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        !error && <p className="hint">Counting…</p>
      )}
    </main>
  );
}
