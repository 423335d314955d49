import os from 'node:os';
import path from 'node:path';

/** The product name, which is also the name of the per-user data folder Electron picks. */
export const PRODUCT_NAME = 'Newsmark';

/**
 * Where Electron's `app.getPath('userData')` puts Newsmark's data on this platform, computed
 * without Electron so that the browser host and the command line use the same folder.
 */
export function defaultUserDataFolder(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}

/** The data folder: `--data-dir`, else NEWSMARK_DATA_DIR, else the per-user default. */
export function resolveDataFolder(flag: string | undefined, fallback: () => string = defaultUserDataFolder): string {
  const chosen = flag ?? process.env.NEWSMARK_DATA_DIR;
  return path.resolve(chosen && chosen.length > 0 ? chosen : fallback());
}
