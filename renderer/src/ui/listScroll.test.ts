// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { noteListScroll, noteOwnListScroll, useHeldWhileListScrolls } from './listScroll';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Article {
  id: string;
  title: string;
}

function Shown({ article }: { article: Article | null }) {
  const shown = useHeldWhileListScrolls(article);
  return createElement('p', null, shown ? shown.title : 'none');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let root: Root | null = null;
let container: HTMLElement;

function draw(article: Article | null): string {
  act(() => root!.render(createElement(Shown, { article })));
  return container.textContent ?? '';
}

afterEach(async () => {
  act(() => root?.unmount());
  root = null;
  await wait(200);
});

describe('useHeldWhileListScrolls', () => {
  it('holds another article while the user scrolls the list, and draws it once the list is still', async () => {
    container = document.createElement('div');
    root = createRoot(container);
    expect(draw({ id: 'a', title: 'A' })).toBe('A');
    act(() => noteListScroll());
    // The article drawn follows its changes at once.
    expect(draw({ id: 'a', title: 'A, labelled' })).toBe('A, labelled');
    // Another one waits, with nothing drawn (never the article before).
    expect(draw({ id: 'b', title: 'B' })).toBe('none');
    act(() => noteListScroll());
    await act(() => wait(100));
    expect(container.textContent).toBe('none');
    await act(() => wait(150));
    expect(container.textContent).toBe('B');
    // No article at all is never held.
    act(() => noteListScroll());
    expect(draw(null)).toBe('none');
  });

  it('does not hold an article for a scroll the list made itself (a key moving through it)', () => {
    container = document.createElement('div');
    root = createRoot(container);
    expect(draw({ id: 'a', title: 'A' })).toBe('A');
    noteOwnListScroll();
    act(() => noteListScroll());
    expect(draw({ id: 'b', title: 'B' })).toBe('B');
  });

  it('renders nothing again when the list starts or stops scrolling while no article waits', async () => {
    container = document.createElement('div');
    root = createRoot(container);
    let renders = 0;
    function Counted({ article }: { article: Article | null }) {
      renders++;
      const shown = useHeldWhileListScrolls(article);
      return createElement('p', null, shown ? shown.title : 'none');
    }
    const article = { id: 'a', title: 'A' };
    act(() => root!.render(createElement(Counted, { article })));
    const before = renders;
    act(() => noteListScroll());
    await act(() => wait(200));
    expect(renders).toBe(before);
    expect(container.textContent).toBe('A');
  });
});
