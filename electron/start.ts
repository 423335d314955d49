import { spawn, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { lookUpElectron } from './electronBinary';

/**
 * `npm start`: the desktop app. When Electron's binary is missing (its package downloads it on
 * first use since Electron 42), runs Electron's own installer once, then opens the window. Only
 * when the binary cannot be had — the download failed, or the environment says not to download —
 * does it say why and start the browser host instead.
 *
 * SIGINT, SIGTERM and SIGHUP sent to this process go on to the child it is running (the
 * installer or Electron), and this process ends as that child ended, so killing `npm start`
 * never leaves a window behind (nor, once npm's shell is gone, a browser host).
 */
const APP_FOLDER = path.resolve(__dirname, '..', '..');
const FORWARDED_SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
const RETRY_ADVICE =
  "To get the desktop app, run `npm start` again once this machine can reach Electron's download server, or run `npx install-electron --no` alone " +
  '(mirrors and proxies: https://www.electronjs.org/docs/latest/tutorial/installation).';

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Standard error, when it was captured. */
  stderr: string;
  /** Whether this process was sent a signal while the child ran (and passed it on). */
  interrupted: boolean;
}

/** Runs a child to its end, passing on the signals this process receives meanwhile. */
function runChild(command: string, args: string[], options: SpawnOptions): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stderr = '';
    let interrupted = false;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 65_536) stderr += chunk;
    });
    const forward = (signal: NodeJS.Signals) => {
      interrupted = true;
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const finish = (end: Omit<ChildEnd, 'stderr' | 'interrupted'>) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve({ ...end, stderr, interrupted });
    };
    child.on('error', (error) => {
      stderr += error.message;
      finish({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => finish({ code, signal }));
  });
}

/** Ends this process as its child ended: the same exit code, or the same stopping signal. */
function endAs(end: ChildEnd): never {
  if (end.signal && FORWARDED_SIGNALS.includes(end.signal)) process.kill(process.pid, end.signal);
  process.exit(end.code ?? 1);
}

/** What the installer's error output says went wrong, as a clause. */
function installerFailure(end: ChildEnd): string {
  if (end.signal) return `its installer was stopped (${end.signal})`;
  const firstLine = end.stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? `its installer exited with code ${end.code}`;
  // Node's fetch reports every network failure (no route, DNS, refused) as "fetch failed".
  if (/fetch failed/i.test(firstLine)) return `${firstLine} — this machine cannot reach Electron's download server (github.com, or the ELECTRON_MIRROR set)`;
  return firstLine;
}

/** Says why there is no window (and what would give one), then starts the browser host. */
async function startBrowserHostInstead(why: string, advice = ''): Promise<void> {
  console.log(`${why}.\nStarting the browser host instead (\`npm run web\` starts it directly).${advice ? ` ${advice}` : ''}`);
  const { runBrowserHost } = await import('./web/runBrowserHost');
  await runBrowserHost(process.argv.slice(2));
}

async function launchElectron(binary: string): Promise<never> {
  const end = await runChild(binary, [APP_FOLDER, ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
  if (end.code === null && !end.signal) console.error(`Electron could not be started (${binary}): ${end.stderr}`);
  if (end.signal && !FORWARDED_SIGNALS.includes(end.signal)) console.error(`Electron crashed (${end.signal}).`);
  // Chromium aborts with SIGTRAP when its sandbox cannot start; on Linux that is mostly AppArmor.
  if (end.signal === 'SIGTRAP' && process.platform === 'linux') {
    console.error('If it said "The SUID sandbox helper binary was found, but is not configured correctly": see "Linux" under "Start" in README.md (Ubuntu 24.04 and later), and keep the sandbox on.');
  }
  return endAs(end);
}

/**
 * npm runs this launcher through `sh -c` and passes its signals to that shell only, so killing
 * `npm start` ends the shell and leaves this process behind, adopted by another. Under npm, then,
 * losing the parent counts as a SIGTERM (passed on to the child like any other).
 */
function endWithParent(): void {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 500);
  watch.unref();
}

async function start(): Promise<void> {
  const lookup = lookUpElectron();
  if (lookup.kind === 'found') return launchElectron(lookup.binary);
  if (lookup.kind === 'unavailable') return startBrowserHostInstead(lookup.reason);

  console.log("Electron's binary is not installed yet: downloading Electron (once)… about 100 MB, which can take a few minutes.");
  const end = await runChild(process.execPath, [lookup.installer], { stdio: ['ignore', 'inherit', 'pipe'] });
  if (end.interrupted) return endAs(end);
  if (end.code !== 0) return startBrowserHostInstead(`Electron could not be downloaded: ${installerFailure(end)}`, RETRY_ADVICE);
  const installed = lookUpElectron();
  if (installed.kind !== 'found') return startBrowserHostInstead("Electron's installer finished but left no executable where the `electron` package looks for it", RETRY_ADVICE);
  console.log('Electron is installed; opening the window.');
  return launchElectron(installed.binary);
}

if (process.env.npm_lifecycle_event && process.platform !== 'win32') endWithParent();
void start();
