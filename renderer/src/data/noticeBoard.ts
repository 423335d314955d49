import type { Notice } from '../../../shared/contract';
import type { Message, NoticeState } from './librarySlices';

/**
 * What the window tells the user apart from the article: the host's notices (each shown once;
 * a dismissed one does not come back) and one message. `onChange` is called after every change.
 */
export class NoticeBoard {
  private state: NoticeState = { notices: [], message: null };
  private readonly shown = new Set<string>();

  constructor(private readonly onChange: () => void) {}

  get = (): NoticeState => this.state;

  private set(changes: Partial<NoticeState>): void {
    this.state = { ...this.state, ...changes };
    this.onChange();
  }

  tell(message: Message): void {
    this.set({ message });
  }

  dismissMessage(): void {
    this.set({ message: null });
  }

  dismissNotices(): void {
    this.set({ notices: [] });
  }

  /** The host's notices on (re)loading the library: shown as they are, all remembered as shown. */
  replace(notices: readonly Notice[]): void {
    for (const notice of notices) this.shown.add(notice.message);
    this.set({ notices });
  }

  /** Adds the notices not shown yet. */
  add(notices: readonly Notice[]): void {
    const fresh = notices.filter((notice) => !this.shown.has(notice.message));
    for (const notice of fresh) this.shown.add(notice.message);
    if (fresh.length > 0) this.set({ notices: [...this.state.notices, ...fresh] });
  }
}
