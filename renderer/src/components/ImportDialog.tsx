import { useEffect, useRef, useState } from 'react';
import { IMPORT_EXTENSIONS } from '../../../shared/formats/fileKind';
import { MAX_ARTICLE_CHARS, MAX_IMPORT_FILE_BYTES } from '../../../shared/formats/importLimits';
import { isProblem } from '../../../shared/importProblem';
import type { ImportState } from '../data/importRunner';
import { sourcesFromDrop, sourcesFromInput, type ImportSource } from '../data/importSources';
import type { LibraryServices } from '../data/libraryServices';
import { Modal } from './Modal';
import { ProblemList } from './ProblemList';
import { ProgressBar } from './ProgressBar';

interface ImportDialogProps {
  services: LibraryServices;
  /** Files dropped on the app before the dialog opened: imported at once. */
  dropped: ImportSource[] | null;
  onClose(): void;
}

const PHASE_WORDS: Record<ImportState['phase'], string> = {
  running: 'Importing',
  finished: 'Imported',
  cancelled: 'Cancelled',
  failed: 'Stopped',
};

/**
 * File → Import…: pick files or a folder, or drop them anywhere on the app. Shows a progress bar
 * with counts while files are sent, a Cancel button, and every problem with its file and line
 * in a list the user can copy.
 */
export function ImportDialog({ services, dropped, onClose }: ImportDialogProps) {
  const [state, setState] = useState<ImportState | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = state?.phase === 'running';

  const start = (sources: ImportSource[]) => {
    if (running || sources.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    void services.importFiles(sources, setState, controller.signal);
  };

  useEffect(() => {
    if (dropped) start(dropped);
    // Only the files the dialog opened with; later drops come through onDrop below.
  }, [dropped]);

  const close = () => {
    if (running) return;
    onClose();
  };

  const real = state ? state.problems.filter(isProblem).length : 0;
  return (
    <Modal title="Import" onClose={close} className="import-dialog">
      <div
        className="drop-zone"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          event.stopPropagation();
          void sourcesFromDrop(event.dataTransfer).then(start);
        }}
      >
        <p>Drop files or folders here, or choose them:</p>
        <div className="import-choices">
          <label className="button-like">
            Choose files…
            <input
              type="file"
              multiple
              accept={IMPORT_EXTENSIONS.join(',')}
              disabled={running}
              data-testid="import-files"
              onChange={(event) => event.target.files && start(sourcesFromInput(event.target.files))}
            />
          </label>
          <label className="button-like">
            Choose a folder…
            <input
              type="file"
              multiple
              disabled={running}
              data-testid="import-folder"
              ref={(input) => input?.setAttribute('webkitdirectory', '')}
              onChange={(event) => event.target.files && start(sourcesFromInput(event.target.files))}
            />
          </label>
        </div>
        <p className="import-help">
          Plain text and Markdown; HTML pages (the article is extracted); JSONL or JSON from Newsmark, Prodigy, doccano and Label Studio. UTF-8 or UTF-16 with a byte order mark; up to{' '}
          {MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB a file and {MAX_ARTICLE_CHARS.toLocaleString('en')} characters an article. Nothing already in the library changes.
        </p>
      </div>
      {state && (
        <div className="import-status">
          <ProgressBar
            label="Importing files"
            value={state.filesDone}
            max={state.filesTotal}
            detail={`${PHASE_WORDS[state.phase]}: ${state.filesDone} of ${state.filesTotal} files, ${state.documentsAdded} ${state.documentsAdded === 1 ? 'document' : 'documents'} added, ${real} ${real === 1 ? 'problem' : 'problems'}`}
          />
          {running && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
          {state.phase === 'cancelled' && <p className="import-outcome">Cancelled: the files before it were imported; the rest were not read.</p>}
          {state.error && (
            <p className="import-outcome error" role="alert">
              The import stopped: {state.error}
            </p>
          )}
        </div>
      )}
      {state && <ProblemList problems={state.problems} />}
      <div className="modal-actions">
        <button type="button" onClick={close} disabled={running}>
          {state && !running ? 'Done' : 'Close'}
        </button>
      </div>
    </Modal>
  );
}
