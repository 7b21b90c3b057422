// The search box on the demo page (GET /), driven like a reader drives it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGED, STORY, artifact, newContext, nextRender, search, seriousViolations, startStack, watchPage,
} from './harness.mjs';

const BOX = 'dateline-search';
const part = (name) => `${BOX} [part~="${name}"]`;

let stack;
let server;
let browser;

before(async () => {
  stack = await startStack();
  ({ server, browser } = stack);
});

after(() => stack?.stop());

async function openDemo(options = {}, path = '/') {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const seen = watchPage(page);
  await page.goto(server.url + path);
  await page.waitForFunction(() => customElements.get('dateline-search') !== undefined);
  return { context, page, seen };
}

// The values of one parameter of every /v1/search request the page makes from now on.
function searchParams(page, name) {
  const values = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/v1/search') values.push(url.searchParams.get(name));
  });
  return values;
}

const resultIds = (page) =>
  page.locator(`${part('option')}:not([part~="suggestion"])`).evaluateAll(
    (options) => options.map((o) => o.dataset.id));

describe('search as you type', () => {
  test('typing a query shows highlighted results and announces the count', async () => {
    const { context, page, seen } = await openDemo();
    const detail = await search(page, 'cocoa');
    assert.equal(detail.state, 'results');
    assert.ok(detail.total >= 1);
    const titles = await page.locator(part('title')).allTextContents();
    assert.ok(titles.some((t) => /cocoa/i.test(t)), `titles: ${titles}`);
    const marks = await page.locator(`${part('option')} mark`).allTextContents();
    assert.ok(marks.some((m) => /^cocoa$/i.test(m)), `marks: ${marks}`);
    const status = page.locator(part('status'));
    const live = await status.evaluate((el) => el.getAttribute('aria-live')
      ?? (el.getAttribute('role') === 'status' ? 'polite' : null));
    assert.equal(live, 'polite');
    assert.match(await status.textContent(), new RegExp(`${detail.total}\\b`));
    assert.equal(new URL(page.url()).searchParams.get('q'), 'cocoa');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a page opened with ?q= shows that search without typing', async () => {
    const { context, page } = await openDemo({}, '/?q=quillfeather');
    await page.locator(part('option')).first().waitFor();
    assert.equal(await page.locator(part('input')).inputValue(), 'quillfeather');
    assert.equal((await resultIds(page)).length, AGED.length);
    await context.close();
  });

  test('a slow stale response never replaces the newer one', async () => {
    const { context, page } = await openDemo();
    // The first query's response is held back until after the second has rendered.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\/v1\/search\?.*q=cocoa(&|$)/, async (route) => {
      await held;
      await route.continue().catch(() => {}); // aborted by the box: nothing to continue
    });
    const input = page.locator(part('input'));
    await input.fill('cocoa');
    await page.waitForTimeout(300); // past the debounce: the cocoa request is in flight
    const rendered = nextRender(page, 'quillfeather');
    await input.fill('quillfeather');
    await rendered;
    release();
    await page.waitForTimeout(300);
    const ids = await resultIds(page);
    assert.ok(ids.length > 0 && ids.every((id) => id.startsWith('quill-')), `ids: ${ids}`);
    await context.close();
  });

  test('input-method composition fires no search until the text is committed', async () => {
    const { context, page } = await openDemo();
    const queries = searchParams(page, 'q');
    await page.locator(part('input')).focus();
    const cdp = await context.newCDPSession(page);
    for (const text of ['c', 'co', 'coc', 'coco']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(120);
    }
    assert.deepEqual(queries, [], 'no request while composing');
    const rendered = nextRender(page, 'cocoa');
    await cdp.send('Input.insertText', { text: 'cocoa' });
    await rendered;
    assert.deepEqual(queries, ['cocoa']);
    await context.close();
  });
});

