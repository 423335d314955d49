import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The file a request path names inside `folder` (the built renderer), or null when it names
 * nothing that may be served: a path that is not valid percent-encoding, holds a NUL or a
 * backslash, leaves the folder (`..`, encoded or not, an absolute path), is not a regular
 * file, or is a link to something outside the folder. "/" is index.html. Used by the browser
 * host and by the desktop app's newsmark:// protocol alike.
 */
export async function resolveStaticFile(folder: string, pathname: string): Promise<string | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    // Broken percent-encoding names no file.
    return null;
  }
  // Backslashes are separators on Windows; no file of ours has one in its name anywhere.
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(folder);
  const filePath = path.resolve(root, `.${relative.startsWith('/') ? relative : `/${relative}`}`);
  if (!filePath.startsWith(root + path.sep)) return null;
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fs.realpath(filePath), fs.realpath(root)]);
    if (!(await fs.stat(real)).isFile()) return null;
  } catch {
    // Missing, or unreadable: not found either way.
    return null;
  }
  // A symbolic link inside the folder may point anywhere; what it points at must be inside too.
  return real.startsWith(realRoot + path.sep) ? real : null;
}
