import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LineChild {
  process: ChildProcess;
  /** Settles when the child has ended and its output is read (the child is reaped by then). */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Runs `node <nodeArgs>` in a new process. `onLine` gets each complete line of its stdout; a
 * last line cut short (the child was killed while printing it) is dropped. With `stdin: 'pipe'`
 * the parent can write to the child's standard input.
 */
export function spawnNodeChild(nodeArgs: readonly string[], onLine: (line: string) => void, { stdin = 'ignore' }: { stdin?: 'ignore' | 'pipe' } = {}): LineChild {
  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, stdio: [stdin, 'pipe', 'pipe'] });
  const stdout = child.stdout!;
  const stderrStream = child.stderr!;
  let pending = '';
  let stderr = '';
  stdout.setEncoding('utf8');
  stderrStream.setEncoding('utf8');
  stdout.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      onLine(line);
    }
  });
  stderrStream.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { process: child, ended };
}

/** Runs a TypeScript file in a new Node process through tsx (see spawnNodeChild). */
export function spawnTypeScriptChild(file: string, args: readonly string[], onLine: (line: string) => void): LineChild {
  return spawnNodeChild(['--import', 'tsx', file, ...args], onLine);
}

/** The path of a file beside the caller's module, for spawnTypeScriptChild. */
export function fileBeside(moduleUrl: string, relative: string): string {
  return fileURLToPath(new URL(relative, moduleUrl));
}
