import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BUILT_MAIN = path.join(REPO_ROOT, 'out', 'main');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Everything the host printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built browser host (`node out/main/web.js`) on a free port over `dataFolder` and
 * resolves with its address once it prints `Newsmark running at URL`.
 */
export async function startBrowserHostProcess(dataFolder: string, extraEnv: Record<string, string> = {}): Promise<RunningHost> {
  const child = spawn(process.execPath, [path.join(BUILT_MAIN, 'web.js'), '--data-dir', dataFolder, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser host did not start within 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /Newsmark running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited (${code}) before starting:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: /token=([^&]+)/.exec(parsed.hash)![1]!,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Calls the host's API the way the renderer does. */
export async function callApi<T = unknown>(host: Pick<RunningHost, 'origin' | 'token'>, name: string, args: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/request/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name} failed: ${result.error?.message}`);
  return result.value as T;
}
