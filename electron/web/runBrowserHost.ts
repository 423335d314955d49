import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataFolder } from '../dataFolder';
import { acquireDataFolderLock, type DataFolderLock } from '../store/dataFolderLock';
import { startBrowserHost, type LibraryServices } from './browserHost';
import { EarlyAnswers } from './earlyAnswers';
import { readListHead } from '../store/listHead';
import { makeFolders } from '../store/dataFolderSetup';
import { openingMessage } from '../openingMessage';
import { installTestFaultSwitch, TEST_FAULT_FILE_VARIABLE } from './testFaultSwitch';

/** The built renderer; built code lives in out/main/, beside out/renderer/. */
const RENDERER_FOLDER = path.resolve(__dirname, '..', 'renderer');

const USAGE = `Usage: npm run web -- [--data-dir DIR] [--port N]

Starts Newsmark's browser host on 127.0.0.1 and prints the address to open (with its token).
  --data-dir DIR  the library folder (default: NEWSMARK_DATA_DIR, else the per-user folder)
  --port N        the port; 0 picks a free one (default 5183)`;

/** Starts the browser host from command-line arguments; resolves once it is listening. */
export async function runBrowserHost(argv: string[]): Promise<void> {
  let values: { 'data-dir'?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? 5183);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  const folder = resolveDataFolder(values['data-dir']);
  // The folder is taken first, so a folder another process holds is refused before any address is printed.
  let lock: DataFolderLock;
  try {
    await makeFolders(folder);
    lock = acquireDataFolderLock(folder, 'browser host');
  } catch (error) {
    console.error(await openingMessage(folder, error));
    process.exit(1);
  }
  const faultSwitch = installTestFaultSwitch();
  if (faultSwitch) console.error(`Test fault switch on (${TEST_FAULT_FILE_VARIABLE}): writes fail while ${faultSwitch} names an error code.`);
  // Listen first and open the library meanwhile: the browser loads the page while the store
  // opens, and API calls wait for it.
  let provideLibrary!: (library: Promise<LibraryServices>) => void;
  const library = new Promise<LibraryServices>((resolve) => (provideLibrary = resolve));
  // With a current list head, the window's first screen is answered from it, and the library
  // opens once that is done (or anything else is asked, or after a second); without, at once.
  const head = readListHead(folder);
  let openWanted = false;
  let startOpening = () => void (openWanted = true);
  const early = head ? new EarlyAnswers(head, () => startOpening()) : undefined;
  const host = await startBrowserHost({ library, early, rendererFolder: RENDERER_FOLDER, port }).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use; pick another with --port (0 picks a free one).` : error.message);
    lock.release();
    return process.exit(1);
  });
  let opening: Promise<LibraryServices> | null = null;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => (opening ? opening.then(({ store }) => store.close(), () => undefined) : lock.release()))
      .finally(() => process.exit(0));
  };
  // Before the address is announced: whoever reads it may stop the host at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // One line on standard output, which scripts read; the folder goes to standard error. Written
  // out before the library's code loads, which holds up the process (a pipe is written later).
  await new Promise((resolve) => process.stdout.write(`Newsmark running at ${host.url}\n`, resolve));
  console.error(`Data folder: ${folder}`);
  startOpening = () => {
    if (opening || stopping) return;
    opening = import('./openHostLibrary').then(({ openHostLibrary }) => openHostLibrary(folder, lock));
    provideLibrary(opening);
    opening.then(
      ({ store }) => {
        for (const notice of store.notices) console.warn(`${notice.level}: ${notice.message}`);
      },
      async (error: unknown) => {
        console.error(await openingMessage(folder, error));
        lock.release();
        void host.close().finally(() => process.exit(1));
      },
    );
  };
  if (early && !openWanted) early.openWithin();
  else startOpening();
}
