/**
 * The peer, @recogito/text-annotator (vanilla package, default renderer), set up as an app
 * built on it would be: "Open" fetches the article named by the page's `?article=` and its
 * spans and draws them; a label key
 * (1, 2, 3) turns the text selection into a new annotation. The benchmark drives this page
 * exactly as it drives Newsmark.
 */
import { createTextAnnotator, rangeToSelector, type Color, type TextAnnotation, type TextAnnotationLike, type TextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import './peerPage.css';

interface BenchSpan {
  id: string;
  start: number;
  end: number;
  label: string;
}

const LABELS: Record<string, { name: string; color: string }> = {
  '1': { name: 'claim', color: '#0072b2' },
  '2': { name: 'quote', color: '#e69f00' },
  '3': { name: 'attribution', color: '#009e73' },
};
const COLORS = new Map(Object.values(LABELS).map((label) => [label.name, label.color as Color]));

const container = document.getElementById('article')!;
let annotator: TextAnnotator<TextAnnotation, TextAnnotation> | null = null;
let created = 0;

function toAnnotation(span: BenchSpan, text: string): TextAnnotation {
  return {
    id: span.id,
    bodies: [{ id: `${span.id}-label`, annotation: span.id, purpose: 'tagging', value: span.label }],
    // No range: the peer revives it from the offsets, as it does for stored annotations.
    target: { annotation: span.id, selector: [{ quote: text.slice(span.start, span.end), start: span.start, end: span.end } as TextAnnotation['target']['selector'][number]] },
  };
}

function labelOf(annotation: TextAnnotationLike): string {
  return String(annotation.bodies[0]?.value ?? '');
}

async function open(): Promise<void> {
  const article = new URLSearchParams(location.search).get('article') ?? 'article';
  const response = await fetch(`/${article}.json`);
  const { text, spans } = (await response.json()) as { text: string; spans: BenchSpan[] };
  container.textContent = text;
  annotator = createTextAnnotator<TextAnnotation, TextAnnotation>(container, {
    annotatingEnabled: false,
    style: (annotation) => ({ fill: COLORS.get(labelOf(annotation)) ?? '#777777', fillOpacity: 0.22 }),
  });
  annotator.setAnnotations(spans.map((span) => toAnnotation(span, text)));
}

function label(key: string): void {
  const definition = LABELS[key];
  const selection = window.getSelection();
  if (!definition || !annotator || !selection || selection.isCollapsed) return;
  const selector = rangeToSelector(selection.getRangeAt(0), container);
  const id = `new-${++created}`;
  annotator.addAnnotation({
    id,
    bodies: [{ id: `${id}-label`, annotation: id, purpose: 'tagging', value: definition.name }],
    target: { annotation: id, selector: [selector] },
  });
  selection.removeAllRanges();
}

document.getElementById('open')!.addEventListener('click', () => void open());
window.addEventListener('keydown', (event) => label(event.key));
