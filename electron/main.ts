import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseExportOptions } from '../shared/exportRecord';
import { IPC_CHANNELS } from '../shared/ipcChannels';
import { fail, ok } from '../shared/result';
import { PRODUCT_NAME, resolveDataFolder } from './dataFolder';
import { openLibrary } from './openLibrary';
import { DesktopLibrary } from './desktopLibrary';
import { exportToFile } from './services/exportLibrary';
import { importJobsFor } from './services/importJobs';
import { EXPORT_FILE_TYPES, exportFileName } from '../shared/formats/exportFileTypes';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../shared/formats/importLimits';
import type { EditCommand, MenuCommand } from '../shared/contract';
import { applicationMenuTemplate } from './applicationMenu';
import { isAppAddress } from './appAddress';
import { allowsPermissionCheck, allowsPermissionRequest } from './permissionPolicy';
import { describeStorageError } from './services/storageErrors';
import { acquireDataFolderLock } from './store/dataFolderLock';
import { makeFolders } from './store/dataFolderSetup';
import { openingMessage } from './openingMessage';
import { readListHead } from './store/listHead';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { externalUrlToOpen } from './externalLinks';
import { resolveStaticFile } from './staticFile';

/**
 * The desktop app's entry: a secure window, a menu, the save dialog and the IPC binding. The
 * services are the same ones the browser host serves; this file only connects them to Electron.
 */
const APP_SCHEME = 'newsmark';
const APP_ORIGIN = `${APP_SCHEME}://app`;
const RENDERER_FOLDER = path.resolve(__dirname, '..', 'renderer');
/**
 * Under `npm run dev`, electron-vite serves the renderer with hot reload at this address. Never
 * in a packaged app, whatever the environment says, and only from this machine (the page gets
 * the preload's API).
 */
const DEV_RENDERER_URL = app.isPackaged ? null : devRendererUrl(process.env.ELECTRON_RENDERER_URL);

function devRendererUrl(address: string | undefined): URL | null {
  if (!address) return null;
  const url = URL.canParse(address) ? new URL(address) : null;
  if (url && url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return url;
  console.error(`newsmark: ignoring ELECTRON_RENDERER_URL=${address}: the dev server must be http:// on this machine (localhost).`);
  return null;
}
/** The origins of the app's own page: its scheme, and the dev server while developing. */
const APP_ORIGINS = DEV_RENDERER_URL ? [APP_ORIGIN, DEV_RENDERER_URL.origin] : [APP_ORIGIN];

app.setName(PRODUCT_NAME);
// The data folder is named after the product however Electron was started (`electron .` reads
// package.json's productName; `electron out/main/index.js` would read nothing and say "Electron").
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let library: DesktopLibrary | null = null;

function dataFolderFromArguments(): string {
  // Electron passes its own switches too; unknown ones are not ours to reject.
  const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const flag = values['data-dir'];
  return resolveDataFolder(typeof flag === 'string' ? flag : undefined, () => app.getPath('userData'));
}

/** Only our own window's top frame, showing our own page, may call the main process. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || frame !== mainWindow.webContents.mainFrame) return false;
  return isAppAddress(frame.url, APP_ORIGINS);
}

/**
 * Serves the built renderer from newsmark://app/, and nothing outside its folder (see
 * resolveStaticFile), each response carrying the Content Security Policy.
 */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { host, pathname } = new URL(request.url);
    const filePath = host === 'app' ? await resolveStaticFile(RENDERER_FOLDER, pathname) : null;
    if (!filePath) return new Response('Not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(filePath).toString());
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
}

async function exportWithDialog(options: unknown) {
  const parsed = parseExportOptions(options);
  if (!parsed.ok) return parsed;
  if (!library || !mainWindow) return fail('storage_failed', 'The library is not open.');
  const opened = library;
  const type = EXPORT_FILE_TYPES[parsed.value.format];
  const choice = await dialog.showSaveDialog(mainWindow, {
    title: 'Export labelled articles',
    defaultPath: exportFileName(parsed.value.format),
    filters: [{ name: type.name, extensions: [type.extension] }],
  });
  if (choice.canceled || !choice.filePath) return ok({ destination: null, documents: 0, spans: 0 });
  try {
    return ok(await exportToFile(await opened.store(), parsed.value, choice.filePath));
  } catch (error) {
    return { ok: false as const, error: describeStorageError(error) };
  }
}

/** File → Import… and Export… open the renderer's dialogs, where the user makes the choices. */
function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(IPC_CHANNELS.menu, command);
}

/** Edit → Undo / Redo: the renderer knows whether focus is in a text field or the article. */
function sendEditCommand(command: EditCommand): void {
  mainWindow?.webContents.send(IPC_CHANNELS.edit, command);
}

