import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where Electron's executable is, read the way the `electron` package's own entry point reads
 * it (node_modules/electron/index.js), without requiring that entry point: since Electron 42 it
 * downloads the binary when it is missing, blocking, with no word to the user.
 *
 * - `ELECTRON_OVERRIDE_DIST_PATH` names a folder holding a build of Electron to use instead of
 *   the package's own; the executable inside it is named as path.txt says (else as on this
 *   platform). Nothing is ever downloaded for an override.
 * - Otherwise the package's installer (its `install-electron` bin, install.js) downloads the
 *   binary into the package's dist/ folder and writes its name, relative to dist/, to path.txt.
 * - `ELECTRON_SKIP_BINARY_DOWNLOAD` (any non-empty value) means "do not download Electron's
 *   binary"; Electron's installer honoured it until version 42, and `npm start` still does.
 */
export type ElectronLookup =
  /** The executable exists. */
  | { kind: 'found'; binary: string }
  /** The package is there but its binary is not; `installer` would download it. */
  | { kind: 'downloadable'; installer: string }
  /** No binary and none to be had; `reason` says why, as a sentence. */
  | { kind: 'unavailable'; reason: string };

type Environment = Readonly<Record<string, string | undefined>>;

/** The executable's name inside a dist/ folder, as Electron's install.js names it. */
export function platformExecutable(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The installed `electron` package's folder (beside this build), else null. */
function electronPackageFolder(): string | null {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    // Not installed (a production-only install): there is nothing to run or download.
    return null;
  }
}

/** The installer the package declares as its `install-electron` bin. */
function installerOf(packageFolder: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageFolder, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  return path.join(packageFolder, manifest.bin?.['install-electron'] ?? 'install.js');
}

/** Finds Electron's executable, or says how to get it or why it cannot be had. */
export function lookUpElectron(env: Environment = process.env): ElectronLookup {
  const packageFolder = electronPackageFolder();
  if (!packageFolder) return { kind: 'unavailable', reason: 'the `electron` package is not installed (run `npm install`)' };
  const pathFile = path.join(packageFolder, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, recorded || platformExecutable());
    if (existsSync(binary)) return { kind: 'found', binary };
    return { kind: 'unavailable', reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist (point it at a folder holding Electron, or unset it)` };
  }
  if (recorded) {
    const binary = path.join(packageFolder, 'dist', recorded);
    if (existsSync(binary)) return { kind: 'found', binary };
  }
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { kind: 'unavailable', reason: "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded (unset it to let `npm start` download Electron)" };
  }
  return { kind: 'downloadable', installer: installerOf(packageFolder) };
}

/** The path of Electron's executable when it is installed, else null. Never downloads. */
export function findElectronBinary(env: Environment = process.env): string | null {
  const lookup = lookUpElectron(env);
  return lookup.kind === 'found' ? lookup.binary : null;
}
