import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electronBinary';
import { runBrowserHost } from './web/runBrowserHost';

/**
 * `npm start`: the desktop app where Electron's binary is installed; elsewhere one line saying
 * so, then the browser host.
 */
const binary = findElectronBinary();
const args = process.argv.slice(2);
if (binary) {
  const child = spawn(binary, [path.resolve(__dirname, '..', '..'), ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log("Electron's binary is not installed on this machine (it cannot be downloaded here); starting the browser host instead — `npm run web` starts it directly.");
  void runBrowserHost(args);
}
