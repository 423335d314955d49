import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../../electron/electronBinary';
import { BUILT_MAIN } from './browserHostProcess';

/** Checks the build is there, and says once whether the Electron project can run. */
export default function globalSetup(): void {
  if (!existsSync(path.join(BUILT_MAIN, 'web.js'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does) before the end-to-end tests.');
  }
  if (!findElectronBinary()) console.log('skipped: no Electron binary (the electron project runs where Electron is installed)');
}
