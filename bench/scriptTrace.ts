/**
 * Script (JavaScript) time per labelling, read from a Chrome trace recorded over the DevTools
 * protocol (`Tracing.start` / `Tracing.end`) while the bench makes a few labellings.
 *
 * A labelling's window runs from the start of its `keydown` dispatch to the mark the bench sets
 * (`performance.mark(LABELLED_MARK)`) two frames after the labelling settled (for Newsmark: after
 * the save was acknowledged), so work a page defers past the paint is counted too.
 *
 * In that window, on the page's renderer main thread only, script time is the time inside
 * *top-level* script events: those whose ancestors are not script events themselves (an
 * `EventDispatch` holds `v8.callFunction` holds `FunctionCall` holds `RunMicrotasks`: counted
 * once, as the outermost). Taken out of it:
 * - tasks the DevTools protocol runs (a `Receive mojo message` from `blink.mojom.DevToolsSession`):
 *   the bench's own `page.evaluate` and Playwright's locator polling;
 * - `FunctionCall`s of code not served by the page's origin: the bench's probe (its source URL is
 *   its file path) and Playwright's injected scripts (no URL), with the microtasks they queued;
 * - style, layout, paint and hit tests run inside script (forced synchronously by it): DevTools
 *   counts them as rendering, not scripting. They are reported apart as "forced rendering".
 * Garbage collection inside script stays in script time (DevTools counts it as scripting).
 *
 * Durations are the main thread's CPU time (the trace's `tdur`), not wall-clock time: on a
 * machine shared with other work a thread waiting for a core would otherwise be counted as
 * running script. Wall-clock script time is reported beside it.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

export const LABELLED_MARK = 'newsmark-bench:labelled';

/** `toplevel` for tasks' origin, `devtools.timeline` (+ its disabled-by-default part) for script and rendering events, `v8.execute` for microtasks, `blink.user_timing` for the mark. */
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing'];

const SCRIPT_EVENTS = new Set([
  'EventDispatch',
  'FunctionCall',
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.callFunction',
  'v8.run',
  'V8.Execute',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'RunMicrotasks',
  'XHRReadyStateChange',
  'XHRLoad',
]);
const RENDERING_EVENTS = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
]);

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds, wall clock. */
  ts: number;
  dur?: number;
  /** Microseconds of the thread's CPU time. */
  tts?: number;
  tdur?: number;
  args?: { data?: Record<string, unknown>; name?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
}

/** One labelling's script, in the main thread's CPU time (robust to other processes taking the CPU) and in wall-clock time. */
export interface LabellingScript {
  scriptMs: number;
  scriptWallMs: number;
  /** Style, layout and paint forced synchronously inside that script (not in scriptMs), CPU time. */
  forcedRenderingMs: number;
}

interface Node {
  event: TraceEvent;
  end: number;
  children: Node[];
}

/** Paired B/E and complete X events of one thread, as a forest ordered by start. */
function eventForest(events: readonly TraceEvent[]): Node[] {
  const complete: Node[] = [];
  const open = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph === 'X' && event.dur !== undefined) complete.push({ event, end: event.ts + event.dur, children: [] });
    else if (event.ph === 'B') open.set(event.name, [...(open.get(event.name) ?? []), event]);
    else if (event.ph === 'E') {
      const begun = open.get(event.name)?.pop();
      const tdur = begun?.tts !== undefined && event.tts !== undefined ? event.tts - begun.tts : undefined;
      if (begun) complete.push({ event: { ...begun, ph: 'X', dur: event.ts - begun.ts, tdur }, end: event.ts, children: [] });
    }
  }
  complete.sort((a, b) => a.event.ts - b.event.ts || b.end - a.end);
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const node of complete) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= node.event.ts) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

function fromDevTools(event: TraceEvent): boolean {
  return event.name === 'Receive mojo message' && (event.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '').includes('DevToolsSession');
}

function servedBy(node: Node, origin: string): boolean {
  return String(node.event.args?.data?.url ?? '').startsWith(`${origin}/`);
}

/**
 * Whether a node is the bench's (or Playwright's) code: a FunctionCall of a script not served by
 * the page's origin, or the `v8.callFunction` around such calls only, whose microtask checkpoint
 * runs what those calls queued (the probe's promise resolutions).
 */
function foreign(node: Node, origin: string): boolean {
  if (node.event.name === 'FunctionCall') return !servedBy(node, origin);
  if (node.event.name !== 'v8.callFunction') return false;
  const calls = node.children.filter((child) => child.event.name === 'FunctionCall');
  return calls.length > 0 && calls.every((call) => !servedBy(call, origin));
}

/** An event's CPU time on its thread where the trace has it (it does for nearly all), else its wall time. */
function cpu(event: TraceEvent): number {
  return event.tdur ?? event.dur!;
}

