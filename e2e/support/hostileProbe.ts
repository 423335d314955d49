import type { Page } from '@playwright/test';

/**
 * What would show that a page ran or rendered something an article holds: a global the hostile
 * text tries to set, dialogs (alert/confirm/prompt), Content Security Policy violations (markup
 * that became DOM would trip them), and elements of kinds the app never makes.
 */
export interface HostileProbe {
  /** Call before the page loads. */
  install(): Promise<void>;
  /** Everything seen so far that should not have happened; empty when all is well. */
  findings(): Promise<string[]>;
}

/** Elements the app never renders where article text and titles show; an article's markup would make them. */
const FOREIGN_ELEMENTS = 'script, style, img, iframe, frame, object, embed, svg, math, a, link, meta, base, form, input, video, audio, marquee, template';
/** Where the app shows an article's text or title (the app's own controls, inputs and all, are elsewhere). */
const ARTICLE_CONTENT = '.article-text, .article-title, .document-title, .span-text, .span-item, .link-banner, .hover-card';

export function hostileProbe(page: Page): HostileProbe {
  const dialogs: string[] = [];
  return {
    async install() {
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          // zod (in the app's own bundle) probes once whether eval works, by calling Function('');
          // the policy refuses it, as it should. That probe is the app's code, not an article's.
          const appProbe = event.blockedURI === 'eval' && /\/assets\/index-[\w-]+\.js$/.test(event.sourceFile);
          if (!appProbe) seen.push(`${event.violatedDirective} ${event.blockedURI} from ${event.sourceFile || 'the page'}:${event.lineNumber}`);
        });
      });
    },
    async findings() {
      const inPage = await page.evaluate((foreign: { elements: string; content: string }) => {
        const found: string[] = [];
        const pwned = (window as unknown as { __pwned?: unknown }).__pwned;
        if (pwned !== undefined) found.push(`window.__pwned = ${String(pwned)}`);
        for (const violation of (window as unknown as { __cspViolations: string[] }).__cspViolations) found.push(`CSP violation: ${violation}`);
        const content = Array.from(document.querySelectorAll(`#root :is(${foreign.content}) *`));
        // Anywhere in the page, elements no part of the app makes at all.
        const anywhere = Array.from(document.querySelectorAll('#root script, #root style, #root iframe, #root object, #root embed, #root img'));
        for (const element of new Set([...content.filter((node) => node.matches(foreign.elements)), ...anywhere])) {
          found.push(`element <${element.tagName.toLowerCase()}> in the app: ${element.outerHTML.slice(0, 120)}`);
        }
        for (const element of Array.from(document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover], [onfocus], [style*="display"]'))) {
          found.push(`attribute from an article: ${element.outerHTML.slice(0, 120)}`);
        }
        return found;
      }, { elements: FOREIGN_ELEMENTS, content: ARTICLE_CONTENT });
      return [...dialogs.map((dialog) => `dialog ${dialog}`), ...inPage];
    },
  };
}
