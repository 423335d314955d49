import type { Locator, Page } from '@playwright/test';

/** The library's search box and filters, the document listbox, and the article's find bar. */
export class FindControls {
  constructor(readonly page: Page) {}

  get librarySearch(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search articles (titles and text)' });
  }

  statusFilter(status: string): Locator {
    return this.page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: status, exact: true });
  }

  labelFilter(label: string): Locator {
    return this.page.getByRole('group', { name: 'Filter by label' }).getByRole('button', { name: label, exact: true });
  }

  get filterSummary(): Locator {
    return this.page.locator('.filter-summary');
  }

  get listbox(): Locator {
    return this.page.getByRole('listbox', { name: 'Articles' });
  }

  /** Titles of the rows drawn in the list, top to bottom. */
  listedTitles(): Promise<string[]> {
    return this.page.locator('.document-item .document-title').allTextContents();
  }

  get findBar(): Locator {
    return this.page.getByRole('search', { name: 'Find in the article' });
  }

  get findInput(): Locator {
    return this.findBar.getByRole('searchbox');
  }

  get findCount(): Locator {
    return this.findBar.locator('.find-count');
  }

  get findMatches(): Locator {
    return this.page.locator('.article-text .nm-find');
  }

  get activeFindMatch(): Locator {
    return this.page.locator('.article-text .nm-find-active');
  }
}
