/**
 * The floor: the least a page can do for the same labelling. "Open" fetches the article and
 * draws it once as static HTML: one <p> per paragraph, each span a <mark> (where spans nest or
 * overlap, the text is cut into segments at every span boundary and each segment nested in the
 * marks of all spans covering it, as a static page must). A label key (1, 2, 3) wraps the text
 * selection in one new <mark> and does nothing else: no model, no state, no save. The benchmark
 * drives this page exactly as it drives Newsmark and the peer, so its figures are what this
 * machine and browser cost for the same selection, key and paint.
 */
import './floorPage.css';

interface BenchSpan {
  id: string;
  start: number;
  end: number;
  label: string;
}

const LABELS: Record<string, string> = { '1': 'claim', '2': 'quote', '3': 'attribution' };

const container = document.getElementById('article')!;
let created = 0;

function mark(span: Pick<BenchSpan, 'id' | 'label'>): HTMLElement {
  const element = document.createElement('mark');
  element.className = span.label;
  element.dataset.spanId = span.id;
  return element;
}

/** One paragraph (text from `start` to `end`) with the parts of `spans` that fall in it as nested marks. */
function paragraph(text: string, start: number, end: number, spans: readonly BenchSpan[]): HTMLParagraphElement {
  const element = document.createElement('p');
  const inside = spans.filter((span) => span.start < end && span.end > start);
  const cuts = new Set([start, end]);
  for (const span of inside) {
    cuts.add(Math.max(span.start, start));
    cuts.add(Math.min(span.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let index = 0; index + 1 < points.length; index++) {
    const from = points[index]!;
    const to = points[index + 1]!;
    // Outermost first: the span starting earliest, then the longest.
    const covering = inside.filter((span) => span.start <= from && span.end >= to);
    let parent: HTMLElement = element;
    for (const span of covering) parent = parent.appendChild(mark(span));
    parent.append(text.slice(from, to));
  }
  return element;
}

async function open(): Promise<void> {
  const article = new URLSearchParams(location.search).get('article') ?? 'article';
  const response = await fetch(`/${article}.json`);
  const { text, spans } = (await response.json()) as { text: string; spans: BenchSpan[] };
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const page = document.createDocumentFragment();
  let start = 0;
  for (const line of text.split('\n')) {
    page.append(paragraph(text, start, start + line.length, ordered));
    start += line.length + 1;
  }
  container.replaceChildren(page);
}

/** The whole key handler: wrap the selection in one element. */
function label(key: string): void {
  const name = LABELS[key];
  const selection = window.getSelection();
  if (!name || !selection || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  const element = mark({ id: `new-${++created}`, label: name });
  element.append(range.extractContents());
  range.insertNode(element);
}

document.getElementById('open')!.addEventListener('click', () => void open());
window.addEventListener('keydown', (event) => label(event.key));
