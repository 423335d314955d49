/**
 * Agreement between two Newsmark exports (two annotators' JSONL files): articles are paired by
 * their text (the same words, whatever each file calls them), then compared one by one
 * (compareDocuments.ts) and pooled: span scores add their counts, kappa pools its tokens.
 * Offsets in the report are UTF-16 indices into each article's text, whatever the files used.
 */
import type { ExportRecord } from '../exportRecord';
import { createOffsetConverter } from '../offsets';
import { compareDocuments, type AnnotatedVersion, type Disagreement } from './compareDocuments';
import { addScores, scores, type MatchScores } from './spanMatching';
import { addKappaCounts, kappa, type KappaCounts } from './tokenKappa';

export interface LabelAgreement {
  exact: MatchScores;
  overlap: MatchScores;
  /** Cohen's kappa of "this label" against "not this label" over word tokens; null when not defined. */
  kappa: number | null;
}

export interface AgreementReport {
  offset_unit: 'utf16';
  annotators: { a: string[]; b: string[] };
  documents: {
    compared: number;
    /** Ids of articles whose text is in only one file. */
    only_a: string[];
    only_b: string[];
  };
  labels: Record<string, LabelAgreement>;
  /** Every label together (overall kappa: label sets as categories, see tokenKappa.ts). */
  all: LabelAgreement;
  relations: MatchScores;
  disagreements: (Disagreement & { document_id: string; document_id_b: string })[];
}

/** One record's spans and relations in UTF-16 offsets. */
export function versionOfRecord(record: ExportRecord): AnnotatedVersion {
  const converter = createOffsetConverter(record.text);
  const toUtf16 = (offset: number) => (record.offset_unit === 'codepoint' ? converter.toUtf16(offset) : offset);
  return {
    spans: record.spans.map((span) => ({
      id: span.id,
      start: toUtf16(span.start),
      end: toUtf16(span.end),
      label: span.label,
      ...(span.speaker !== undefined ? { speaker: span.speaker } : {}),
      ...(span.note !== undefined ? { note: span.note } : {}),
      annotator: span.annotator,
    })),
    relations: record.relations.map((relation) => ({ id: relation.id, label: relation.label, headId: relation.head_id, childId: relation.child_id })),
  };
}

/**
 * Compares export A with export B (B is the reference for precision and recall; F1 and kappa
 * are symmetric). An article in both is paired by identical text; where one file holds the same
 * text twice, the copy with the same id is taken, else the first. `labels` are those reported
 * (default: every label either file uses, sorted).
 */
export function compareExports(a: readonly ExportRecord[], b: readonly ExportRecord[], labels?: readonly string[]): AgreementReport {
  const names = labels ?? [...new Set([...a, ...b].flatMap((record) => record.spans.map((span) => span.label)))].sort();
  const byText = new Map<string, ExportRecord[]>();
  for (const record of b) {
    const list = byText.get(record.text);
    if (list) list.push(record);
    else byText.set(record.text, [record]);
  }
  const empty = scores(0, 0, 0);
  const emptyKappa: KappaCounts = { tokens: 0, agreed: 0, categories: {} };
  const totals = new Map(names.map((label) => [label, { exact: empty, overlap: empty, kappa: emptyKappa }]));
  let allKappa = emptyKappa;
  let relations = empty;
  const report: AgreementReport = {
    offset_unit: 'utf16',
    annotators: { a: [], b: [] },
    documents: { compared: 0, only_a: [], only_b: [] },
    labels: {},
    all: { exact: empty, overlap: empty, kappa: null },
    relations: empty,
    disagreements: [],
  };
  const annotatorsA = new Set<string>();
  const annotatorsB = new Set<string>();
  const pairedB = new Set<ExportRecord>();
  for (const left of a) {
    for (const span of left.spans) annotatorsA.add(span.annotator);
    const candidates = (byText.get(left.text) ?? []).filter((record) => !pairedB.has(record));
    const right = candidates.find((record) => record.id === left.id) ?? candidates[0];
    if (!right) {
      report.documents.only_a.push(left.id);
      continue;
    }
    pairedB.add(right);
    report.documents.compared++;
    const compared = compareDocuments(left.text, versionOfRecord(left), versionOfRecord(right), names);
    for (const label of names) {
      const total = totals.get(label)!;
      const figures = compared.labels[label]!;
      totals.set(label, { exact: addScores(total.exact, figures.exact), overlap: addScores(total.overlap, figures.overlap), kappa: addKappaCounts(total.kappa, figures.kappa) });
    }
    allKappa = addKappaCounts(allKappa, compared.kappa);
    relations = addScores(relations, compared.relations);
    for (const disagreement of compared.disagreements) report.disagreements.push({ ...disagreement, document_id: left.id, document_id_b: right.id });
  }
  for (const record of b) {
    for (const span of record.spans) annotatorsB.add(span.annotator);
    if (!pairedB.has(record)) report.documents.only_b.push(record.id);
  }
  let exactAll = empty;
  let overlapAll = empty;
  for (const [label, total] of totals) {
    report.labels[label] = { exact: total.exact, overlap: total.overlap, kappa: kappa(total.kappa) };
    exactAll = addScores(exactAll, total.exact);
    overlapAll = addScores(overlapAll, total.overlap);
  }
  report.all = { exact: exactAll, overlap: overlapAll, kappa: kappa(allKappa) };
  report.relations = relations;
  report.annotators = { a: [...annotatorsA].sort(), b: [...annotatorsB].sort() };
  return report;
}
