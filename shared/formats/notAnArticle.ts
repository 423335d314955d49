import { extensionOf } from './fileKind';

/**
 * Why a text or Markdown file is not an article, or null when it may be one. Folders of news
 * pages often carry notes beside them (a SOURCES.md or README.md of tables, lists and links);
 * importing those as articles adds stray documents nobody will label.
 *
 * - Empty (or white space only): nothing to label.
 * - Markdown whose prose is less than half of its prose and notes together: notes are tables,
 *   list items, code, rules and lines that are only a link — what a SOURCES.md or README.md is
 *   made of. Headings and quotes are neither (a story has a headline and may quote); a prose
 *   line is any other non-blank line. Plain-text files are taken as they are: a one-line .txt
 *   is a (short) article.
 */
export function notAnArticleReason(fileName: string, content: string): string | null {
  if (content.replace(/^\uFEFF/, '').trim() === '') return 'the file is empty; nothing to import';
  const extension = extensionOf(fileName);
  if (extension !== '.md' && extension !== '.markdown') return null;
  let prose = 0;
  let structure = 0;
  let inFence = false;
  for (const line of content.split(/\r\n?|\n/)) {
    const trimmed = line.trim();
    if (/^(```|~~~)/.test(trimmed)) {
      inFence = !inFence;
      structure += line.length;
      continue;
    }
    if (trimmed === '') continue;
    if (/^#{1,6}(\s|$)/.test(trimmed) || /^>/.test(trimmed)) continue;
    if (inFence || isStructureLine(line, trimmed)) structure += trimmed.length;
    else prose += trimmed.length;
  }
  if (prose * 2 >= prose + structure) return null;
  return 'not an article: Markdown made mostly of tables, lists and links (a notes file such as SOURCES.md or README.md); skipped';
}

const LINK_ONLY = /^(?:<[^>\s]+>|\[[^\]]*\]\([^)]*\)|\[[^\]]*\]:\s*\S+.*|https?:\/\/\S+)[.,;]?$/;

function isStructureLine(line: string, trimmed: string): boolean {
  return (
    /^\|/.test(trimmed) || // table row
    /^([-*+]|\d+[.)])\s/.test(trimmed) || // list item
    /^(-{3,}|\*{3,}|_{3,}|={3,})$/.test(trimmed) || // rule or setext underline
    /^( {4}|\t)/.test(line) || // indented code
    LINK_ONLY.test(trimmed)
  );
}
