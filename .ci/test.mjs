// `npm test`: every check in order — typecheck, unit and property tests (the SIGKILL crash
// harness among them), build, electronegativity, end-to-end tests — then one closing line
// "N passed, N failed, N skipped" counting every test (and the typecheck, build and
// electronegativity as one check each). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
rmSync(path.join(results, 'unit.json'), { force: true });
rmSync(path.join(results, 'e2e.json'), { force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: outcome.status === 0, seconds };
}

function check(title, command, args) {
  const { ok, seconds } = run(title, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${title}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
  return ok;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('typecheck renderer', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']);
check('typecheck e2e', 'npx', ['tsc', '-p', 'e2e/tsconfig.json']);
check('typecheck bench', 'npx', ['tsc', '-p', 'bench/tsconfig.json']);

{
  const { ok, seconds } = run('unit and property tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'unit.json')}`]);
  const report = readJson(path.join(results, 'unit.json'));
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
    totals.skipped += report.numPendingTests + report.numTodoTests;
    lines.push(`unit: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped (${seconds} s)`);
  } else {
    totals.failed += 1;
    lines.push(`unit: FAILED before reporting (${seconds} s)`);
  }
}

const built = check('build', 'npx', ['electron-vite', 'build']);
// Security lint of the Electron and renderer source: fails on any HIGH or MEDIUM finding.
check('electronegativity', 'node', ['.ci/electronegativity.mjs']);

if (built) {
  const { ok, seconds } = run('end-to-end tests', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
  const report = readJson(path.join(results, 'e2e.json'));
  if (report) {
    const { expected, unexpected, skipped, flaky } = report.stats;
    totals.passed += expected;
    totals.failed += unexpected + flaky + (ok || unexpected + flaky > 0 ? 0 : 1);
    totals.skipped += skipped;
    lines.push(`e2e: ${expected} passed, ${unexpected + flaky} failed, ${skipped} skipped (${seconds} s)`);
  } else {
    totals.failed += 1;
    lines.push(`e2e: FAILED before reporting (${seconds} s)`);
  }
} else {
  lines.push('e2e: not run (the build failed)');
  totals.failed += 1;
}

// The benchmarks at small sizes: proves their code runs (their figures are not judged here).
if (built) check('benchmarks (quick)', 'npx', ['tsx', 'bench/run.ts', '--quick']);

console.log('\n=== summary');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
