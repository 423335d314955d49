import type { NewsDocument } from '../../../shared/model';

/** One drawn connector: an SVG path in the scroller's content coordinates. */
export interface Connector {
  key: string;
  path: string;
}

/** The spans linked to `spanId`, either way round. */
export function linkedIds(article: NewsDocument, spanId: string | null): string[] {
  if (!spanId) return [];
  return article.relations.flatMap((relation) => (relation.headId === spanId ? [relation.childId] : relation.childId === spanId ? [relation.headId] : []));
}

const highlightsOf = (root: HTMLElement, id: string) => root.querySelectorAll<HTMLElement>(`.nm-hl[data-span-id="${CSS.escape(id)}"]`);

/** Marks the drawn highlights of the spans `ids` as linked (`nm-linked`); returns the function that unmarks them. */
export function markLinked(root: HTMLElement, ids: readonly string[]): () => void {
  const marked = ids.flatMap((id) => [...highlightsOf(root, id)]);
  for (const element of marked) element.classList.add('nm-linked');
  return () => {
    for (const element of marked) element.classList.remove('nm-linked');
  };
}

/**
 * Curves from the focused span to each span linked to it, in the scroller's content
 * coordinates; a span not drawn (far from the screen in a long article) gets none.
 */
export function drawConnectors(root: HTMLElement, scroller: HTMLElement, fromId: string, toIds: readonly string[]): Connector[] {
  if (toIds.length === 0) return [];
  const origin = scroller.getBoundingClientRect();
  const anchor = (id: string) => {
    const rect = highlightsOf(root, id)[0]?.getClientRects()[0];
    return rect ? { x: rect.left - origin.left + scroller.scrollLeft + Math.min(rect.width / 2, 24), y: rect.top - origin.top + scroller.scrollTop } : null;
  };
  const from = anchor(fromId);
  if (!from) return [];
  return toIds.flatMap((id) => {
    const to = anchor(id);
    if (!to) return [];
    const lift = Math.max(18, Math.min(60, Math.abs(to.x - from.x) / 4 + Math.abs(to.y - from.y) / 6));
    const top = Math.min(from.y, to.y) - lift;
    return [{ key: `${fromId}-${id}`, path: `M ${from.x} ${from.y} C ${from.x} ${top}, ${to.x} ${top}, ${to.x} ${to.y}` }];
  });
}

/**
 * The spans under an element of the article, innermost first, as ids. ProseMirror nests the
 * highlight elements of every span that covers a piece of text around that text, so the
 * element's highlight ancestors are exactly the spans at that point.
 */
export function spanIdsUnder(target: EventTarget | null): Set<string> {
  const ids = new Set<string>();
  for (let element = target instanceof Element ? target.closest<HTMLElement>('.nm-hl') : null; element; element = element.parentElement?.closest<HTMLElement>('.nm-hl') ?? null) {
    if (element.dataset.spanId) ids.add(element.dataset.spanId);
  }
  return ids;
}
