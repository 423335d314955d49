import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';

/** The Import and Export dialogs, in words a spec can read. */
export class ImportExportDialogs {
  constructor(readonly page: Page) {}

  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import' });
  }

  get exportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export' });
  }

  /** The import's progress bar. */
  get progressBar(): Locator {
    return this.importDialog.getByRole('progressbar', { name: 'Importing files' });
  }

  get progressDetail(): Locator {
    return this.importDialog.locator('.progress-detail');
  }

  /** One line per problem or note, as the user would copy them. */
  problemLines(): Promise<string[]> {
    return this.importDialog.locator('.problems li').allTextContents();
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import…' }).click();
    await this.importDialog.waitFor();
  }

  /** Picks a whole folder in the dialog's folder input, as the folder chooser would. */
  async importFolder(folder: string): Promise<void> {
    await this.openImport();
    await this.importDialog.getByTestId('import-folder').setInputFiles(folder);
  }

  /** Picks files in the dialog's file input, as the file chooser would. */
  async importFiles(files: string[]): Promise<void> {
    await this.openImport();
    await this.importDialog.getByTestId('import-files').setInputFiles(files);
  }

  /** The mapping step, shown when the files bring unknown labels or types, or duplicates. */
  get mappingStep(): Locator {
    return this.importDialog.locator('form.import-mapping');
  }

  /** The names of the unknown labels (or relation types) the mapping step lists. */
  async mappingNames(kind: 'Label' | 'Relation type'): Promise<string[]> {
    const labels = await this.mappingStep.getByRole('combobox').evaluateAll((selects) => selects.map((select) => select.getAttribute('aria-label') ?? ''));
    return labels.filter((label) => label.startsWith(`${kind} `)).map((label) => label.slice(kind.length + 1));
  }

  /** Chooses "map:NAME", "add" or "skip" for one unknown label or relation type. */
  async choose(kind: 'Label' | 'Relation type', name: string, choice: string): Promise<void> {
    await this.mappingStep.getByRole('combobox', { name: `${kind} ${name}`, exact: true }).selectOption(choice);
  }

  /** Step 2: imports with the choices made. */
  async confirmImport(): Promise<void> {
    await this.mappingStep.getByRole('button', { name: 'Import', exact: true }).click();
  }

  get report(): Locator {
    return this.importDialog.getByRole('region', { name: 'Import report' });
  }

  /** Waits until the import has ended (finished, cancelled or stopped). */
  async waitForImportEnd(): Promise<void> {
    await this.progressDetail.filter({ hasText: /^(Imported|Cancelled|Stopped):/ }).waitFor();
  }

  /** Drops files (made in the page from these names and contents) on the app window. */
  async dropFiles(files: { name: string; content: string }[]): Promise<void> {
    const transfer = await this.page.evaluateHandle((files) => {
      const data = new DataTransfer();
      for (const file of files) data.items.add(new File([file.content], file.name, { type: 'text/plain' }));
      return data;
    }, files);
    await this.page.dispatchEvent('.workspace', 'dragover', { dataTransfer: transfer });
    await this.page.dispatchEvent('.workspace', 'drop', { dataTransfer: transfer });
  }

  /** Opens the Export dialog, lets `choose` set it up, exports, and returns the download. */
  async exportWith(choose: (dialog: Locator) => Promise<void>): Promise<{ fileName: string; content: string }> {
    await this.page.getByRole('button', { name: 'Export…' }).click();
    await choose(this.exportDialog);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportDialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    return { fileName: download.suggestedFilename(), content: readFileSync(await download.path(), 'utf8') };
  }
}
