import { describe, expect, test, vi } from 'vitest';
import type { DocumentRow, NewsmarkApi, RequestArgs } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import { DocumentListPages, FIRST_SCREEN_ROWS, PAGE_ROWS } from './documentListPages';

/** Resolves in a task after the ones queued now (a setTimeout of 0 queued before it has run). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A host answering listDocumentPage over `rows`, recording each request. */
function pagingHost(rows: DocumentRow[]) {
  const state = { rows, listVersion: 1, checkingFiles: false, asked: [] as { offset: number; limit: number }[] };
  const host = {
    request: async (name: string, args: RequestArgs<'listDocumentPage'>) => {
      if (name !== 'listDocumentPage') throw new Error(`not in this fake: ${name}`);
      state.asked.push(args);
      const statusCounts = { todo: 0, in_progress: 0, done: 0, skipped: 0 };
      for (const row of state.rows) statusCounts[row.status]++;
      const page = state.rows.slice(args.offset, args.offset + args.limit);
      return ok({ offset: args.offset, rows: page, total: state.rows.length, statusCounts, listVersion: state.listVersion, checkingFiles: state.checkingFiles });
    },
  } as unknown as NewsmarkApi;
  return { host, state };
}

function rows(count: number, every = 0): DocumentRow[] {
  return Array.from({ length: count }, (_, index): DocumentRow => ({
    id: `d${index}`,
    title: `Article ${index}`,
    status: every > 0 && index % every === 0 ? 'done' : 'todo',
    counts: every > 0 && index % every === 0 ? { quote: 1 } : {},
  }));
}

function pages(host: NewsmarkApi, onFilesChecked = () => {}) {
  return new DocumentListPages(host, () => {}, onFilesChecked, (row) => row);
}

