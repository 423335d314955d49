import { useRef } from 'react';
import { formatProblem } from '../../../../shared/importProblem';
import { useWorkbench } from '../../session/workbench';
import { useComparison } from './useComparison';

/** Problems listed at most; the count says how many more. */
const SHOWN_PROBLEMS = 50;

/**
 * Picks another annotator's export (a Newsmark JSONL file) and says where it stands: sending,
 * compared, or why not (every problem with its file and line).
 */
export function ComparisonPicker() {
  const { comparisons } = useWorkbench();
  const state = useComparison();
  const input = useRef<HTMLInputElement>(null);
  const annotators = (names: readonly string[] | undefined) => (names && names.length > 0 ? names.join(', ') : 'no spans');
  return (
    <section className="comparison-picker" aria-label="Compared export">
      <input
        ref={input}
        type="file"
        accept=".jsonl,.ndjson,.json"
        hidden
        data-testid="comparison-file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void comparisons.load(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {state.phase === 'none' ? 'Choose their file…' : 'Choose another file…'}
      </button>
      {state.phase === 'none' && <p className="hint">Another annotator’s Newsmark JSONL export of the same articles (paired by their text).</p>}
      {state.phase === 'sending' && (
        <p className="comparison-status">
          Reading {state.name}… <progress max={Math.max(1, state.total)} value={state.sent} aria-label="Sending the export" />
        </p>
      )}
      {state.phase === 'ready' && state.report && (
        <p className="comparison-status" data-testid="comparison-status">
          Yours ({annotators(state.report.annotators.a)}) against <strong>{state.name}</strong> ({annotators(state.report.annotators.b)}): {state.report.documents.compared} articles
          compared; {state.report.documents.only_a.length} only in the library, {state.report.documents.only_b.length} only in the file.
        </p>
      )}
      {state.phase === 'failed' && (
        <div className="comparison-error" role="alert">
          <p>{state.error}</p>
          {state.problems.length > 0 && (
            <ul className="problems">
              {state.problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                <li key={index}>{formatProblem(problem)}</li>
              ))}
              {state.problems.length > SHOWN_PROBLEMS && <li>… and {state.problems.length - SHOWN_PROBLEMS} more</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
