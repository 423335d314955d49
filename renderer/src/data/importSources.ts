/**
 * The files a user gives the Import dialog — picked with a file or folder input, or dropped
 * (files and whole folders) — each with the name reports will use: its path inside the folder
 * given ("drop/nested/a.jsonl"), or its own name. Hidden files and folders (".DS_Store",
 * ".git") are passed over, as the command line does. Sorted by name.
 */

export interface ImportSource {
  name: string;
  file: File;
}

function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

function sorted(sources: ImportSource[]): ImportSource[] {
  return sources.filter((source) => !isHidden(source.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Files from an `<input type="file">` (a folder input fills `webkitRelativePath`). */
export function sourcesFromInput(files: FileList): ImportSource[] {
  return sorted(Array.from(files, (file) => ({ name: file.webkitRelativePath || file.name, file })));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every file below an entry, recursively. A folder is read in batches until one comes back empty. */
async function collect(entry: FileSystemEntry, into: ImportSource[]): Promise<void> {
  if (entry.isFile) {
    into.push({ name: entry.fullPath.replace(/^\//, ''), file: await fileOf(entry as FileSystemFileEntry) });
    return;
  }
  if (!entry.isDirectory || entry.name.startsWith('.')) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await collect(child, into);
  }
}

/** Files and folders dropped on the app. Entries must be taken before the drop event ends. */
export async function sourcesFromDrop(transfer: DataTransfer): Promise<ImportSource[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return sourcesFromInput(transfer.files);
  const sources: ImportSource[] = [];
  for (const entry of entries) await collect(entry, sources);
  return sorted(sources);
}
