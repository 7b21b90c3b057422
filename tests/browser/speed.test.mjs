// What the box costs a reader: the bytes it loads, and the time from the last keystroke to
// results on screen. The time is measured and reported (speed.json among the artefacts), never
// asserted: these machines are shared. The byte budget is a property of the shipped file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { artifact, newContext, startStack } from './harness.mjs';

// Words and phrases found in sample-200, typed as a reader would type them.
const QUERIES = [
  'cocoa', 'oil prices', 'bank', 'dividend', 'wheat', 'corn', 'brazil', 'canada',
  'money supply', 'shares', 'acquisition', 'quarterly profit', 'trade deficit', 'coffee',
  'sugar', 'gold', 'tax', 'loan', 'merger', 'federal reserve',
];
const BUDGET_GZIP_BYTES = 15 * 1024;

let stack;
let server;
let browser;

before(async () => {
  stack = await startStack();
  ({ server, browser } = stack);
});

after(() => stack?.stop());

// The bytes on the wire for one GET, as a browser asking for gzip receives them.
function wireBytes(url) {
  return new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      let size = 0;
      response.on('data', (chunk) => { size += chunk.length; });
      response.on('end', () => done({ size, encoding: response.headers['content-encoding'] }));
    }).on('error', fail).end();
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

test('everything the box loads fits in 15 KB gzipped', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const loaded = [];
  page.on('requestfinished', (r) => {
    const url = new URL(r.url());
    if (url.pathname !== '/' && !url.pathname.startsWith('/v1/')
        && !url.pathname.endsWith('.css')) loaded.push(url.pathname);
  });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => customElements.get('dateline-search'));
  await page.waitForLoadState('networkidle');
  assert.ok(loaded.includes('/embed.js'), `loaded: ${loaded}`);
  let total = 0;
  for (const path of new Set(loaded)) {
    const { size, encoding } = await wireBytes(server.url + path);
    assert.equal(encoding, 'gzip', `${path} is served compressed`);
    total += size;
  }
  writeFileSync(artifact('box-size.json'), JSON.stringify({ files: [...new Set(loaded)], gzip_bytes: total }) + '\n');
  console.log(`box size: ${total} bytes gzipped (${[...new Set(loaded)].join(', ')})`);
  assert.ok(total <= BUDGET_GZIP_BYTES, `${total} bytes > ${BUDGET_GZIP_BYTES}`);
  await context.close();
});

test('last keystroke to results painted, over 20 queries (reported)', async () => {
  // No request interception here: routing sends every request through the driver, which
  // would add its own milliseconds to what is measured.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.waitForFunction(() => customElements.get('dateline-search'));
  // Keystrokes are timed where the page sees them; "painted" is the first task after the
  // animation frame that follows the box's render event.
  await page.evaluate(() => {
    window.__lastKey = 0;
    window.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
  });
  const input = page.locator('dateline-search [part~="input"]');
  const timings = [];
  for (const query of QUERIES) {
    await input.fill('');
    await page.waitForTimeout(150);
    const painted = page.evaluate((q) => new Promise((done) => {
      const onRender = (event) => {
        if (event.detail.query !== q) return;
        window.removeEventListener('dateline:render', onRender);
        requestAnimationFrame(() => setTimeout(() => done({
          ms: performance.now() - window.__lastKey, state: event.detail.state,
        })));
      };
      window.addEventListener('dateline:render', onRender);
    }), query);
    await input.type(query, { delay: 35 });
    const { ms, state } = await painted;
    assert.ok(state === 'results' || state === 'empty', `${query}: ${state}`);
    timings.push({ query, ms: Math.round(ms * 10) / 10 });
  }
  const values = timings.map((t) => t.ms);
  const report = { median_ms: median(values), max_ms: Math.max(...values), timings };
  writeFileSync(artifact('speed.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`keystroke to painted: median ${report.median_ms} ms, max ${report.max_ms} ms`);
  await context.close();
});