describe('keyboard', () => {
  test('"/" focuses, arrows move the active option, Enter opens it, Esc closes', async () => {
    const { context, page } = await openDemo();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() =>
      document.activeElement?.shadowRoot?.activeElement?.getAttribute('part')?.includes('input')),
    true);
    const rendered = nextRender(page, 'quillfeather');
    await page.keyboard.type('quillfeather');
    await rendered;
    const input = page.locator(part('input'));
    assert.equal(await input.getAttribute('aria-expanded'), 'true');

    // Options after the type-ahead suggestions are the results; walk down to the first one.
    const options = page.locator(part('option'));
    const firstResult = page.locator(`${part('option')}:not([part~="suggestion"])`).first();
    const target = await firstResult.getAttribute('id');
    for (let i = 0; i < (await options.count()); i++) {
      await page.keyboard.press('ArrowDown');
      if ((await input.getAttribute('aria-activedescendant')) === target) break;
    }
    assert.equal(await input.getAttribute('aria-activedescendant'), target);
    assert.equal(await firstResult.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowUp');
    assert.notEqual(await input.getAttribute('aria-activedescendant'), target);
    await page.keyboard.press('ArrowDown');

    const id = await firstResult.getAttribute('data-id');
    const expected = AGED.find((a) => a.id === id).url;
    await Promise.all([page.waitForURL(expected), page.keyboard.press('Enter')]);
    assert.equal(page.url(), expected);
    await page.goBack();

    await page.waitForFunction(() => customElements.get('dateline-search'));
    await page.locator(part('input')).focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator(part('input')).getAttribute('aria-expanded'), 'false');
    await context.close();
  });

  test('Ctrl-K focuses the box from anywhere', async () => {
    const { context, page } = await openDemo();
    await page.keyboard.press('Control+k');
    const focused = await page.evaluate(() =>
      document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? '');
    assert.match(focused, /\binput\b/);
    await context.close();
  });

  test('the back button returns to the previous search', async () => {
    const { context, page } = await openDemo();
    await search(page, 'cocoa');
    await page.keyboard.press('Enter'); // commits the search to history
    await page.waitForTimeout(1700); // a new typing burst starts a new history entry
    await search(page, 'quillfeather');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'quillfeather');
    const rendered = nextRender(page, 'cocoa');
    await page.goBack();
    await rendered;
    assert.equal(await page.locator(part('input')).inputValue(), 'cocoa');
    await context.close();
  });
});

