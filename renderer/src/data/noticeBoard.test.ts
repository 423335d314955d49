import { describe, expect, test } from 'vitest';
import { NoticeBoard } from './noticeBoard';

const notice = (message: string) => ({ level: 'error' as const, message });

describe('NoticeBoard', () => {
  test('a notice is shown once: dismissed, it does not come back when the host reports it again', () => {
    let changes = 0;
    const board = new NoticeBoard(() => changes++);
    board.replace([notice('a.json is damaged')]);
    board.add([notice('a.json is damaged'), notice('b.json: a span does not fit')]);
    expect(board.get().notices.map((entry) => entry.message)).toEqual(['a.json is damaged', 'b.json: a span does not fit']);
    board.dismissNotices();
    board.add([notice('b.json: a span does not fit')]);
    expect(board.get().notices).toEqual([]);
    expect(changes).toBe(3);
  });

  test('one message at a time, until dismissed', () => {
    const board = new NoticeBoard(() => {});
    board.tell({ level: 'info', text: 'Exported 3 articles' });
    board.tell({ level: 'error', text: 'Export failed: disk full' });
    expect(board.get().message).toEqual({ level: 'error', text: 'Export failed: disk full' });
    board.dismissMessage();
    expect(board.get().message).toBeNull();
  });
});
