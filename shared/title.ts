import { splitsSurrogatePair } from './offsets';

/**
 * Lines that scraped pages carry before the headline: navigation and site furniture,
 * never a title.
 */
const SITE_CHROME =
  /^(skip to (main )?content|skip to (main )?navigation|skip navigation|jump to content|menu|main menu|open menu|close|search|sign in|log in|subscribe|advertisement|advertising|home|share|share this article)$/i;

const MAX_TITLE_LENGTH = 300;

/**
 * The title of a plain-text article: its first non-empty line that is not site chrome
 * ("Skip to Content", "Menu", …), trimmed and cut to 300 characters. Falls back to
 * `fallback` (usually the file name) when the text has no such line.
 */
export function titleFromText(text: string, fallback: string): string {
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line.length === 0 || SITE_CHROME.test(line)) continue;
    if (line.length <= MAX_TITLE_LENGTH) return line;
    // Cut before an emoji rather than through it.
    const cut = splitsSurrogatePair(line, MAX_TITLE_LENGTH - 1) ? MAX_TITLE_LENGTH - 2 : MAX_TITLE_LENGTH - 1;
    return `${line.slice(0, cut).trimEnd()}…`;
  }
  return fallback;
}
