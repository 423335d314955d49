import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ImportProblem } from '../importProblem';
import { realWorldAvailable, realWorldPath } from '../testing/realWorld';
import { articleFromHtml, documentDraftFromHtml } from './htmlArticle';

/**
 * The ten real news pages of ../shared/real-world/news-html (mozilla/readability's own test
 * pages, as the sites served them): each yields its article's title and text and nothing of
 * the page around it. `articleChars` is the article's length per SOURCES.md (Readability's
 * expected text); ours separates paragraphs with a blank line, so it may be a little longer.
 */
const PAGES = [
  { file: 'bbc-1.html', articleChars: 4973, title: "Obama admits US gun laws are his 'biggest frustration'", lead: 'President Barack Obama has admitted that his failure to pass "common sense gun safety laws"', boilerplate: ['Skip to content', 'Accessibility Help', 'Contact the BBC', 'Parental Guidance'] },
  { file: 'cnn.html', articleChars: 2022, title: "The 'birth lottery' and economic mobility", lead: 'The U.S. has long been heralded as a land of opportunity', boilerplate: ['Stockswatch', 'Premarkets', 'Privacy Policy', 'Newsletters'] },
  { file: 'guardian-1.html', articleChars: 7435, title: "'What is the sea telling us?': Māori tribes fearful over whale strandings | Eleanor Ainge Roy", lead: 'Whale whisperer Hori Parata was just seven years old when he attended his first mass stranding', boilerplate: ['The Guardian - Back to home', 'Back to top', 'Subscribe'] },
  { file: 'nytimes-1.html', articleChars: 5085, title: 'United States to Lift Sudan Sanctions', lead: 'United Nations peacekeepers at a refugee camp in Sudan on Monday.', boilerplate: ['Skip to navigation', 'View mobile version', 'Terms of Sale', 'Site Feedback'] },
  { file: 'wapo-1.html', articleChars: 7869, title: 'Attack stokes instability fears in North Africa', lead: 'CAIRO — Gunmen opened fire on visitors at Tunisia’s most renowned museum on Wednesday', boilerplate: ['Accessibility for screenreader', 'Classifieds', 'RSS Terms of Service', 'Ad Choices'] },
  { file: 'lemonde-1.html', articleChars: 10002, title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée", lead: 'Les députés ont, sans surprise, adopté à une large majorité (438 contre 86 et 42 abstentions)', boilerplate: ['Édition Abonnés', 'Cinéma Pathé', 'Sélection de livres'] },
  { file: 'folha.html', articleChars: 1938, title: 'Tite diz que errou ao levar taça da Libertadores a Lula em 2012', lead: 'Após rechaçar um encontro da seleção brasileira com o presidente eleito Jair Bolsonaro', boilerplate: ['Ir para o conteúdo', 'Ir para o rodapé', 'Folhapress'] },
  { file: 'aktualne.html', articleChars: 4598, title: 'West Ham hrozí gigantům, okouzlil i Linekera. Součka je snadné přehlédnout', lead: 'Zázrak jedné sezony? West Ham dává pochybovačům stále pádnější odpovědi', boilerplate: ['Zahraniční ligy', 'Zpracování osobních údajů', 'Economia, a.s.'] },
  { file: 'gmw.html', articleChars: 3396, title: '宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网', lead: '翱翔于距地球数千公里的太空中，进入广袤漆黑的未知领域，是一项艰苦卓绝的工作。', boilerplate: ['光明网版权所有', '联系我们'] },
  { file: 'yahoo-4.html', articleChars: 1325, title: 'トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」（CNET Japan） - Yahoo!ニュース', lead: 'トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化し保護するスマホ・タブレット向けのセキュリティアプリ', boilerplate: ['ログイン', 'メディアステートメント', '特定商取引法の表示'] },
];

describe.skipIf(!realWorldAvailable())('real news pages (../shared/real-world/news-html)', () => {
  test.each(PAGES)('$file: the article’s title and text, nothing of the page around it', ({ file, articleChars, title, lead, boilerplate }) => {
    const article = articleFromHtml(readFileSync(realWorldPath('news-html', file), 'utf8'))!;
    expect(article.title).toBe(title);
    // The lead paragraph opens the article (a photo caption may come first).
    expect(article.text.slice(0, 400)).toContain(lead);
    for (const furniture of boilerplate) expect(article.text).not.toContain(furniture);
    expect(article.text).not.toMatch(/<[a-z][^>]*>|function\s*\(|\{\s*[a-z-]+\s*:/i);
    expect(article.text.length).toBeGreaterThanOrEqual(articleChars);
    expect(article.text.length).toBeLessThanOrEqual(articleChars * 1.02);
  });

  test('a page becomes a draft titled as the article, its source file and canonical address in meta, no problems', () => {
    const problems: ImportProblem[] = [];
    const draft = documentDraftFromHtml('news/bbc-1.html', readFileSync(realWorldPath('news-html', 'bbc-1.html'), 'utf8'), problems);
    expect(problems).toEqual([]);
    expect(draft).toMatchObject({ id: 'bbc-1', status: 'todo', spans: [], relations: [], meta: { title: PAGES[0]!.title, source: 'bbc-1.html', url: 'http://www.bbc.com/news/world-us-canada-33646704' } });
    expect(draft!.text.startsWith(PAGES[0]!.lead)).toBe(true);
  });
});

describe('HTML pages made here', () => {
  test('scripts, styles and event handlers never reach the text; markup in the text stays text', () => {
    const html = `<!doctype html><html><head><title>Hostile page</title><style>p { color: red }</style></head><body>
      <nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Hostile page</h1>
      <p>First paragraph of a long enough article, with a &lt;script&gt;alert(1)&lt;/script&gt; written as text, and more words to make it an article that Readability keeps.</p>
      <p onclick="alert(2)">Second paragraph, also long enough to count as the body of the story, about the minister who said nothing of note at all today.</p>
      <script>document.body.innerHTML = 'owned'</script>
      <p>Third paragraph closes the article with yet more prose so that the content score is comfortably high enough.</p></article>
      <footer>Copyright Example News</footer></body></html>`;
    const article = articleFromHtml(html)!;
    expect(article.text).toContain('<script>alert(1)</script> written as text');
    expect(article.text).not.toContain('owned');
    expect(article.text).not.toContain('color: red');
    expect(article.text).not.toContain('Copyright Example News');
    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(3);
  });

  test('a page with no article is reported, not imported empty', () => {
    const problems: ImportProblem[] = [];
    expect(documentDraftFromHtml('empty.html', '<html><body></body></html>', problems)).toBeNull();
    expect(problems).toEqual([{ file: 'empty.html', message: expect.stringMatching(/no article found/) }]);
  });
});
