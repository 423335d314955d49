import { spawnSync } from 'node:child_process';

/**
 * Python as an outside reader of our exports, for tests: Python's own `csv` module, spaCy.
 * Runs `python3` (PYTHON overrides it) as a child process; tests that need it skip, saying so
 * in one line, where it (or the module) is absent.
 */

const PYTHON = process.env.PYTHON ?? 'python3';

/** True when `python3` runs and can import every module named; otherwise says why once. */
export function pythonWith(modules: readonly string[], purpose: string): boolean {
  const probe = spawnSync(PYTHON, ['-c', modules.map((module) => `import ${module}`).join('; ') || 'pass'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.warn(`skipped: ${purpose} needs ${PYTHON}${modules.length > 0 ? ` with ${modules.join(', ')}` : ''}, which is not installed here`);
    return false;
  }
  return true;
}

/**
 * Runs `script` with `input` on its standard input (UTF-8) and returns what it printed.
 * Throws with Python's standard error when the script fails.
 */
export function runPython(script: string, input: string): string {
  const run = spawnSync(PYTHON, ['-c', script], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`python failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}