describe('filters, suggestions, paging', () => {
  test('date chips narrow results to the chosen period', async () => {
    const { context, page } = await openDemo();
    await search(page, 'quillfeather');
    const counts = {};
    for (const range of ['week', 'month', 'year', 'any']) {
      const rendered = nextRender(page, 'quillfeather');
      await page.locator(`${part('chip')}[data-range="${range}"]`).click();
      await rendered;
      counts[range] = (await resultIds(page)).length;
      assert.equal(await page.locator(`${part('chip')}[data-range="${range}"]`)
        .getAttribute('aria-pressed'), 'true');
    }
    assert.deepEqual(counts, { week: 1, month: 2, year: 3, any: 4 });
    await context.close();
  });

  test('a custom date range filters by its bounds', async () => {
    const { context, page } = await openDemo();
    await search(page, 'quillfeather');
    await page.locator(`${part('chip')}[data-range="custom"]`).click();
    const day = (age) => new Date(Date.now() - age * 86400000).toISOString().slice(0, 10);
    const rendered = nextRender(page, 'quillfeather');
    await page.locator(part('from')).fill(day(30));
    await page.locator(part('to')).fill(day(10));
    await rendered;
    await page.waitForTimeout(400); // both bounds applied
    assert.deepEqual(await resultIds(page), ['quill-month']);
    await context.close();
  });

  test('source filter and newest-first sort change the results', async () => {
    const { context, page } = await openDemo();
    await search(page, 'quillfeather');
    let rendered = nextRender(page, 'quillfeather');
    await page.locator(part('source')).selectOption('Valley Ledger');
    await rendered;
    assert.deepEqual((await resultIds(page)).sort(), ['quill-old', 'quill-year']);
    rendered = nextRender(page, 'quillfeather');
    await page.locator(part('source')).selectOption('');
    await rendered;
    rendered = nextRender(page, 'quillfeather');
    await page.locator(part('sort')).selectOption('newest');
    await rendered;
    assert.deepEqual(await resultIds(page), ['quill-week', 'quill-month', 'quill-year', 'quill-old']);
    await context.close();
  });

  test('did-you-mean offers the corrected query and runs it', async () => {
    const { context, page } = await openDemo();
    await search(page, 'quilfeather');
    const button = page.locator(part('did-you-mean'));
    assert.match(await button.textContent(), /quillfeather/);
    const rendered = nextRender(page, 'quillfeather');
    await button.click();
    assert.equal((await rendered).state, 'results');
    assert.equal(await page.locator(part('input')).inputValue(), 'quillfeather');
    await context.close();
  });

  test('a word typed halfway finds what it starts, with no did-you-mean', async () => {
    const { context, page } = await openDemo();
    const partial = searchParams(page, 'partial');
    const detail = await search(page, 'quillf');
    assert.equal(detail.state, 'results');
    assert.equal((await resultIds(page)).length, AGED.length);
    assert.ok(!(await page.locator(part('did-you-mean')).isVisible()));
    const marks = await page.locator(`${part('option')} mark`).allTextContents();
    assert.ok(marks.some((m) => /^quillfeather$/i.test(m)), `marks: ${marks}`);
    assert.equal(partial.at(-1), 'true');
    // Enter says the word is finished: "quillf" is then a word of its own, found nowhere.
    const committed = nextRender(page, 'quillf');
    await page.keyboard.press('Enter');
    assert.equal((await committed).state, 'empty');
    assert.equal(partial.at(-1), null);
    await context.close();
  });

  test('a relaxed match says so', async () => {
    const { context, page } = await openDemo();
    const detail = await search(page, 'quillfeather cocoa');
    assert.equal(detail.state, 'results');
    assert.ok(await page.locator(part('notice')).isVisible());
    await context.close();
  });

  test('nothing found shows the empty state', async () => {
    const { context, page } = await openDemo();
    const detail = await search(page, 'xylophonequartz');
    assert.equal(detail.state, 'empty');
    assert.ok(await page.locator(part('empty')).isVisible());
    await context.close();
  });

  test('type-ahead suggestions come from /v1/suggest and can be chosen', async () => {
    const { context, page } = await openDemo();
    await search(page, 'quillf');
    const suggestion = page.locator(`${part('option')}[part~="suggestion"]`).first();
    await suggestion.waitFor();
    const text = (await suggestion.textContent()).trim();
    assert.match(text, /quillfeather/i);
    const rendered = nextRender(page, null);
    await suggestion.click();
    const detail = await rendered;
    assert.equal(await page.locator(part('input')).inputValue(), detail.query);
    assert.match(detail.query, /quillfeather/i);
    await context.close();
  });

  test('load more appends the next page without repeating a result', async () => {
    const { context, page } = await openDemo();
    const detail = await search(page, 'said');
    assert.ok(detail.total > 10, `total ${detail.total}`);
    const first = await resultIds(page);
    await page.locator(part('more')).click();
    await page.waitForFunction((n) => {
      const box = document.querySelector('dateline-search');
      return box.shadowRoot.querySelectorAll('[part~="option"]:not([part~="suggestion"])').length > n;
    }, first.length);
    const all = await resultIds(page);
    assert.ok(all.length > first.length);
    assert.equal(new Set(all).size, all.length, 'no duplicates');
    assert.deepEqual(all.slice(0, first.length), first);
    await context.close();
  });
});

