import { useEffect } from 'react';
import type { LabelAgreement } from '../../../../shared/agreement/compareExports';
import type { MatchScores } from '../../../../shared/agreement/spanMatching';
import { useWorkbench } from '../../session/workbench';
import { ComparisonPicker } from './ComparisonPicker';
import { disagreementRange, KIND_NAMES, sideText } from './disagreementText';
import { openPassage } from '../openPassage';
import { useComparison } from './useComparison';
import './agreement.css';

/** Disagreements listed at most (the review view lists them all, article by article). */
const SHOWN_DISAGREEMENTS = 1000;

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function ScoreCells({ scores }: { scores: MatchScores }) {
  return (
    <>
      <td>{percent(scores.precision)}</td>
      <td>{percent(scores.recall)}</td>
      <td>{percent(scores.f1)}</td>
    </>
  );
}

function LabelRow({ name, figures }: { name: string; figures: LabelAgreement }) {
  return (
    <tr data-label={name}>
      <th scope="row">{name}</th>
      <td>{figures.exact.a}</td>
      <td>{figures.exact.b}</td>
      <ScoreCells scores={figures.exact} />
      <ScoreCells scores={figures.overlap} />
      <td>{figures.kappa === null ? '–' : figures.kappa.toFixed(3)}</td>
    </tr>
  );
}

/**
 * The agreement view: the library (yours) against another annotator's export (theirs, the
 * reference for precision and recall), per label — span precision, recall and F1, exact and
 * overlap; Cohen's kappa over word tokens; links — and every disagreement with both versions,
 * each opening the article at it.
 */
export function AgreementView() {
  const workbench = useWorkbench();
  const state = useComparison();
  const report = state.report;
  // Figures follow the library: fetched again each time the view is shown.
  useEffect(() => {
    void workbench.comparisons.refresh();
  }, [workbench]);
  return (
    <main className="library-view agreement-view" aria-label="Agreement">
      <h2>Agreement</h2>
      <ComparisonPicker />
      {report && (
        <>
          <table className="agreement-table">
            <caption>Theirs is the reference: precision counts your spans matched, recall theirs. Overlap matches one to one, sharing a character; kappa is over word tokens.</caption>
            <thead>
              <tr>
                <th rowSpan={2}>Label</th>
                <th colSpan={2}>Spans</th>
                <th colSpan={3}>Exact</th>
                <th colSpan={3}>Overlap</th>
                <th rowSpan={2}>Kappa</th>
              </tr>
              <tr>
                <th>yours</th>
                <th>theirs</th>
                <th>P</th>
                <th>R</th>
                <th>F1</th>
                <th>P</th>
                <th>R</th>
                <th>F1</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.labels).map(([name, figures]) => (
                <LabelRow key={name} name={name} figures={figures} />
              ))}
              <LabelRow name="all labels" figures={report.all} />
              <tr data-label="links">
                <th scope="row">links</th>
                <td>{report.relations.a}</td>
                <td>{report.relations.b}</td>
                <ScoreCells scores={report.relations} />
                <td colSpan={4} />
              </tr>
            </tbody>
          </table>
          <div className="disagreements-head">
            <h3>
              {report.disagreements.length} disagreement{report.disagreements.length === 1 ? '' : 's'}
            </h3>
            {report.disagreements.length > 0 && (
              <button type="button" onClick={() => workbench.session.dispatch({ type: 'setView', view: 'review' })}>
                Review them…
              </button>
            )}
          </div>
          <ul className="disagreement-list">
            {report.disagreements.slice(0, SHOWN_DISAGREEMENTS).map((disagreement) => (
              <li key={`${disagreement.document_id}\u0000${disagreement.key}`} data-kind={disagreement.kind}>
                <button type="button" onClick={() => void openPassage(workbench, { documentId: disagreement.document_id, ...disagreementRange(disagreement), spanId: disagreement.a?.id ?? null })} title="Open the article at it">
                  <span className="disagreement-kind">{KIND_NAMES[disagreement.kind]}</span>
                  <span className="disagreement-article">{report.titles[disagreement.document_id] ?? disagreement.document_id}</span>
                  <span className="side mine">Yours: {sideText(disagreement, 'a')}</span>
                  <span className="side theirs">Theirs: {sideText(disagreement, 'b')}</span>
                </button>
              </li>
            ))}
          </ul>
          {report.disagreements.length > SHOWN_DISAGREEMENTS && <p className="hint">The first {SHOWN_DISAGREEMENTS} are listed; review lists every one.</p>}
        </>
      )}
    </main>
  );
}
