import { useState } from 'react';
import { formatProblem, isProblem, type ImportProblem } from '../../../shared/importProblem';

interface ProblemListProps {
  problems: readonly ImportProblem[];
}

/**
 * The problems of an import, one per line as "file:line: reason", with the notes (ids renamed,
 * duplicates merged, labels added) after them, and a button that copies the whole list.
 */
export function ProblemList({ problems }: ProblemListProps) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  if (problems.length === 0) return null;
  const real = problems.filter(isProblem);
  const notes = problems.filter((problem) => !isProblem(problem));
  const text = [...real, ...notes].map(formatProblem).join('\n');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="problem-list" aria-label="Import problems">
      <div className="problem-list-header">
        <h3>
          {real.length} {real.length === 1 ? 'problem' : 'problems'}
          {notes.length > 0 ? `, ${notes.length} ${notes.length === 1 ? 'note' : 'notes'}` : ''}
        </h3>
        <button type="button" onClick={copy}>
          Copy list
        </button>
        {copied && <span className="copy-state">{copied === 'copied' ? 'Copied.' : 'Could not copy; select the list and copy it.'}</span>}
      </div>
      <ol className="problems">
        {real.map((problem, index) => (
          <li key={`p${index}`} className="problem">
            {formatProblem(problem)}
          </li>
        ))}
        {notes.map((problem, index) => (
          <li key={`n${index}`} className="problem note">
            {formatProblem(problem)}
          </li>
        ))}
      </ol>
    </section>
  );
}