/** One file of an import the renderer runs (it reads files the user picked or dropped). */
async function importFileFromRenderer(jobId: unknown, name: unknown, bytes: unknown) {
  if (!library) return fail('storage_failed', 'The library is not open.');
  if (typeof jobId !== 'string' || !/^[0-9a-f-]{36}$/.test(jobId)) return fail('invalid_request', 'importFile: jobId must be an import job id.');
  if (typeof name !== 'string' || name.length === 0 || name.length > 1000) return fail('invalid_request', 'importFile: name must be 1–1,000 characters.');
  if (!(bytes instanceof Uint8Array)) return fail('invalid_request', 'importFile: the file must be sent as bytes.');
  if (bytes.length > MAX_IMPORT_FILE_BYTES) return fail('invalid_request', `${name}: ${fileTooLargeMessage(bytes.length)}`);
  try {
    return await importJobsFor(await library.store()).importFile(jobId, name, bytes);
  } catch (error) {
    return { ok: false as const, error: describeStorageError(error) };
  }
}

/** Opens a link in the user's browser, only when it passes externalUrlToOpen (http and https). */
function openExternal(address: string): void {
  const url = externalUrlToOpen(address);
  // A refused or failed opening changes nothing in the app; there is no one to tell but the log.
  if (url) shell.openExternal(url).catch((error: unknown) => console.error(`newsmark: cannot open ${url}:`, error));
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click ("auxclick") on a link would otherwise open it in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // The renderer refuses to unload while a change is not yet on disk; ask before closing anyway.
  mainWindow.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(mainWindow!, {
      type: 'warning',
      buttons: ['Keep the window open', 'Close without saving'],
      defaultId: 0,
      cancelId: 0,
      message: 'Some changes are not saved yet.',
      detail: 'Newsmark is still writing them to disk (or retrying after an error). Closing now loses them.',
    });
    if (choice === 1) event.preventDefault();
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(DEV_RENDERER_URL ? DEV_RENDERER_URL.href : `${APP_ORIGIN}/index.html`);
}

async function cannotOpen(folder: string, error: unknown): Promise<void> {
  dialog.showErrorBox('Newsmark cannot open its data folder', await openingMessage(folder, error));
  app.exit(1);
}

/**
 * Takes the folder's lock (a folder another process holds is refused before any window), creates
 * the window, and opens the library meanwhile (desktopLibrary.ts): a large library's first
 * screen comes from its list head, not after its index is read.
 */
async function start(folder: string): Promise<void> {
  let lock: ReturnType<typeof acquireDataFolderLock>;
  try {
    await makeFolders(folder);
    lock = acquireDataFolderLock(folder, 'desktop app');
  } catch (error) {
    return cannotOpen(folder, error);
  }
  const desktopLibrary = new DesktopLibrary({
    head: readListHead(folder),
    open: () => openLibrary(folder, 'desktop app', { seedSampleCorpus: true, deferFileCheck: true, lock }),
  });
  library = desktopLibrary;
  desktopLibrary.opened.then(
    ({ store }) => store.notices.forEach((notice) => console.warn(`${notice.level}: ${notice.message}`)),
    (error: unknown) => {
      lock.release();
      void cannotOpen(folder, error);
    },
  );

  // Clipboard writes ("Copy list") for the app's own page; every other permission refused.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowsPermissionRequest(permission, details, APP_ORIGINS)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => allowsPermissionCheck(permission, requestingOrigin, details, APP_ORIGINS));
  session.defaultSession.setDevicePermissionHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // The dev server's page carries its own, development policy (electron.vite.config.ts).
    if (DEV_RENDERER_URL && isAppAddress(details.url, [DEV_RENDERER_URL.origin])) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  registerAppProtocol();

  ipcMain.handle(IPC_CHANNELS.request, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event) || !library) return fail('unauthorized', 'This window may not call Newsmark.');
    return library.request(name, args);
  });
  ipcMain.handle(IPC_CHANNELS.export, (event, options: unknown) => {
    if (!isTrustedSender(event)) return fail('unauthorized', 'This window may not call Newsmark.');
    return exportWithDialog(options);
  });
  ipcMain.handle(IPC_CHANNELS.importFile, (event, jobId: unknown, name: unknown, bytes: unknown) => {
    if (!isTrustedSender(event)) return fail('unauthorized', 'This window may not call Newsmark.');
    return importFileFromRenderer(jobId, name, bytes);
  });

  const menuTargets = { menuCommand: sendMenuCommand, editCommand: sendEditCommand };
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, menuTargets, PRODUCT_NAME)));
  createWindow();
  desktopLibrary.start();
}

/** Our page never navigates, opens windows or embeds others; a link goes to the user's browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

/**
 * Electron's single-instance lock is per user-data folder, so it guards the default library:
 * starting the app again focuses the open window. A library chosen with --data-dir is guarded
 * by its folder lock instead, which refuses a second process and names the one holding it.
 */
const dataFolder = dataFolderFromArguments();
if (dataFolder === path.resolve(app.getPath('userData')) && !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // A library never opened holds only its lock, which is released on exit.
    if (!library?.started) return;
    event.preventDefault();
    const closing = library;
    library = null;
    void closing.opened.then(({ store }) => store.close(), () => undefined).finally(() => app.quit());
  });
  void app.whenReady().then(() => start(dataFolder));
}
