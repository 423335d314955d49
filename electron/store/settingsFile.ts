import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Notice } from '../../shared/contract';
import { labelRenameSchema } from '../../shared/labelSet';
import { withMissingLabels } from '../../shared/missingLabels';
import { labelNameSchema, settingsSchema, type Settings } from '../../shared/model';
import { DamagedFileError, DurableJsonFile } from './durableJsonFile';
import { claimedIndexVersion, SCHEMA_VERSION } from './indexMigrations';

export const SETTINGS_FILE_NAME = 'settings.json';

/** A label change whose settings are saved but whose documents may not all be rewritten yet. */
export const labelChangesNoteSchema = z.object({ renames: z.array(labelRenameSchema), deletions: z.array(labelNameSchema) });
export type LabelChangesNote = z.infer<typeof labelChangesNoteSchema>;

/** The settings and, while a label change is under way, its note: saved together, in one write. */
export interface StoredSettings {
  settings: Settings;
  labelChangesUnderway?: LabelChangesNote;
}

const settingsFileSchema = z.object({
  schemaVersion: z.number().int(),
  settings: settingsSchema,
  labelChangesUnderway: labelChangesNoteSchema.optional(),
});

/** What opening the library knows when it looks for the settings. */
export interface SettingsSources {
  /** The index's copy of the settings; null when the index was missing or damaged. */
  fromIndex: StoredSettings | null;
  /** The index predates the settings file (version 1 or older): its copy moves there silently. */
  indexPredatesFile: boolean;
  /** A library with no article and no index: its default settings are no news. */
  isNew: boolean;
  /** Label names the library's spans carry. */
  spanLabels: Iterable<string>;
  /** The settings of a new library. */
  defaults: Settings;
  /** Renames a damaged file aside (never over another file) and returns its new path. */
  setAside(filePath: string): Promise<string>;
  /** The error for a file written by a newer Newsmark. */
  newerVersionError(version: number): Error;
}

export interface FoundSettings {
  stored: StoredSettings;
  /** What the user should be told: which file was lost and where the settings came from. */
  notices: Notice[];
}

function labelList(names: readonly string[]): string {
  return names.map((name) => `“${name}”`).join(', ');
}

/**
 * The library's settings file (settings.json beside index.json): the settings and the note of a
 * label change under way, written durably (temp file, fsync, rename, fsync of the folder) one
 * write after another, each with the settings as they are when it starts. The index keeps a
 * copy, so that losing either file loses no setting.
 */
export class SettingsFile {
  private readonly file: DurableJsonFile<z.infer<typeof settingsFileSchema>>;
  private writing: Promise<void> = Promise.resolve();

  constructor(folder: string) {
    this.file = new DurableJsonFile(path.join(folder, SETTINGS_FILE_NAME), settingsFileSchema, 2);
  }

  get filePath(): string {
    return this.file.filePath;
  }

  /**
   * Finds the settings, in order: the settings file; else the index's copy; else the default
   * labels with every label the spans carry added back (a free key, a palette colour). A
   * damaged file is set aside, never overwritten. Unless the settings came from their file (or
   * moved there from an older index, or the library is new) a notice says what happened. The
   * settings file is written when it was not whole. Throws newerVersionError for a file of a
   * newer Newsmark and I/O errors other than a missing file.
   */
  async load(sources: SettingsSources): Promise<FoundSettings> {
    const notices: Notice[] = [];
    /** How the file was lost, as the notice says it; null when it was simply not there. */
    let damage: string | null = null;
    try {
      const found = await this.file.read();
      if (found) {
        if (found.schemaVersion > SCHEMA_VERSION) throw sources.newerVersionError(found.schemaVersion);
        const { schemaVersion: _version, ...stored } = found;
        return { stored, notices };
      }
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      const claimed = claimedIndexVersion(await fs.readFile(error.filePath, 'utf8'));
      if (claimed !== null && claimed > SCHEMA_VERSION) throw sources.newerVersionError(claimed);
      const aside = await sources.setAside(error.filePath);
      damage = `The settings file was damaged (${error.reason}); it was set aside as ${path.basename(aside)}`;
    }
    const lost = damage ?? `The settings file (${SETTINGS_FILE_NAME}) was missing`;

    let stored: StoredSettings;
    let told: string | null;
    if (sources.fromIndex) {
      stored = sources.fromIndex;
      told = sources.indexPredatesFile && !damage ? null : `${lost}; the settings were taken from the library index.`;
    } else {
      stored = { settings: sources.defaults };
      told = sources.isNew && !damage ? null : `${lost}, and the library index had no copy, so the settings were rebuilt: the default labels and the annotator "${sources.defaults.annotator}".`;
    }
    const restored = withMissingLabels(stored.settings.labels, sources.spanLabels);
    if (restored.added.length > 0) {
      stored = { ...stored, settings: { ...stored.settings, labels: restored.labels } };
      const added = `${restored.added.length === 1 ? 'Label' : 'Labels'} ${labelList(restored.added)}, found on spans, ${restored.added.length === 1 ? 'was' : 'were'} added back with new keys and colours.`;
      told = told ? `${told} ${added}` : added;
    }
    if (restored.refused.length > 0) told = `${told ?? ''} The label set is full, so ${labelList(restored.refused)} could not be added back; their spans show without a colour.`.trim();
    if (told) notices.push({ level: 'warning', message: `${told} Check them in Labels & settings.` });
    await this.save(stored);
    return { stored, notices };
  }

  /**
   * Writes `stored` (or what it returns when the write starts, after the writes before it);
   * resolves once it is on disk.
   */
  save(stored: StoredSettings | (() => StoredSettings)): Promise<void> {
    const write = () => {
      const { settings, labelChangesUnderway } = typeof stored === 'function' ? stored() : stored;
      return this.file.write({ schemaVersion: SCHEMA_VERSION, settings, ...(labelChangesUnderway ? { labelChangesUnderway } : {}) });
    };
    const next = this.writing.then(write, write);
    this.writing = next;
    return next;
  }
}
