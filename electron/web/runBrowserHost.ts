import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataFolder } from '../dataFolder';
import { openLibrary } from '../openLibrary';
import { createLibraryHandlers } from '../services/libraryHandlers';
import { DataFolderLockedError } from '../store/dataFolderLock';
import { DataFolderError } from '../store/dataFolderSetup';
import { startBrowserHost } from './browserHost';
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
  let store;
  try {
    store = await openLibrary(folder, 'browser host', { seedSampleCorpus: true });
  } catch (error) {
    console.error(error instanceof DataFolderLockedError || error instanceof DataFolderError ? error.message : `Cannot open the data folder ${folder}: ${(error as Error).message}`);
    process.exit(1);
  }
  for (const notice of store.notices) console.warn(`${notice.level}: ${notice.message}`);
  const faultSwitch = installTestFaultSwitch();
  if (faultSwitch) console.error(`Test fault switch on (${TEST_FAULT_FILE_VARIABLE}): writes fail while ${faultSwitch} names an error code.`);
  const host = await startBrowserHost({
    store,
    handlers: createLibraryHandlers(store),
    rendererFolder: RENDERER_FOLDER,
    port,
  }).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use; pick another with --port (0 picks a free one).` : error.message);
    return store.close().then(() => process.exit(1));
  });
  // One line on standard output, which scripts read; the folder goes to standard error.
  console.log(`Newsmark running at ${host.url}`);
  console.error(`Data folder: ${folder}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