describe('DocumentListPages', () => {
  test("a page answered before a status change was saved counts the status the window shows, not the host's older one", async () => {
    const { host } = pagingHost(rows(5));
    // The window shows d0 done (set here, not yet stored when the host answered).
    const list = new DocumentListPages(host, () => {}, () => {}, (row) => (row.id === 'd0' ? { ...row, status: 'done' } : row));
    await list.loadFirstScreen();
    expect(list.get().rows[0]?.status).toBe('done');
    expect(list.get().statusCounts).toEqual({ todo: 4, in_progress: 0, done: 1, skipped: 0 });
  });

  test('the first screen comes first with the totals, and the rest follows page by page', async () => {
    const { host, state } = pagingHost(rows(PAGE_ROWS * 2 + 10, 7));
    const list = pages(host);
    await list.loadFirstScreen();
    expect(state.asked[0]).toEqual({ offset: 0, limit: FIRST_SCREEN_ROWS });
    expect(list.get().total).toBe(PAGE_ROWS * 2 + 10);
    expect(list.get().statusCounts.done).toBe(Math.ceil((PAGE_ROWS * 2 + 10) / 7));
    expect(list.get().rows[FIRST_SCREEN_ROWS]).toBeUndefined();
    expect(list.get().complete).toBe(false);
    await vi.waitFor(() => expect(list.get().complete).toBe(true));
    expect(list.get().rows.every((row, index) => row?.id === `d${index}`)).toBe(true);
  });

  test('a changed list version fetches every page again', async () => {
    const { host, state } = pagingHost(rows(PAGE_ROWS + 5));
    const list = pages(host);
    await list.loadFirstScreen();
    // An article joins before the rest is fetched: the first screen fetched is shifted.
    state.rows = [{ id: 'new', title: 'New', status: 'todo', counts: {} }, ...state.rows];
    state.listVersion = 2;
    await vi.waitFor(() => expect(list.get().complete).toBe(true));
    expect(list.get().total).toBe(PAGE_ROWS + 6);
    expect(list.get().rows.map((row) => row?.id).slice(0, 2)).toEqual(['new', 'd0']);
    expect(list.get().rows[PAGE_ROWS + 5]?.id).toBe(`d${PAGE_ROWS + 4}`);
  });

  test('when the host ends its file check, the pages and notices are fetched again', async () => {
    const { host, state } = pagingHost(rows(3));
    state.checkingFiles = true;
    const checked = vi.fn();
    const list = pages(host, checked);
    await list.loadFirstScreen();
    expect(list.get().complete).toBe(true);
    // The check sets a file aside; the list learns it from a later answer.
    state.checkingFiles = false;
    state.rows = rows(2);
    await vi.waitFor(() => expect(checked).toHaveBeenCalledOnce(), { timeout: 3_000 });
    await vi.waitFor(() => expect(list.get().complete).toBe(true));
    expect(list.get().rows.map((row) => row?.id)).toEqual(['d0', 'd1']);
  });

  test('the neighbour passing a filter is found through pages not fetched yet', async () => {
    const { host } = pagingHost(rows(PAGE_ROWS * 3, PAGE_ROWS * 2 + 3));
    const list = pages(host);
    await list.loadFirstScreen();
    const filter = { statuses: ['done' as const], labels: [] };
    // d0 and d(2·PAGE_ROWS + 3) are done; everything between is to do.
    expect(await list.neighbourId('d0', 1, filter)).toBe(`d${PAGE_ROWS * 2 + 3}`);
    expect(await list.neighbourId(`d${PAGE_ROWS * 2 + 3}`, -1, filter)).toBe('d0');
    expect(await list.neighbourId('d0', -1, filter)).toBeNull();
    expect(await list.neighbourId('d1', 1, { statuses: [], labels: ['quote'] })).toBe(`d${PAGE_ROWS * 2 + 3}`);
  });

  test('rows already shown are not fetched again on their own; a screen with missing rows fetches those rows at once, their pages once the list is still', async () => {
    const { host, state } = pagingHost(rows(PAGE_ROWS * 2));
    const list = pages(host);
    await list.loadFirstScreen();
    state.asked = [];
    // The first screen is there: its page waits for idle time, behind the start's other requests.
    list.ensure(0, 20);
    await nextTask();
    expect(state.asked).toEqual([]);
    // Straddling the first screen's end: the missing rows (and a margin of 100 either side) are asked for now.
    list.ensure(FIRST_SCREEN_ROWS - 5, FIRST_SCREEN_ROWS + 5);
    // In a task of its own, after the scroll's frame.
    expect(state.asked).toEqual([]);
    await nextTask();
    expect(state.asked).toEqual([{ offset: 0, limit: FIRST_SCREEN_ROWS + 5 + 100 + 1 }]);
    // A scroll that moves on before that task asks only for where it is now.
    list.ensure(PAGE_ROWS * 2 - 30, PAGE_ROWS * 2 - 10);
    list.ensure(PAGE_ROWS + 3, PAGE_ROWS + 20);
    await nextTask();
    expect(state.asked).toEqual([
      { offset: 0, limit: FIRST_SCREEN_ROWS + 5 + 100 + 1 },
      { offset: PAGE_ROWS + 3 - 100, limit: 20 - 3 + 200 + 1 },
    ]);
    await vi.waitFor(() => expect(list.get().rows[PAGE_ROWS + 20]?.id).toBe(`d${PAGE_ROWS + 20}`));
    // While the list moves no whole page is asked for; once it is still, every page comes and the list is complete.
    expect(state.asked.some((asked) => asked.limit === PAGE_ROWS)).toBe(false);
    await vi.waitFor(() => expect(list.get().complete).toBe(true), { timeout: 3_000 });
    expect(state.asked.slice(2)).toEqual([
      { offset: 0, limit: PAGE_ROWS },
      { offset: PAGE_ROWS, limit: PAGE_ROWS },
    ]);
    expect(list.get().rows.map((row) => row?.id)).toEqual(rows(PAGE_ROWS * 2).map((row) => row.id));
  });

  test("the rows naming a speaker stay the same array while pages land, and follow a speaker's change", async () => {
    const { host, state } = pagingHost(rows(PAGE_ROWS * 3));
    // d5 and d(PAGE_ROWS + 5) are open in the window, with speakers; no row from the host names one.
    const opened = new Map([['d5', ['Ana']], [`d${PAGE_ROWS + 5}`, ['Bo']]]);
    const list = new DocumentListPages(host, () => {}, () => {}, (row) => ({ ...row, speakers: opened.get(row.id) ?? row.speakers }));
    await list.loadFirstScreen();
    const first = list.speakerRows();
    expect(first.map((row) => row.speakers)).toEqual([['Ana']]);
    await vi.waitFor(() => expect(list.get().complete).toBe(true));
    const all = list.speakerRows();
    expect(all.map((row) => row.id)).toEqual(['d5', `d${PAGE_ROWS + 5}`]);
    expect(list.fetchedRows().filter((row) => row.speakers.length > 0)).toEqual(all);
    // A row naming no speaker changes: nothing changes.
    list.replaceRow({ ...list.get().rows[PAGE_ROWS * 2 + 1]!, title: 'Renamed' });
    expect(list.speakerRows()).toBe(all);
    // A speaker's article changes: the array is new; one losing its speakers leaves it.
    list.replaceRow({ ...all[0]!, speakers: ['Ana', 'Cy'] });
    expect(list.speakerRows().map((row) => row.speakers)).toEqual([['Ana', 'Cy'], ['Bo']]);
    list.replaceRow({ ...list.speakerRows()[1]!, speakers: [] });
    expect(list.speakerRows().map((row) => row.id)).toEqual(['d5']);
    // A new list version starts over from what the pages bring.
    opened.delete('d5');
    state.rows = [{ id: 'new', title: 'New', status: 'todo', counts: {} }, ...state.rows];
    state.listVersion = 2;
    await list.loadFirstScreen();
    await vi.waitFor(() => expect(list.get().complete && list.get().total === PAGE_ROWS * 3 + 1).toBe(true));
    expect(list.speakerRows().map((row) => row.id)).toEqual([`d${PAGE_ROWS + 5}`]);
    expect(list.speakerRows()[0]).toBe(list.get().rows[PAGE_ROWS + 6]);
  });

  test('the fetched rows are a new array after a row changes, also once every row is fetched (a filter follows them)', async () => {
    const { host } = pagingHost(rows(5));
    const list = pages(host);
    await list.loadFirstScreen();
    expect(list.get().complete).toBe(true);
    const before = list.fetchedRows();
    expect(list.fetchedRows()).toBe(before);
    list.replaceRow({ ...before[1]!, status: 'done' });
    expect(list.fetchedRows()).not.toBe(before);
    expect(list.fetchedRows()[1]!.status).toBe('done');
  });
});