describe('failure and safety', () => {
  test('an API outage shows an error with a retry that recovers', async () => {
    const { context, page, seen } = await openDemo();
    await page.route('**/v1/search?**', (route) => route.fulfill({
      status: 503, contentType: 'application/json', headers: { 'Retry-After': '1' },
      body: JSON.stringify({ error: { code: 'unavailable', message: 'index unavailable' } }),
    }));
    const detail = await search(page, 'cocoa');
    assert.equal(detail.state, 'error');
    assert.ok(await page.locator(part('error')).isVisible());
    await page.unroute('**/v1/search?**');
    const rendered = nextRender(page, 'cocoa');
    await page.locator(part('retry')).click();
    assert.equal((await rendered).state, 'results');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a network failure is an error state, not a broken page', async () => {
    const { context, page, seen } = await openDemo();
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    const detail = await search(page, 'cocoa');
    assert.equal(detail.state, 'error');
    assert.deepEqual(seen.errors, []);
    assert.ok(await page.locator('h1').isVisible(), 'the host page still renders');
    await context.close();
  });

  test('hostile titles, snippets, sources and links stay inert text', async () => {
    const { context, page, seen } = await openDemo();
    await search(page, 'zanzibar');
    await page.waitForTimeout(500);
    assert.deepEqual(seen.dialogs, []);
    const injected = await page.evaluate(() => {
      const root = document.querySelector('dateline-search').shadowRoot;
      return [...root.querySelectorAll('img, script, svg, iframe, b, i')].length
        + document.querySelectorAll('img[src="x"], svg[onload], iframe').length;
    });
    assert.equal(injected, 0);
    const titles = await page.locator(part('title')).allTextContents();
    assert.ok(titles.some((t) => t.includes('<img src=x onerror=alert(1)>')), `titles: ${titles}`);
    const hrefs = await page.locator(`${BOX} a[href]`).evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.every((h) => /^https?:/.test(h)), `hrefs: ${hrefs}`);
    // A keyboard "open" of the javascript: article must not run it either.
    const input = page.locator(part('input'));
    await input.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

describe('stories', () => {
  test('a story told by several sources is one result saying "also in N sources"', async () => {
    const { context, page, seen } = await openDemo();
    const detail = await search(page, 'kestrelwick');
    assert.equal(detail.total, 2); // the story and the solo article
    const ids = await resultIds(page);
    assert.equal(ids.length, 2);
    assert.ok(ids.includes('kestrel-solo'), `ids: ${ids}`);
    const storyId = ids.find((id) => id !== 'kestrel-solo');
    assert.ok(STORY.some((a) => a.id === storyId), `ids: ${ids}`);
    const also = page.locator(`${part('option')}[data-id="${storyId}"] [part~="also"]`);
    assert.equal(await also.textContent(), 'also in 2 sources');
    const shown = STORY.find((a) => a.id === storyId).source;
    const others = STORY.slice(0, 3).map((a) => a.source).filter((s) => s !== shown);
    assert.equal(await also.getAttribute('title'), `Also in ${others.join(', ')}`);
    // Read with the option: it is part of the option's description.
    const described = await page.locator(`${part('option')}[data-id="${storyId}"]`)
      .getAttribute('aria-describedby');
    assert.ok(described.split(' ').includes(await also.evaluate((el) => el.parentElement.id)));
    assert.equal(await page.locator(`${part('option')}[data-id="kestrel-solo"] [part~="also"]`)
      .count(), 0);
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

describe('layout and accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    test(`no serious accessibility violations (${scheme}, results open)`, async () => {
      const { context, page } = await openDemo({ colorScheme: scheme });
      await search(page, 'cocoa');
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: artifact(`demo-desktop-${scheme}.png`), fullPage: false });
      await context.close();
    });
  }

  test('at 320 px and 375 px the page does not scroll sideways', async () => {
    for (const width of [320, 375]) {
      const { context, page } = await openDemo({ viewport: { width, height: 800 }, isMobile: true });
      await search(page, 'quillfeather');
      await page.locator(`${part('chip')}[data-range="custom"]`).click();
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${width} px: ${overflow} px of horizontal overflow`);
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: artifact(`demo-${width}px.png`), fullPage: true });
      await context.close();
    }
  });
});
