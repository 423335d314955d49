/**
 * A child process for dataFolderLock.test.ts's race: prints {"ready": true} once loaded, waits
 * for a line on standard input (the parent sends it to every racer at once), tries to take the
 * lock on the folder, and prints {"won": true} or {"won": false, "message": …}. A winner keeps
 * the lock until SIGTERM (which releases it on exit).
 *
 * Usage: node lockRacer.cjs <folder> <kind>
 */
import { acquireDataFolderLock } from '../dataFolderLock';

const [folder, kind] = process.argv.slice(2);
if (!folder || !kind) {
  process.stderr.write('usage: lockRacer.cjs <folder> <kind>\n');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
process.stdin.once('data', () => {
  try {
    acquireDataFolderLock(folder, kind);
    process.stdout.write(`${JSON.stringify({ won: true })}\n`);
    setInterval(() => undefined, 60_000);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ won: false, message: (error as Error).message })}\n`);
    process.exit(0);
  }
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
