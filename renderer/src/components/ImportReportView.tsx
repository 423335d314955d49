import type { ImportReport } from '../../../shared/importReport';

interface ImportReportViewProps {
  report: ImportReport;
  /** Opens an article of the library (and closes the dialog). */
  onOpen(documentId: string): void;
}

/** How many of a list the report shows; the rest are counted. */
const SHOWN = 100;

/**
 * What an import did: the articles it added, each with a button to open it; the ones it skipped
 * as already in the library; the files it passed over as not articles; the labels and relation
 * types it added. Skips are notes, not problems.
 */
export function ImportReportView({ report, onOpen }: ImportReportViewProps) {
  return (
    <section className="import-report" aria-label="Import report">
      <h3>
        Added {report.added.length} {report.added.length === 1 ? 'article' : 'articles'}
      </h3>
      {report.added.length > 0 && (
        <ul className="report-added">
          {report.added.slice(0, SHOWN).map((article) => (
            <li key={article.id}>
              <button type="button" className="link-like" onClick={() => onOpen(article.id)} aria-label={`Open ${article.title}`}>
                {article.title}
              </button>{' '}
              <span className="mapping-counts">{article.file}</span>
            </li>
          ))}
          {report.added.length > SHOWN && <li>and {report.added.length - SHOWN} more</li>}
        </ul>
      )}
      {report.duplicates.length > 0 && (
        <>
          <h3>
            Skipped {report.duplicates.length} already in the library
          </h3>
          <ul className="report-duplicates">
            {report.duplicates.slice(0, SHOWN).map((duplicate, index) => (
              <li key={index}>
                {duplicate.existingId ? (
                  <button type="button" className="link-like" onClick={() => onOpen(duplicate.existingId!)} aria-label={`Open ${duplicate.title}`}>
                    {duplicate.title}
                  </button>
                ) : (
                  duplicate.title
                )}{' '}
                <span className="mapping-counts">{duplicate.file}: skipped, the library has it</span>
              </li>
            ))}
            {report.duplicates.length > SHOWN && <li>and {report.duplicates.length - SHOWN} more</li>}
          </ul>
        </>
      )}
      {report.notArticles.length > 0 && (
        <ul className="import-notes report-not-articles">
          {report.notArticles.map((skipped) => (
            <li key={skipped.file}>
              {skipped.file}: not an article, skipped ({skipped.reason})
            </li>
          ))}
        </ul>
      )}
      {report.addedLabels.length > 0 && <p>New labels: {report.addedLabels.join(', ')}</p>}
      {report.addedRelationTypes.length > 0 && <p>New relation types: {report.addedRelationTypes.join(', ')}</p>}
    </section>
  );
}
