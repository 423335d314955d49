import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

// `npm start`'s launcher (electron/start.ts) runs as a user runs it: bundled into out/main/start.js
// of a throw-away app folder whose node_modules/electron is a stand-in, so the tests control
// whether Electron's binary is there, what its installer does, and what "Electron" is. Everything
// else the launcher needs (the browser host's dependencies) comes from this repo's node_modules
// through NODE_PATH. Every child is stopped before its test ends.

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_PACKAGE = path.join(REPO, 'node_modules', 'electron');
const WATCHDOG_MS = 30_000;
let bundle = '';
const folders: string[] = [];

beforeAll(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-start-bundle-'));
  folders.push(folder);
  bundle = path.join(folder, 'start.js');
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  // As electron.vite.config.ts does: lowdb is ESM-only, so it is bundled; the rest is required.
  const external = [...Object.keys(manifest.dependencies!), ...Object.keys(manifest.devDependencies!)].filter((name) => name !== 'lowdb');
  await build({ entryPoints: [path.join(REPO, 'electron', 'start.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, external, logLevel: 'error' });
});

const layouts: Layout[] = [];

afterEach(() => {
  // A fake Electron left running by a failed test is stopped here.
  for (const layout of layouts.splice(0)) for (const { pid } of launches(layout)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fake Electron: records its pid and arguments; with FAKE_ELECTRON_WAIT, runs until SIGTERM. */
const FAKE_ELECTRON = `#!${process.execPath}
const fs = require('node:fs');
const record = process.env.FAKE_ELECTRON_RECORD;
fs.appendFileSync(record, JSON.stringify({ pid: process.pid, parent: process.ppid, args: process.argv.slice(2) }) + '\\n');
if (process.env.FAKE_ELECTRON_CRASH) process.kill(process.pid, process.env.FAKE_ELECTRON_CRASH);
if (process.env.FAKE_ELECTRON_WAIT) {
  process.on('SIGTERM', () => { fs.appendFileSync(record, 'SIGTERM\\n'); process.exit(0); });
  setInterval(() => {}, 1000);
}
`;

/** A stand-in for Electron's install.js on a machine with internet: "downloads" the fake. */
const STAND_IN_INSTALLER = `
const fs = require('node:fs');
const path = require('node:path');
fs.appendFileSync(path.join(__dirname, 'installs.log'), 'installed\\n');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ${JSON.stringify(FAKE_ELECTRON)}, { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

interface Layout {
  app: string;
  electron: string;
  record: string;
}

/** An app folder with out/main/start.js and an `electron` package without its binary. */
function newLayout(installer: 'stand-in' | 'real'): Layout {
  const app = mkdtempSync(path.join(os.tmpdir(), 'newsmark-start-'));
  folders.push(app);
  mkdirSync(path.join(app, 'out', 'main'), { recursive: true });
  copyFileSync(bundle, path.join(app, 'out', 'main', 'start.js'));
  const electron = path.join(app, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  for (const file of ['package.json', 'checksums.json']) copyFileSync(path.join(ELECTRON_PACKAGE, file), path.join(electron, file));
  if (installer === 'real') copyFileSync(path.join(ELECTRON_PACKAGE, 'install.js'), path.join(electron, 'install.js'));
  else writeFileSync(path.join(electron, 'install.js'), STAND_IN_INSTALLER);
  const layout = { app, electron, record: path.join(app, 'fake-electron.log') };
  layouts.push(layout);
  return layout;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string>;
  /** Once standard output matches, `onOutput` runs (by default: stop the launcher with SIGTERM). */
  until?: RegExp;
  onOutput?: (pid: number) => void;
}

/** Runs `node out/main/start.js --port 0 --data-dir …` in the layout, as `npm start` does. */
function start(layout: Layout, options: RunOptions = {}): Promise<Run> {
  const { ELECTRON_OVERRIDE_DIST_PATH: _o, ELECTRON_SKIP_BINARY_DOWNLOAD: _s, NEWSMARK_DATA_DIR: _d, ...inherited } = process.env;
  const env = { ...inherited, NODE_PATH: path.join(REPO, 'node_modules'), FAKE_ELECTRON_RECORD: layout.record, ...options.env };
  const args = [path.join(layout.app, 'out', 'main', 'start.js'), '--port', '0', '--data-dir', path.join(layout.app, 'data')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: layout.app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let reacted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!reacted && options.until?.test(stdout)) {
        reacted = true;
        (options.onOutput ?? ((pid: number) => process.kill(pid, 'SIGTERM')))(child.pid!);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function launches(layout: Layout): { pid: number; parent: number; args: string[] }[] {
  if (!existsSync(layout.record)) return [];
  return readFileSync(layout.record, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { pid: number; parent: number; args: string[] });
}

function installerRuns(layout: Layout): number {
  const log = path.join(layout.electron, 'installs.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const BROWSER_HOST_LISTENING = /Newsmark running at http:\/\/127\.0\.0\.1:\d+\/#token=/;

describe.skipIf(process.platform === 'win32')('npm start', () => {
  test('with internet: runs Electron’s installer once, then opens the app in the binary it installed', async () => {
    const layout = newLayout('stand-in');
    const first = await start(layout);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('downloading Electron (once)…');
    expect(first.code).toBe(0);
    expect(installerRuns(layout)).toBe(1);
    expect(launches(layout).map((launch) => launch.args)).toEqual([[layout.app, '--port', '0', '--data-dir', path.join(layout.app, 'data')]]);

    const second = await start(layout);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('downloading');
    expect(installerRuns(layout)).toBe(1);
    expect(launches(layout)).toHaveLength(2);
  });

  test('a half-installed package (path.txt, but no binary in dist/) is installed again', async () => {
    const layout = newLayout('stand-in');
    writeFileSync(path.join(layout.electron, 'path.txt'), 'electron');
    const run = await start(layout);
    expect(run.code).toBe(0);
    expect(installerRuns(layout)).toBe(1);
    expect(launches(layout)).toHaveLength(1);
  });

  test('offline: Electron’s real installer fails fast, and the browser host starts, saying why and how to retry', async () => {
    const layout = newLayout('real');
    // A mirror that refuses connections makes this machine "offline" even where it is not, and an
    // empty cache keeps an earlier download from satisfying the installer.
    const env = { ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: path.join(layout.app, 'cache') };
    const run = await start(layout, { env, until: BROWSER_HOST_LISTENING });
    expect(run.stdout).toMatch(BROWSER_HOST_LISTENING);
    expect(run.stdout).toContain('downloading Electron (once)…');
    expect(run.stdout).toContain("Electron could not be downloaded: TypeError: fetch failed — this machine cannot reach Electron's download server");
    expect(run.stdout).toContain('run `npm start` again');
    expect(run.code).toBe(0);
    expect(existsSync(path.join(layout.electron, 'path.txt'))).toBe(false);
  });

  test('SIGTERM to `npm start` reaches Electron, and the launcher ends with it', async () => {
    const layout = newLayout('stand-in');
    const run = await start(layout, { env: { FAKE_ELECTRON_WAIT: '1' }, until: /opening the window/, onOutput: (pid) => waitForLaunchThenTerminate(layout, pid) });
    const [launch] = launches(layout);
    expect(readFileSync(layout.record, 'utf8')).toContain('SIGTERM');
    expect(run.code).toBe(0);
    expect(isRunning(launch!.pid)).toBe(false);
  });

  test('killing `npm start` (npm signals only its `sh -c`) still ends Electron and the launcher', async () => {
    const layout = newLayout('stand-in');
    const { ELECTRON_OVERRIDE_DIST_PATH: _o, ELECTRON_SKIP_BINARY_DOWNLOAD: _s, ...inherited } = process.env;
    const env = { ...inherited, NODE_PATH: path.join(REPO, 'node_modules'), FAKE_ELECTRON_RECORD: layout.record, FAKE_ELECTRON_WAIT: '1', npm_lifecycle_event: 'start' };
    const command = `"${process.execPath}" "${path.join(layout.app, 'out', 'main', 'start.js')}"; exit $?`;
    const shell = spawn('sh', ['-c', command], { cwd: layout.app, env, stdio: 'ignore' });
    const shellEnded = new Promise((resolve) => shell.on('exit', resolve));
    await until(() => launches(layout).length === 1);
    shell.kill('SIGTERM');
    await shellEnded;
    const [launch] = launches(layout);
    await until(() => !isRunning(launch!.pid) && !isRunning(launch!.parent));
    expect(readFileSync(layout.record, 'utf8')).toContain('SIGTERM');
  });

  test('Electron aborting as its sandbox fails (SIGTRAP) is reported with a pointer to the Linux note, and fails', async () => {
    const layout = newLayout('stand-in');
    const run = await start(layout, { env: { FAKE_ELECTRON_CRASH: 'SIGTRAP' } });
    expect(run.stderr).toContain('Electron crashed (SIGTRAP).');
    if (process.platform === 'linux') expect(run.stderr).toContain('see "Linux" under "Start" in README.md');
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 1, signal: null });
  });

  test('ELECTRON_SKIP_BINARY_DOWNLOAD: nothing is downloaded; the browser host starts and says why', async () => {
    const layout = newLayout('stand-in');
    const run = await start(layout, { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, until: BROWSER_HOST_LISTENING });
    expect(run.stdout).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded');
    expect(run.stdout).toMatch(BROWSER_HOST_LISTENING);
    expect(run.code).toBe(0);
    expect(installerRuns(layout)).toBe(0);
  });

  test('ELECTRON_OVERRIDE_DIST_PATH: its Electron is opened and nothing is downloaded; a wrong one is named', async () => {
    const layout = newLayout('stand-in');
    const build = path.join(layout.app, 'my-electron-build');
    mkdirSync(build);
    writeFileSync(path.join(build, 'electron'), FAKE_ELECTRON);
    chmodSync(path.join(build, 'electron'), 0o755);
    const run = await start(layout, { env: { ELECTRON_OVERRIDE_DIST_PATH: build } });
    expect(run.code).toBe(0);
    expect(launches(layout)).toHaveLength(1);
    expect(installerRuns(layout)).toBe(0);

    const missing = path.join(layout.app, 'nowhere');
    const wrong = await start(layout, { env: { ELECTRON_OVERRIDE_DIST_PATH: missing }, until: BROWSER_HOST_LISTENING });
    expect(wrong.stdout).toContain(`ELECTRON_OVERRIDE_DIST_PATH is set, but ${path.join(missing, 'electron')} does not exist`);
    expect(wrong.stdout).toMatch(BROWSER_HOST_LISTENING);
    expect(installerRuns(layout)).toBe(0);
  });
});

/** Resolves once the condition holds; fails the test after the watchdog's time. */
async function until(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > WATCHDOG_MS) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the fake Electron has recorded its start, then sends SIGTERM to the launcher. */
function waitForLaunchThenTerminate(layout: Layout, launcherPid: number): void {
  const poll = setInterval(() => {
    if (launches(layout).length === 0) return;
    clearInterval(poll);
    process.kill(launcherPid, 'SIGTERM');
  }, 20);
}
