import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The path of Electron's executable when it is installed, else null. Reads what the `electron`
 * package records (path.txt) without requiring the package, whose entry point tries to
 * download the binary when it is missing.
 */
export function findElectronBinary(): string | null {
  let packageFolder: string;
  try {
    packageFolder = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageFolder, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) return null;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? path.join(override, relative) : path.join(packageFolder, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
