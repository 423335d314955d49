import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { idFromFileName } from '../textImport';
import { assembleDraft } from './draftAssembly';

/**
 * HTML pages → article text, with Mozilla Readability (the engine of Firefox's Reader View) over
 * jsdom. Node only: the main process and the command line use it; the renderer never parses
 * HTML. No script in the page runs (jsdom's default), nothing is fetched, and the text is built
 * from the DOM Readability keeps, never by stripping tags from source text.
 */

export interface HtmlArticle {
  title: string;
  /** Paragraphs separated by a blank line; white space inside a paragraph collapsed. */
  text: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  /** The page's own address (its canonical link or og:url), when it names an http(s) one. */
  url: string | null;
}

/** The address a page gives itself, read before Readability rearranges the document. */
function canonicalUrl(document: Document): string | null {
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  return candidates.map((value) => value?.trim() ?? '').find((value) => /^https?:\/\/[^\s]+$/i.test(value)) ?? null;
}

/** Elements that end a paragraph of text: a blank line goes after each. */
const BLOCK_ELEMENTS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** Text of the DOM below `root`: one paragraph per block element, `<br>` a line break. */
function blocksOf(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const paragraph = current
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r\u200b]+/g, ' ').trim())
      .filter((line) => line.length > 0)
      .join('\n');
    if (paragraph.length > 0) paragraphs.push(paragraph);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      // Source line breaks inside a paragraph are only layout: they become spaces.
      current += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.tagName === 'BR') {
      current += '\n';
      return;
    }
    if (element.tagName === 'SCRIPT' || element.tagName === 'STYLE' || element.tagName === 'NOSCRIPT') return;
    const block = BLOCK_ELEMENTS.has(element.tagName);
    if (block) flush();
    for (const child of Array.from(element.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * The article of an HTML page: its title and text as Readability finds them, or null when
 * Readability finds no article (a page of links, an empty page). `url` (when known) resolves the
 * page's relative links; it is never fetched.
 */
export function articleFromHtml(html: string, url?: string): HtmlArticle | null {
  // The page's own console messages (CSS it cannot parse, …) are not ours to print.
  const dom = new JSDOM(html, { url: url ?? 'https://newsmark.invalid/', virtualConsole: new VirtualConsole() });
  try {
    const url = canonicalUrl(dom.window.document);
    const parsed = new Readability(dom.window.document).parse();
    if (!parsed || !parsed.content) return null;
    const container = dom.window.document.createElement('div');
    // Readability's output is the page's own sanitised markup, parsed into an inert document
    // (no scripts run in jsdom by default) only to walk its structure.
    container.innerHTML = parsed.content;
    const text = blocksOf(container);
    if (text.length === 0) return null;
    return {
      title: (parsed.title ?? '').replace(/\s+/g, ' ').trim(),
      text,
      byline: parsed.byline?.trim() || null,
      siteName: parsed.siteName?.trim() || null,
      lang: parsed.lang?.trim() || null,
      publishedTime: parsed.publishedTime?.trim() || null,
      url,
    };
  } finally {
    dom.window.close();
  }
}

/**
 * An HTML page as a new, unlabelled document draft: Readability's article text, its title
 * (the file name when the page has none), and byline, site, language, date and the page's own
 * address in meta. Null,
 * with the reason in `problems`, when the page has no article.
 */
export function documentDraftFromHtml(fileName: string, html: string, problems: ImportProblem[]): DocumentDraft | null {
  const source = fileName.split(/[\\/]/).pop() ?? fileName;
  const article = articleFromHtml(html);
  if (!article) {
    problems.push({ file: fileName, message: 'no article found in this page (Readability found no main text)' });
    return null;
  }
  const meta: Record<string, unknown> = { title: article.title, source };
  if (article.byline) meta.byline = article.byline;
  if (article.siteName) meta.site = article.siteName;
  if (article.lang) meta.lang = article.lang;
  if (article.publishedTime) meta.published = article.publishedTime;
  if (article.url) meta.url = article.url;
  return assembleDraft(
    { id: idFromFileName(fileName), text: article.text, meta, unit: 'utf16', spans: [], relations: [] },
    { file: fileName, fallbackTitle: idFromFileName(fileName) },
    problems,
  );
}
