import type { Locator, Page } from '@playwright/test';

/** The "Labels & settings" dialog, in words a spec can read. */
export class SettingsDialog {
  constructor(readonly page: Page) {}

  get openButton(): Locator {
    return this.page.getByRole('button', { name: 'Labels & settings' });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Labels & settings' });
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await this.dialog.waitFor();
  }

  /** The row of the label saved as `name` (rows of new labels: `newRow`). */
  row(name: string): Locator {
    return this.dialog.locator(`.label-row[data-label="${name}"]`);
  }

  get newRow(): Locator {
    return this.dialog.locator('.label-row[data-label=""]').last();
  }

  nameField(row: Locator): Locator {
    return row.getByRole('textbox', { name: 'Name' });
  }

  keyField(row: Locator): Locator {
    return row.locator('.label-key-input');
  }

  get annotatorField(): Locator {
    return this.dialog.getByRole('textbox', { name: /Your name/ });
  }

  get saveButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Save' });
  }

  get confirmation(): Locator {
    return this.page.getByRole('alertdialog');
  }

  /** Saves, and waits for the window to have the new settings (it reloads after a rename or deletion). */
  async save(): Promise<void> {
    await this.saveButton.click();
    await this.dialog.waitFor({ state: 'detached' });
    await this.page.locator('.article-text').waitFor();
  }

  /** Types `key` into a key field as a person would: focus it, select what is there, type. */
  async typeKey(row: Locator, key: string): Promise<void> {
    await this.keyField(row).click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(key);
  }
}
