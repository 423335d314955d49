// Electronegativity (@doyensec/electronegativity) over the app's Electron and renderer source,
// as one check of `npm test`. The tool exits 0 whatever it finds, so this script reads its CSV
// report and exits 1 on any HIGH or MEDIUM finding that is not suppressed below, printing each.
//
// Electronegativity parses TypeScript, so it reads the source itself (electron/ and renderer/),
// not the build. Both folders are scanned in one run: its "global" checks (navigation limits,
// permission handler, CSP) look for the main process's handlers and the page's policy together.
//
// Usage: node .ci/electronegativity.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SCANNED = ['electron', 'renderer'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

/**
 * Findings known to be false positives: each names the check and the file, and says why. Keep
 * this list short; a real finding is fixed, never listed here.
 */
const SUPPRESSED = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    why: 'the one shell.openExternal call opens only what externalUrlToOpen returns: an absolute http: or https: address without credentials (electron/externalLinks.ts, unit-tested against javascript:, file:, custom schemes and more). The check flags every call whose argument is not a literal.',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    why: 'the check asks for a review of any preload. Ours (electron/preload.ts) exposes through contextBridge three functions, each one ipcRenderer.invoke on a fixed channel (the main process checks the sender frame and validates every argument with the zod contract), and two subscriptions to the menu\'s commands on fixed channels, which hand the listener only the command name, never the IPC event.',
  },
];

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

function electronVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

const scan = mkdtempSync(path.join(os.tmpdir(), 'newsmark-electronegativity-'));
try {
  for (const folder of SCANNED) cpSync(path.join(root, folder), path.join(scan, 'source', folder), { recursive: true });
  const report = path.join(scan, 'report.csv');
  // -e: the Electron version in use (it would otherwise look it up online, and guess 0.1.0 offline).
  const run = spawnSync('npx', ['electronegativity', '-i', path.join(scan, 'source'), '-o', report, '-r', '-v', 'false', '-e', electronVersion()], {
    cwd: root,
    encoding: 'utf8',
  });
  let csv;
  try {
    csv = readFileSync(report, 'utf8');
  } catch {
    console.error(`electronegativity wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  const [header, ...rows] = parseCsv(csv);
  const column = Object.fromEntries(header.map((name, index) => [name.trim(), index]));
  const findings = rows.map((cells) => ({
    check: cells[column.issue],
    severity: cells[column.severity],
    confidence: cells[column.confidence],
    file: cells[column.filename],
    location: cells[column.location],
    description: cells[column.description],
  }));
  let failing = 0;
  for (const finding of findings) {
    const suppression = SUPPRESSED.find((entry) => entry.check === finding.check && entry.file === finding.file);
    const blocks = FAILING.has(finding.severity) && !suppression;
    if (blocks) failing++;
    const verdict = blocks ? 'FAIL' : suppression ? 'suppressed' : 'info';
    console.log(`${verdict}: ${finding.severity}/${finding.confidence} ${finding.check} at ${finding.file}:${finding.location}: ${finding.description}`);
    if (suppression) console.log(`  why suppressed: ${suppression.why}`);
  }
  console.log(`electronegativity: ${findings.length} findings over ${SCANNED.join('/ and ')}/, ${failing} HIGH or MEDIUM not suppressed`);
  process.exit(failing > 0 ? 1 : 0);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
