import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord, type ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import type { NewsDocument } from '../model';
import { pythonSlice } from '../testing/codePoints';
import { pythonWith, runPython } from '../testing/python';
import { documentArbitrary } from '../testing/randomDocuments';
import { SAMPLE_CORPUS } from '../testing/sampleCorpus';
import { realWorldAvailable, realWorldPath } from '../testing/realWorld';
import { draftFromProdigy, prodigyTaskFrom, type ProdigyTask } from './prodigy';
import { prodigyTokens } from './prodigyTokens';

/**
 * Our Prodigy export is a `rel.manual` task as Prodigy writes one: checked against the tokens,
 * spans and relations of a real `rel.manual` file (explosion's relation-extraction tutorial),
 * read by spaCy the way that tutorial's parse_data.py reads it, and imported back to the same
 * spans and relations.
 */

const STAMP = '2026-03-01T10:00:00.000Z';

function recordOf(document: NewsDocument): ExportRecord {
  return toExportRecord(document, exportOptionsSchema.parse({ format: 'prodigy' }));
}

/** A document of `text` with a span over each part (in order), linked as `links` says (indices). */
function documentWith(text: string, parts: [string, string][], links: [number, number][] = []): NewsDocument {
  const spans = parts.map(([part, label], index) => {
    const start = text.indexOf(part);
    if (start < 0) throw new RangeError(`"${part}" is not in the text`);
    return { id: `s${index}`, start, end: start + part.length, label, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana' };
  });
  const relations = links.map(([head, child], index) => ({ id: `r${index}`, label: 'attributed_to' as const, headId: `s${head}`, childId: `s${child}` }));
  return { id: 'doc', text, meta: { title: 'T' }, status: 'done', spans, relations, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana', revision: 1 };
}

/** Tokens as one line: text, with `_` after a token followed by a space. */
function tokenLine(task: ProdigyTask): string {
  return task.tokens.map((token) => `${JSON.stringify(token.text)}${token.ws ? '_' : ''}`).join(' ');
}

describe('Prodigy tokens', () => {
  test.each([
    ['Psaki didn’t say: “We are ready.”', [], '"Psaki"_ "did" "n’t"_ "say" ":"_ "“" "We"_ "are"_ "ready" "." "”"'],
    ["Russia's 150,000 troops (3.5%) e-mail", [], '"Russia" "\'s"_ "150,000"_ "troops"_ "(" "3.5" "%" ")"_ "e" "-" "mail"'],
    ['Flag 🇺🇸 and 👨‍👩‍👧.', [], '"Flag"_ "🇺🇸"_ "and"_ "👨‍👩‍👧" "."'],
    ['One.\n\nTwo  three \n four', [], '"One" "." "\\n\\n" "Two"_ " " "three"_ "\\n " "four"'],
    // A span inside a word cuts it; a span ending after a space keeps the space a token.
    ['Unbelievable claims', [['believ', 'claim'], ['claims', 'claim']], '"Un" "believ" "able"_ "claims"'],
    ['said it ', [['said ', 'claim']], '"said" " " "it"_'],
    ['said  it', [[' it', 'claim']], '"said"_ " " "it"'],
    ['The U.S. and Acme Inc. met Mr. C. Smith.', [], '"The"_ "U.S."_ "and"_ "Acme"_ "Inc."_ "met"_ "Mr."_ "C."_ "Smith" "."'],
  ] as [string, [string, string][], string][])('%j', (text, parts, expected) => {
    expect(tokenLine(prodigyTaskFrom(recordOf(documentWith(text, parts))))).toBe(expected);
  });

  test('tokens rebuild the text, slice by code points, and every span starts and ends on one (random documents)', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const record = recordOf(document);
        const task = prodigyTaskFrom(record);
        expect(task.tokens.map((token) => token.text + (token.ws ? ' ' : '')).join('')).toBe(record.text);
        task.tokens.forEach((token, index) => {
          expect(token.id).toBe(index);
          expect(token.text).not.toBe('');
          expect(pythonSlice(record.text, token.start, token.end)).toBe(token.text);
          if (token.ws) expect(pythonSlice(record.text, token.end, token.end + 1)).toBe(' ');
        });
        task.spans.forEach((span, index) => {
          const covered = task.tokens.slice(span.token_start, span.token_end + 1);
          expect([covered[0]!.start, covered[covered.length - 1]!.end]).toEqual([span.start, span.end]);
          expect(span.text).toBe(record.spans[index]!.text);
        });
        task.relations.forEach((relation, index) => {
          const source = record.relations[index]!;
          expect([relation.head_span.start, relation.head_span.end, relation.child_span.start, relation.child_span.end]).toEqual([source.head_span.start, source.head_span.end, source.child_span.start, source.child_span.end]);
          expect([relation.head, relation.child]).toEqual([relation.head_span.token_end, relation.child_span.token_end]);
          expect(task.spans).toContainEqual(expect.objectContaining(relation.head_span));
          expect(task.spans).toContainEqual(expect.objectContaining(relation.child_span));
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('importing our own Prodigy export', () => {
  test('gives back the same text, spans and relations (random documents)', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const problems: ImportProblem[] = [];
        const draft = draftFromProdigy(JSON.parse(JSON.stringify(prodigyTaskFrom(recordOf(document)))), { file: 'p.jsonl', line: 1, fallbackTitle: 'p' }, problems);
        expect(problems.filter((problem) => problem.severity !== 'note')).toEqual([]);
        const summary = (spans: { start: number; end: number; label: string }[], relations: [number, number][]) =>
          [spans.map((span) => `${span.start}-${span.end} ${span.label}`).join(' | '), relations.map(([head, child]) => `${head}→${child}`).join(' ')];
        const index = new Map(document.spans.map((span, order) => [span.id, order] as const));
        expect(draft!.text).toBe(document.text);
        expect(summary(draft!.spans, draft!.relations.map((relation) => [relation.head, relation.child]))).toEqual(
          summary(document.spans, document.relations.map((relation) => [index.get(relation.headId)!, index.get(relation.childId)!])),
        );
        expect(draft!.meta).toEqual({ ...document.meta, answer: 'accept' });
      }),
      { numRuns: 200 },
    );
  });
});

type Raw = Record<string, any>;

/** Each key of the objects found, with the JSON types its values take: `{start: "number", …}`. */
function shape(objects: Raw[]): Record<string, string> {
  const types = new Map<string, Set<string>>();
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) types.set(key, (types.get(key) ?? new Set()).add(Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value));
  }
  return Object.fromEntries([...types].sort(([a], [b]) => a.localeCompare(b)).map(([key, seen]) => [key, [...seen].sort().join('|')]));
}

/** The parts of tasks whose shape is compared. */
function parts(tasks: Raw[]): Record<string, Record<string, string>> {
  const relations = tasks.flatMap((task) => task.relations);
  return {
    task: shape(tasks),
    token: shape(tasks.flatMap((task) => task.tokens)),
    span: shape(tasks.flatMap((task) => task.spans)),
    relation: shape(relations),
    'relation span': shape(relations.flatMap((relation) => [relation.head_span, relation.child_span])),
  };
}

/** What Prodigy adds for itself (hashes, its view, greyed-out tokens, colours), not the data. */
const PRODIGY_OWN_KEYS: Record<string, string[]> = { task: ['_input_hash', '_task_hash', '_session_id', '_view_id'], token: ['disabled'], span: ['type'], relation: ['color'], 'relation span': [] };

function realRelManual(): Raw[] {
  return readFileSync(realWorldPath('peers', 'annotations.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

const ARTICLE = documentWith(
  'Psaki 🇺🇸 said on Sunday: “We are always ready for diplomacy.” Russia’s army has 150,000 troops nearby,\nofficials said.',
  [['Psaki 🇺🇸 said on Sunday', 'attribution'], ['“We are always ready for diplomacy.”', 'quote'], ['We are always ready', 'claim'], ['Russia’s army has 150,000 troops nearby', 'claim'], ['officials said', 'attribution'], ['Russia', 'ORG']],
  [[1, 0], [2, 0], [3, 4]],
);

describe.skipIf(!realWorldAvailable())('the shape of a real rel.manual file (../shared/real-world/peers/annotations.jsonl)', () => {
  test('tasks, tokens, spans and relations have the keys and value types Prodigy writes', () => {
    const real = parts(realRelManual());
    const ours = parts(fc.sample(documentArbitrary, { numRuns: 200, seed: 3 }).concat([ARTICLE]).map((document) => JSON.parse(JSON.stringify(prodigyTaskFrom(recordOf(document))))));
    const withoutProdigyOwn = Object.fromEntries(Object.entries(real).map(([part, keys]) => [part, Object.fromEntries(Object.entries(keys).filter(([key]) => !PRODIGY_OWN_KEYS[part]!.includes(key)))]));
    expect(ours).toEqual(withoutProdigyOwn);
  });
});

/**
 * Reads Prodigy tasks (JSONL on standard input) as spaCy's relation-extraction tutorial does
 * (parse_data.py): a Doc from the tokens' text and ws, each span by its character offsets, each
 * relation's head and child as the last token of a span. Prints the problems found and counts.
 */
const SPACY_READER = `
import json, sys
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
vocab = Vocab()
problems = []
counts = {"tasks": 0, "spans": 0, "relations": 0}
for number, line in enumerate(sys.stdin, 1):
    example = json.loads(line)
    counts["tasks"] += 1
    if example["answer"] != "accept":
        problems.append(f"{number}: answer {example['answer']}")
    words = [t["text"] for t in example["tokens"]]
    spaces = [t["ws"] for t in example["tokens"]]
    doc = Doc(vocab, words=words, spaces=spaces)
    if doc.text != example["text"]:
        problems.append(f"{number}: the tokens make {doc.text!r}, not the text")
        continue
    for index, token in enumerate(example["tokens"]):
        if (token["id"], token["start"], token["end"]) != (index, doc[index].idx, doc[index].idx + len(doc[index])):
            problems.append(f"{number}: token {index} is not at {token['start']}-{token['end']}")
    span_end_to_start = {}
    for span in example["spans"]:
        counts["spans"] += 1
        by_chars = doc.char_span(span["start"], span["end"], label=span["label"])
        by_tokens = Span(doc, span["token_start"], span["token_end"] + 1, label=span["label"])
        if by_chars is None or (by_chars.start, by_chars.end) != (by_tokens.start, by_tokens.end):
            problems.append(f"{number}: span {span['start']}-{span['end']} is not tokens {span['token_start']}-{span['token_end']}")
        if by_tokens.text != example["text"][span["start"]:span["end"]] or by_tokens.text != span.get("text", by_tokens.text):
            problems.append(f"{number}: span {span['start']}-{span['end']} reads {by_tokens.text!r}")
        span_end_to_start.setdefault(span["token_end"], set()).add(span["token_start"])
    for relation in example["relations"]:
        counts["relations"] += 1
        for end, place in (("head", "head_span"), ("child", "child_span")):
            span = relation[place]
            if relation[end] != span["token_end"] or span["token_start"] not in span_end_to_start.get(relation[end], ()):
                problems.append(f"{number}: relation {end} {relation[end]} is not the last token of a span")
            elif Span(doc, span["token_start"], span["token_end"] + 1).text != example["text"][span["start"]:span["end"]]:
                problems.append(f"{number}: relation {end} does not read its span's text")
print(json.dumps({"problems": problems, **counts}))
`;

function readWithSpacy(lines: string[]): { problems: string[]; tasks: number; spans: number; relations: number } {
  return JSON.parse(runPython(SPACY_READER, `${lines.join('\n')}\n`));
}

describe.skipIf(!pythonWith(['spacy'], 'reading our Prodigy export with spaCy'))('spaCy reads our Prodigy export as it reads rel.manual', () => {
  test.skipIf(!realWorldAvailable())('the reader accepts the real rel.manual file (so it checks what spaCy needs, no more)', () => {
    const lines = readFileSync(realWorldPath('peers', 'annotations.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(readWithSpacy(lines)).toEqual({ problems: [], tasks: 15, spans: 48, relations: 32 });
  });

  test("the sample articles' tokens are spaCy English tokenizer's (at least 99.5% of its tokens are ours)", () => {
    const script = 'import json, sys, spacy\nnlp = spacy.blank("en")\nprint(json.dumps([[f"{t.idx}:{t.idx + len(t)}" for t in nlp(text)] for text in json.load(sys.stdin)]))';
    const spacyTokens: string[][] = JSON.parse(runPython(script, JSON.stringify(SAMPLE_CORPUS.map(([, text]) => text))));
    SAMPLE_CORPUS.forEach(([name, text], index) => {
      const ours = new Set(prodigyTokens(text, []).tokens.map((token) => `${token.start}:${token.end}`));
      const shared = spacyTokens[index]!.filter((token) => ours.has(token)).length;
      expect(shared / spacyTokens[index]!.length, name).toBeGreaterThanOrEqual(0.995);
    });
  });

  test('every token, span and relation of random documents and a real article', () => {
    const documents = fc.sample(documentArbitrary, { numRuns: 300, seed: 7 }).concat([ARTICLE]);
    const tasks = documents.map((document) => prodigyTaskFrom(recordOf(document)));
    const result = readWithSpacy(tasks.map((task) => JSON.stringify(task)));
    expect(result).toEqual({
      problems: [],
      tasks: tasks.length,
      spans: tasks.reduce((total, task) => total + task.spans.length, 0),
      relations: tasks.reduce((total, task) => total + task.relations.length, 0),
    });
  });
});
