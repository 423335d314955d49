import type { NewsmarkApi } from '../../../shared/contract';
import { extensionOf, kindFromName, unsupportedTypeMessage } from '../../../shared/formats/fileKind';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../../shared/formats/importLimits';
import type { ImportProblem } from '../../../shared/importProblem';
import type { ImportMappingInput } from '../../../shared/importMapping';
import { emptyImportReport, mergeImportReport, type ImportPlan, type ImportReport } from '../../../shared/importReport';
import type { ImportSource } from './importSources';

export type { ImportSource };

/**
 * How a run imports: `plan` reads every file and writes nothing (step 1); otherwise the files
 * are imported with `mapping` (step 2; without it every new label and type is added) and
 * articles the library holds are skipped unless `duplicates` is "import".
 */
export interface ImportOptions {
  plan?: boolean;
  mapping?: ImportMappingInput;
  duplicates?: 'skip' | 'import';
}

export interface ImportState {
  mode: 'plan' | 'import';
  phase: 'running' | 'finished' | 'cancelled' | 'failed';
  filesTotal: number;
  filesDone: number;
  documentsAdded: number;
  /** Problems and notes so far, in the order found. */
  problems: ImportProblem[];
  /** Why the import stopped early, when the host refused it. */
  error: string | null;
  /** Step 1's plan of the files sent so far (null when importing). */
  plan: ImportPlan | null;
  /** What the import added and skipped so far (empty in a plan). */
  report: ImportReport;
}

/** What the page can tell before sending a file: too large, or a type no reader takes. Null when it may go. */
function localProblem(source: ImportSource): ImportProblem | null {
  if (source.file.size > MAX_IMPORT_FILE_BYTES) {
    return { file: source.name, message: fileTooLargeMessage(source.file.size) };
  }
  // A file without an extension is sent: the host looks at its content.
  if (extensionOf(source.name) !== '' && kindFromName(source.name) === null) return { file: source.name, message: unsupportedTypeMessage(source.name) };
  return null;
}

/**
 * Runs one import: files the page can already refuse are reported at once; the others go to
 * one import job, one at a time (the host reads, checks and stores each before answering), and
 * the state is reported after each. Stops between files when `signal` aborts, telling the
 * host; what is imported stays.
 */
export async function runImport(api: NewsmarkApi, sources: readonly ImportSource[], onUpdate: (state: ImportState) => void, signal: AbortSignal, options: ImportOptions = {}): Promise<ImportState> {
  const mode = options.plan ? 'plan' : 'import';
  const state: ImportState = { mode, phase: 'running', filesTotal: sources.length, filesDone: 0, documentsAdded: 0, problems: [], error: null, plan: null, report: emptyImportReport() };
  const update = (changes: Partial<ImportState>) => {
    Object.assign(state, changes);
    onUpdate({ ...state, problems: [...state.problems] });
  };
  const toSend: ImportSource[] = [];
  const refused: ImportProblem[] = [];
  for (const source of sources) {
    const problem = localProblem(source);
    if (problem) refused.push(problem);
    else toSend.push(source);
  }
  update({ filesDone: refused.length, problems: refused });
  if (toSend.length === 0) {
    update({ phase: 'finished' });
    return state;
  }
  const started = await api.request(
    'startImport',
    options.plan ? { files: toSend.length, plan: true } : { files: toSend.length, ...(options.mapping ? { mapping: options.mapping } : {}), duplicates: options.duplicates ?? 'skip' },
  );
  if (!started.ok) {
    update({ phase: 'failed', error: started.error.message });
    return state;
  }
  const jobId = started.value.jobId;
  for (const source of toSend) {
    if (signal.aborted) {
      await api.request('cancelImport', { jobId });
      update({ phase: 'cancelled' });
      return state;
    }
    const answer = await api.importFile(jobId, source.name, new Uint8Array(await source.file.arrayBuffer()));
    if (!answer.ok) {
      update({ phase: 'failed', error: `${source.name}: ${answer.error.message}` });
      return state;
    }
    const { progress, problems, report, plan } = answer.value;
    const merged = { ...state.report, added: [...state.report.added], duplicates: [...state.report.duplicates], notArticles: [...state.report.notArticles], addedLabels: [...state.report.addedLabels], addedRelationTypes: [...state.report.addedRelationTypes] };
    mergeImportReport(merged, report);
    update({ filesDone: refused.length + progress.filesDone, documentsAdded: progress.documentsAdded, problems: [...state.problems, ...problems], plan: plan ?? state.plan, report: merged });
  }
  update({ phase: 'finished' });
  return state;
}