/**
 * Microseconds of script in a top-level script event (CPU and wall clock), and of rendering
 * forced inside it (CPU), not counting the bench's own code.
 */
function scriptOf(node: Node, origin: string): { cpu: number; wall: number; rendering: number } {
  if (foreign(node, origin)) return { cpu: 0, wall: 0, rendering: 0 };
  const excluded = { cpu: 0, wall: 0 };
  let rendering = 0;
  const walk = (current: Node) => {
    for (const child of current.children) {
      const isRendering = RENDERING_EVENTS.has(child.event.name);
      if (isRendering || foreign(child, origin)) {
        excluded.cpu += cpu(child.event);
        excluded.wall += child.event.dur!;
        if (isRendering) rendering += cpu(child.event);
      } else walk(child);
    }
  };
  walk(node);
  return { cpu: Math.max(0, cpu(node.event) - excluded.cpu), wall: Math.max(0, node.event.dur! - excluded.wall), rendering };
}

/** The main thread of the renderer showing `frameId`: from the trace's own list of frames, else the only renderer that saw a key press. */
function mainThread(events: readonly TraceEvent[], frameId: string): { pid: number; tid: number } {
  const started = events.find((event) => event.name === 'TracingStartedInBrowser');
  const frames = (started?.args?.data?.frames ?? []) as { frame: string; processId?: number }[];
  const pid = frames.find((frame) => frame.frame === frameId)?.processId;
  const threads = events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const candidates = pid === undefined ? threads.filter((thread) => events.some((event) => event.pid === thread.pid && event.name === 'EventDispatch' && event.args?.data?.type === 'keydown')) : threads.filter((thread) => thread.pid === pid);
  if (candidates.length !== 1) throw new Error(`the trace names ${candidates.length} renderer main threads for the page`);
  return { pid: candidates[0]!.pid, tid: candidates[0]!.tid };
}

/**
 * Script time of each labelling in a trace: one entry per LABELLED_MARK, in order; null where
 * no key press came between that mark and the one before.
 */
export function scriptPerLabelling(events: readonly TraceEvent[], frameId: string, origin: string): (LabellingScript | null)[] {
  const { pid, tid } = mainThread(events, frameId);
  const own = events.filter((event) => event.pid === pid && event.tid === tid);
  const marks = events
    .filter((event) => event.pid === pid && event.name === LABELLED_MARK)
    .map((event) => event.ts)
    .sort((a, b) => a - b);
  const keyDowns = own.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown').map((event) => event.ts);
  const topLevel: Node[] = [];
  const collect = (nodes: Node[]) => {
    for (const node of nodes) {
      if (fromDevTools(node.event)) continue;
      if (SCRIPT_EVENTS.has(node.event.name)) topLevel.push(node);
      else collect(node.children);
    }
  };
  collect(eventForest(own));
  return marks.map((end, index) => {
    const after = index > 0 ? marks[index - 1]! : -Infinity;
    const start = keyDowns.filter((ts) => ts > after && ts < end).pop();
    if (start === undefined) return null;
    const sum = { cpu: 0, wall: 0, rendering: 0 };
    for (const node of topLevel) {
      if (node.event.ts < start || node.event.ts >= end) continue;
      const part = scriptOf(node, origin);
      sum.cpu += part.cpu;
      sum.wall += part.wall;
      sum.rendering += part.rendering;
    }
    return { scriptMs: sum.cpu / 1000, scriptWallMs: sum.wall / 1000, forcedRenderingMs: sum.rendering / 1000 };
  });
}

/** A trace being recorded over one page's DevTools session. */
export class ScriptTrace {
  private constructor(
    private readonly page: Page,
    private readonly session: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>,
    private readonly events: TraceEvent[],
  ) {}

  static async start(page: Page): Promise<ScriptTrace> {
    const session = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    await session.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' } });
    return new ScriptTrace(page, session, events);
  }

  /** Marks the end of a labelling's window, two frames after it settled. */
  async markLabelled(): Promise<void> {
    await this.page.evaluate(
      `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { performance.mark(${JSON.stringify(LABELLED_MARK)}); resolve(); })))`,
    );
  }

  /**
   * Stops recording; the script time of each labelling marked. The trace is written to `saveAs`
   * in the format Chrome DevTools' Performance panel opens.
   */
  async stop(origin: string, saveAs: string): Promise<(LabellingScript | null)[]> {
    const complete = new Promise<void>((resolve) => this.session.once('Tracing.tracingComplete', () => resolve()));
    await this.session.send('Tracing.end');
    await complete;
    const { frameTree } = await this.session.send('Page.getFrameTree');
    await this.session.detach();
    await writeFile(saveAs, JSON.stringify({ traceEvents: this.events }));
    return scriptPerLabelling(this.events, frameTree.frame.id, origin);
  }
}
