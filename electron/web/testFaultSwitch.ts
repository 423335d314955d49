import { readFileSync } from 'node:fs';
import { setWriteFaultHook } from '../store/durableWrite';

/**
 * The environment variable that turns on the browser host's test-only fault switch. It names a
 * file; while that file exists and holds one of FAULT_CODES, every durable write fails with that
 * error, as on a full disk (ENOSPC) or a read-only folder (EROFS). End-to-end tests use it to
 * check what the user sees when saving fails. Without the variable nothing is installed, and
 * nothing reachable over the network can turn it on: only whoever starts the host and can write
 * that file.
 */
export const TEST_FAULT_FILE_VARIABLE = 'NEWSMARK_TEST_FAULT_FILE';

const FAULT_CODES = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EIO']);

/** The fault the switch file asks for now, or null (no file, or not a fault code). */
function currentFault(switchFile: string): string | null {
  let content: string;
  try {
    content = readFileSync(switchFile, 'utf8').trim();
  } catch {
    // No switch file: no fault.
    return null;
  }
  return FAULT_CODES.has(content) ? content : null;
}

/** Installs the switch when the variable is set; returns the switch file's path, or null. */
export function installTestFaultSwitch(environment: NodeJS.ProcessEnv = process.env): string | null {
  const switchFile = environment[TEST_FAULT_FILE_VARIABLE];
  if (!switchFile) return null;
  setWriteFaultHook((filePath) => {
    const code = currentFault(switchFile);
    if (code) throw Object.assign(new Error(`${code}: simulated by ${TEST_FAULT_FILE_VARIABLE}, writing ${filePath}`), { code });
  });
  return switchFile;
}
