import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root, where `electron/cli.ts` is run from. */
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** What one run of the command line did. */
export interface NewsmarkRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `newsmark ARGS…` as its own process (through tsx), as a user runs it, without the
 * caller's NEWSMARK_DATA_DIR (each test names its folder). Killed after 30 s, so a hang fails
 * the test instead of stalling the run.
 */
export function runNewsmark(...args: string[]): Promise<NewsmarkRun> {
  return new Promise((resolve, reject) => {
    const { NEWSMARK_DATA_DIR: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(watchdog);
      resolve({ code, stdout, stderr });
    });
  });
}
