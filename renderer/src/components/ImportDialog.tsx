import { useEffect, useRef, useState } from 'react';
import { IMPORT_EXTENSIONS } from '../../../shared/formats/fileKind';
import { MAX_ARTICLE_CHARS, MAX_IMPORT_FILE_BYTES } from '../../../shared/formats/importLimits';
import { isProblem } from '../../../shared/importProblem';
import type { ImportMappingInput } from '../../../shared/importMapping';
import type { ImportPlan } from '../../../shared/importReport';
import { relationTypesOf } from '../../../shared/model';
import type { ImportOptions, ImportState } from '../data/importRunner';
import { sourcesFromDrop, sourcesFromInput, type ImportSource } from '../data/importSources';
import type { LibraryServices } from '../data/libraryServices';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useWorkbench } from '../session/workbench';
import { useLabels } from '../ui/useLabels';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportReportView } from './ImportReportView';
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

const PLAN_WORDS: Record<ImportState['phase'], string> = {
  running: 'Reading',
  finished: 'Read',
  cancelled: 'Cancelled',
  failed: 'Stopped',
};

/** True when the plan needs the user's say: unknown labels or relation types, or duplicates. */
function needsChoices(plan: ImportPlan | null): plan is ImportPlan {
  return plan !== null && (plan.labels.length > 0 || plan.relationTypes.length > 0 || plan.duplicates.length > 0);
}

/**
 * File → Import…: pick files or a folder, or drop them anywhere on the app. Two steps: the files
 * are read first and nothing is written; when they bring labels or relation types the library
 * lacks, or articles it already has, the user chooses what to do with each (ImportMappingStep);
 * then they are imported and the dialog says what was added (with a way to open each article)
 * and what was skipped. Shows a progress bar with counts while files are sent, a Cancel
 * button, and every problem with its file and line in a list the user can copy.
 */
export function ImportDialog({ services, dropped, onClose }: ImportDialogProps) {
  const { client, session } = useWorkbench();
  const labels = useLabels();
  const settings = useLibrarySlice(client, 'status', () => client.getStatus().settings);
  const [state, setState] = useState<ImportState | null>(null);
  const [choosing, setChoosing] = useState<{ sources: ImportSource[]; plan: ImportPlan; error: string | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = state?.phase === 'running';

  const run = (sources: ImportSource[], options: ImportOptions) => {
    const controller = new AbortController();
    abort.current = controller;
    return services.importFiles(sources, setState, controller.signal, options);
  };

  const importWith = async (sources: ImportSource[], mapping: ImportMappingInput, duplicates: 'skip' | 'import', plan: ImportPlan) => {
    setChoosing(null);
    const final = await run(sources, { mapping, duplicates });
    // Refused before any file was read (a key taken meanwhile): back to the choices.
    if (final.phase === 'failed' && final.report.added.length === 0 && final.documentsAdded === 0) {
      setChoosing({ sources, plan, error: final.error });
      setState(null);
    }
  };

  const start = async (sources: ImportSource[]) => {
    if (running || choosing || sources.length === 0) return;
    const planned = await run(sources, { plan: true });
    if (planned.phase !== 'finished') return;
    if (needsChoices(planned.plan)) {
      setChoosing({ sources, plan: planned.plan, error: null });
      return;
    }
    await importWith(sources, {}, 'skip', planned.plan ?? emptyPlan());
  };

  useEffect(() => {
    if (dropped) void start(dropped);
    // Only the files the dialog opened with; later drops come through onDrop below.
  }, [dropped]);

  const close = () => {
    if (running) return;
    onClose();
  };

  const open = (documentId: string) => {
    session.dispatch({ type: 'openDocument', documentId });
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
          void sourcesFromDrop(event.dataTransfer).then((sources) => start(sources));
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
              disabled={running || choosing !== null}
              data-testid="import-files"
              onChange={(event) => event.target.files && void start(sourcesFromInput(event.target.files))}
            />
          </label>
          <label className="button-like">
            Choose a folder…
            <input
              type="file"
              multiple
              disabled={running || choosing !== null}
              data-testid="import-folder"
              ref={(input) => input?.setAttribute('webkitdirectory', '')}
              onChange={(event) => event.target.files && void start(sourcesFromInput(event.target.files))}
            />
          </label>
        </div>
        <p className="import-help">
          Plain text and Markdown; HTML pages (the article is extracted); JSONL or JSON from Newsmark, Prodigy, doccano and Label Studio. UTF-8 or UTF-16 with a byte order mark; up to{' '}
          {MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB a file and {MAX_ARTICLE_CHARS.toLocaleString('en')} characters an article. Nothing already in the library changes.
        </p>
      </div>
      {choosing && (
        <ImportMappingStep
          plan={choosing.plan}
          labels={labels}
          relationTypes={settings ? relationTypesOf(settings) : []}
          error={choosing.error}
          onImport={(mapping, duplicates) => void importWith(choosing.sources, mapping, duplicates, choosing.plan)}
          onCancel={() => {
            setChoosing(null);
            setState(null);
          }}
        />
      )}
      {state && !choosing && (
        <div className="import-status">
          <ProgressBar
            label="Importing files"
            value={state.filesDone}
            max={state.filesTotal}
            detail={`${(state.mode === 'plan' ? PLAN_WORDS : PHASE_WORDS)[state.phase]}: ${state.filesDone} of ${state.filesTotal} files, ${state.documentsAdded} ${state.documentsAdded === 1 ? 'document' : 'documents'} added, ${real} ${real === 1 ? 'problem' : 'problems'}`}
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
      {state?.mode === 'import' && !running && !choosing && <ImportReportView report={state.report} onOpen={open} />}
      {state && !choosing && <ProblemList problems={state.problems} />}
      {!choosing && (
        <div className="modal-actions">
          <button type="button" onClick={close} disabled={running}>
            {state && !running ? 'Done' : 'Close'}
          </button>
        </div>
      )}
    </Modal>
  );
}

function emptyPlan(): ImportPlan {
  return { files: 0, documents: 0, spans: 0, relations: 0, labels: [], relationTypes: [], duplicates: [], notArticles: [] };
}
