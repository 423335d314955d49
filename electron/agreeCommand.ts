import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareExports, type AgreementReport } from '../shared/agreement/compareExports';
import type { MatchScores } from '../shared/agreement/spanMatching';
import type { ExportRecord } from '../shared/exportRecord';
import { formatProblem } from '../shared/importProblem';
import { parseExport } from '../shared/agreement/parseExport';

/**
 * `newsmark agree A.jsonl B.jsonl [--json]`: how far two annotators' Newsmark exports agree.
 * Does not open the library. Exit codes as the other commands: 0 the report was printed, 1 a
 * file is missing or not a valid export (every problem is printed with its line), 2 usage error.
 */

export const AGREE_USAGE = `Usage: newsmark agree A.jsonl B.jsonl [--json] [--label LABEL]...

Compares two Newsmark JSONL exports of the same articles (paired by their text). Per label:
span precision, recall and F1 of A against B, exact (same start, end and label) and overlap
(one to one, sharing a character); Cohen's kappa over word tokens (Intl.Segmenter words, each
labelled with the label or not; overall, with the set of labels covering it, or "none");
agreement of attributed_to links; then every disagreement with both versions.
  --json    print the report as one JSON object (offsets in UTF-16 code units)
  --label   only this label (may be given more than once)
Both files are checked as "newsmark validate" does first.`;

async function readExport(file: string): Promise<{ records: ExportRecord[] | null; problems: string[] }> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { records: null, problems: [`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  const { records, problems } = parseExport(file, content);
  return { records, problems: problems.map(formatProblem) };
}

function percent(value: number | null): string {
  return value === null ? '   –  ' : `${(value * 100).toFixed(1).padStart(5)}%`;
}

function scoreLine(scores: MatchScores): string {
  return `P ${percent(scores.precision)}  R ${percent(scores.recall)}  F1 ${percent(scores.f1)}  (${scores.matched} of ${scores.a} / ${scores.b})`;
}

function printReport(report: AgreementReport, fileA: string, fileB: string): void {
  console.log(`A: ${fileA} (${report.annotators.a.join(', ') || 'no spans'})`);
  console.log(`B: ${fileB} (${report.annotators.b.join(', ') || 'no spans'})`);
  console.log(`${report.documents.compared} articles compared; only in A: ${report.documents.only_a.length}, only in B: ${report.documents.only_b.length}`);
  const kappaText = (value: number | null) => (value === null ? '–' : value.toFixed(3));
  const width = Math.max(5, ...Object.keys(report.labels).map((label) => label.length));
  for (const [label, figures] of [...Object.entries(report.labels), ['(all)', report.all] as const]) {
    console.log(`${label.padEnd(width)}  exact    ${scoreLine(figures.exact)}`);
    console.log(`${''.padEnd(width)}  overlap  ${scoreLine(figures.overlap)}  kappa ${kappaText(figures.kappa)}`);
  }
  console.log(`${'links'.padEnd(width)}  exact    ${scoreLine(report.relations)}`);
  console.log(`${report.disagreements.length} disagreements`);
  const show = (version: { start: number; end: number; label: string; text: string; speaker?: string } | null) =>
    version ? `${version.label} ${version.start}-${version.end} ${JSON.stringify(version.text)}${version.speaker ? ` (speaker ${version.speaker})` : ''}` : '—';
  for (const each of report.disagreements) {
    if (each.relation) {
      console.log(`  ${each.document_id}  ${each.kind}: ${show(each.relation.head)} → ${show(each.relation.child)}`);
    } else {
      console.log(`  ${each.document_id}  ${each.kind}: A ${show(each.a)} | B ${show(each.b)}`);
    }
  }
}

export async function runAgree(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, label: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return console.log(AGREE_USAGE), 0;
  if (positionals.length !== 2) {
    console.error(`newsmark: agree needs exactly two files, A and B.\n\n${AGREE_USAGE}`);
    return 2;
  }
  const [fileA, fileB] = positionals as [string, string];
  const [a, b] = await Promise.all([readExport(fileA), readExport(fileB)]);
  const problems = [...a.problems, ...b.problems];
  if (!a.records || !b.records) {
    for (const problem of problems) console.error(`problem: ${problem}`);
    return 1;
  }
  const report = compareExports(a.records, b.records, values.label);
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report, fileA, fileB);
  return 0;
}
