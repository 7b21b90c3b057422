// The box on somebody else's blog: another origin, a hostile theme, a script-tag mount; and the
// results page that works with JavaScript off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import {
  artifact, newContext, nextRender, seriousViolations, startStack, watchPage,
} from './harness.mjs';

// A theme that styles everything it can reach, !important included.
const AGGRESSIVE_CSS = `
  * { font: italic 34px/3 "Comic Sans MS", cursive !important; color: #f0f !important;
      background: #ff0 !important; letter-spacing: 6px !important;
      text-transform: uppercase !important; border: 3px dashed red !important;
      margin: 12px !important; padding: 12px !important; box-sizing: content-box !important; }
  input, button, select { display: none !important; }
  mark { background: #000 !important; color: #000 !important; }
  li, ul, ol { list-style: square !important; }
`;

function hostPage(api, { withBox }) {
  const script = withBox
    ? `<script src="${api}/embed.js" async data-dateline-target="#site-search"
         data-api="${api}" data-placeholder="Search the blog"></script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>A blog with a loud theme</title><style>${AGGRESSIVE_CSS}</style></head>
    <body><main><h1>My loud blog</h1>
    <div id="site-search"></div>
    <p id="probe">A paragraph of the blog, with <mark>its own mark</mark> and
      <input id="probe-input" aria-label="a blog input"> an input.</p>
    </main>${script}</body></html>`;
}

let stack;
let server;
let browser;
let host;
let hostUrl;

before(async () => {
  stack = await startStack();
  ({ server, browser } = stack);
  host = createServer((request, response) => {
    const withBox = !request.url.includes('nobox');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage(server.url, { withBox }));
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  hostUrl = `http://127.0.0.1:${host.address().port}`;
});

after(async () => {
  await new Promise((done) => (host ? host.close(done) : done()));
  await stack?.stop();
});

const probeStyles = (page) => page.evaluate(() => ['#probe', '#probe mark', '#probe-input'].map(
  (selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    return [style.font, style.color, style.backgroundColor, style.display, style.margin].join('|');
  }));

describe('embedded in a hostile blog theme on another origin', () => {
  test('the box mounts from data-dateline-target, renders and searches', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(hostUrl + '/');
    const input = page.locator('#site-search dateline-search [part~="input"]');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('placeholder'), 'Search the blog');
    const box = await input.boundingBox();
    assert.ok(box.width >= 150 && box.height >= 24 && box.height <= 80, JSON.stringify(box));

    const rendered = nextRender(page, 'cocoa');
    await input.type('cocoa', { delay: 20 });
    assert.equal((await rendered).state, 'results');
    const title = page.locator('#site-search dateline-search [part~="title"]').first();
    assert.ok(await title.isVisible());
    const look = await title.evaluate((el) => {
      const s = getComputedStyle(el);
      const mark = el.closest('[part~="option"]').querySelector('mark');
      const m = mark && getComputedStyle(mark);
      return { transform: s.textTransform, size: parseFloat(s.fontSize), spacing: s.letterSpacing,
        markDiffers: !!m && m.color !== m.backgroundColor };
    });
    assert.equal(look.transform, 'none');
    assert.ok(look.size <= 24, `title font-size ${look.size}`);
    assert.equal(look.spacing, 'normal');
    assert.ok(look.markDiffers, 'highlight readable');
    await page.screenshot({ path: artifact('hostile-theme.png') });
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('the box does not change how the blog itself looks', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(hostUrl + '/nobox');
    const before = await probeStyles(page);
    await page.goto(hostUrl + '/');
    await page.locator('#site-search dateline-search [part~="input"]').waitFor();
    assert.deepEqual(await probeStyles(page), before);
    await context.close();
  });
});

describe('with JavaScript off', () => {
  test('the demo page form falls back to the server-rendered results page', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    const field = page.locator('dateline-search form input[name="q"]');
    await field.fill('zanzibar');
    await Promise.all([page.waitForURL(/\/search\?/), field.press('Enter')]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), 'zanzibar');
    const items = page.locator('main ol > li');
    assert.ok((await items.count()) >= 2);
    assert.ok((await page.locator('main ol mark').count()) >= 1);
    // Hostile titles arrive as text.
    assert.equal(await page.locator('main img, main svg, main iframe, main script').count(), 0);
    assert.match(await page.locator('main').textContent(), /<img src=x onerror=alert\(1\)>/);
    await page.screenshot({ path: artifact('nojs-results.png'), fullPage: true });
    await context.close();
  });

  test('the results page pages through results and keeps filters', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + '/search?q=said&sort=newest');
    const next = page.locator('a[rel~="next"]');
    await Promise.all([page.waitForURL(/page=2/), next.click()]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'said');
    assert.equal(url.searchParams.get('sort'), 'newest');
    assert.ok((await page.locator('main ol > li').count()) >= 1);
    assert.ok(await page.locator('a[rel~="prev"]').isVisible());
    await context.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`the results page has no serious accessibility violations (${scheme})`, async () => {
      // axe is evaluated through DevTools, so this context keeps JavaScript on; the page
      // itself ships none.
      const context = await newContext(browser, { colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(server.url + '/search?q=cocoa');
      assert.deepEqual(await seriousViolations(page), []);
      assert.equal(await page.locator('script').count(), 0);
      await context.close();
    });
  }
});
