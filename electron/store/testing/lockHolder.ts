/**
 * A child process for dataFolderLock.test.ts: takes the lock on a folder, prints one line
 * `{"pid": …}` once it holds it, and keeps it until it is killed. SIGTERM ends it normally
 * (the lock is released on exit); SIGKILL leaves the lock behind, as a crash would.
 *
 * Usage: node --import tsx lockHolder.ts <folder> <kind>
 */
import { acquireDataFolderLock } from '../dataFolderLock';

const [folder, kind] = process.argv.slice(2);
if (!folder || !kind) {
  process.stderr.write('usage: lockHolder.ts <folder> <kind>\n');
  process.exit(2);
}
acquireDataFolderLock(folder, kind);
process.on('SIGTERM', () => process.exit(0));
setInterval(() => undefined, 60_000);
process.stdout.write(`${JSON.stringify({ pid: process.pid })}\n`);
