// What every browser test needs: an index of sample-200 plus fixtures, a real dateline-server
// on an ephemeral loopback port, and Debian's Chromium driven by playwright-core.
//
// Environment (set by CTest, defaults for a run from the repository root):
//   DATELINE_INDEX, DATELINE_SERVER  the binaries under test
//   DATELINE_ROOT                    the repository root
//   DATELINE_SHARED                  ../shared (corpus/sample-200.jsonl)
//   DATELINE_ARTIFACTS               where screenshots and measurements go
//   DATELINE_CHROMIUM                the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(process.env.DATELINE_ROOT ?? join(here, '..', '..'));
const BUILD = join(ROOT, 'build', 'release');
const INDEX_BIN = process.env.DATELINE_INDEX ?? join(BUILD, 'indexer', 'dateline-index');
const SERVER_BIN = process.env.DATELINE_SERVER ?? join(BUILD, 'server', 'dateline-server');
const SHARED = resolve(process.env.DATELINE_SHARED ?? join(ROOT, '..', 'shared'));
export const ARTIFACTS = resolve(process.env.DATELINE_ARTIFACTS ?? join(BUILD, 'artifacts'));
const CHROMIUM = process.env.DATELINE_CHROMIUM ?? '/usr/bin/chromium';

const DAY_MS = 24 * 3600 * 1000;

function daysAgo(days) {
  return new Date(Date.now() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Articles whose titles and fields spell out markup and script (escaped, as a CMS exports a
// headline that quotes code); the API returns them as literal text, and none may become live.
export const HOSTILE = [
  { id: 'hostile-img', title: '&lt;img src=x onerror=alert(1)&gt; zanzibar harbour notice',
    body: 'Zanzibar marmalade exporters wrote &lt;script&gt;alert(2)&lt;/script&gt; on a board.',
    source: '<b>Evil</b> Wire', tags: ['&lt;i&gt;tag&lt;/i&gt;', 'zanzibar'], author: 'Mallory',
    url: '/zanzibar/notice' },
  { id: 'hostile-svg', title: '&quot;&gt;&lt;svg onload=alert(4)&gt; zanzibar marmalade prices',
    body: 'The zanzibar &lt;iframe src=&quot;javascript:alert(5)&quot;&gt; marmalade index rose.',
    source: 'Evil Wire', tags: ['zanzibar'], author: 'Mallory',
    url: 'https://evil.example/a?b=%22%3E%3Cscript%3Ealert(6)%3C/script%3E' },
].map((a, i) => ({ ...a, date: daysAgo(40 + i), lang: 'en' }));

// One word ("quillfeather") at four ages, so each date chip selects a known set.
export const AGED = [
  ['quill-week', 2], ['quill-month', 20], ['quill-year', 200], ['quill-old', 900],
].map(([id, age]) => ({
  id, title: `Quillfeather lighthouse report ${id.split('-')[1]}`,
  body: `The quillfeather lighthouse keepers filed their ${id} report on the harbour lights.`,
  date: daysAgo(age), source: age < 100 ? 'Harbour Gazette' : 'Valley Ledger',
  tags: ['lighthouse'], url: `https://news.example/${id}`, author: 'Ada Keeper', lang: 'en',
}));

// One story told by three sources (the same body, new headlines: near-copies the indexer
// groups), and an article of the same word told by one source only.
const KESTREL_BODY = 'The kestrelwick ferry crews voted on Tuesday to accept the revised pay offer after '
  + 'six weeks of talks with the harbour board, ending a dispute that had cancelled most evening '
  + 'crossings to the islands since the start of the spring timetable and left hauliers queueing '
  + 'at the quay for hours every day.';
export const STORY = [
  ['kestrel-gazette', 'Harbour Gazette', 'Kestrelwick ferry crews accept pay offer', 30],
  ['kestrel-ledger', 'Valley Ledger', 'Ferry strike over at Kestrelwick', 29],
  ['kestrel-wire', 'Coast Wire', 'Kestrelwick crews back pay deal', 28],
].map(([id, source, title, age]) => ({
  id, title, body: KESTREL_BODY, source, date: daysAgo(age), tags: ['transport'],
  url: `https://news.example/${id}`, lang: 'en',
})).concat([{
  id: 'kestrel-solo', title: 'Kestrelwick lighthouse repainted', source: 'Harbour Gazette',
  body: 'Volunteers repainted the kestrelwick lighthouse in its old red and white bands.',
  date: daysAgo(10), tags: ['lighthouse'], url: 'https://news.example/kestrel-solo', lang: 'en',
}]);

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result;
}

export function sharedCorpus(name) {
  const path = join(SHARED, 'corpus', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: set DATELINE_SHARED`);
  return path;
}

// Builds an index from sample-200 and the fixtures in a fresh temporary directory.
export function buildIndex() {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-browser-'));
  const fixtures = join(dir, 'fixtures.jsonl');
  writeFileSync(fixtures,
    [...HOSTILE, ...AGED, ...STORY].map((a) => JSON.stringify(a)).join('\n') + '\n');
  const db = join(dir, 'index');
  run(INDEX_BIN, ['add', '--db', db, '--quiet', sharedCorpus('sample-200.jsonl'), fixtures]);
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts dateline-server on 127.0.0.1:0 and resolves once it prints the port it bound.
export function startServer(db) {
  const child = spawn(SERVER_BIN, ['--db', db, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dateline-server did not start: ${stderr}`));
    }, 20000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const found = /serving .* on (http:\/\/[^\s]+)/.exec(stderr);
      if (found && timer) {
        clearTimeout(timer);
        resolvePromise({
          url: found[1],
          stderr: () => stderr,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM'); // our own child, by its PID
          }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dateline-server exited (${code}): ${stderr}`));
    });
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A context whose pages never leave loopback: article links (https://…) are answered with a
// stub page, so "Enter opens the result" can be checked without a network.
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>article</title><p>article',
  }));
  return context;
}

// Collects what a page must never do: dialogs (alert), uncaught errors.
export function watchPage(page) {
  const seen = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => { seen.dialogs.push(dialog.message()); dialog.dismiss(); });
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  return seen;
}

const AXE_SOURCE = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axe-core's WCAG 2.x A/AA rules over the page, open shadow roots included; returns the
// serious and critical violations. Evaluated through the DevTools protocol, so the page's
// own Content-Security-Policy stays in force.
export async function seriousViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

// Resolves with the detail of the next dateline:render event whose query is `query`.
export function nextRender(page, query) {
  return page.evaluate((q) => new Promise((done) => {
    const onRender = (event) => {
      if (q !== null && event.detail.query !== q) return;
      window.removeEventListener('dateline:render', onRender);
      done(event.detail);
    };
    window.addEventListener('dateline:render', onRender);
  }), query);
}

// Types into the box like a person (keystroke by keystroke) and waits for its results.
export async function search(page, query, { delay = 25 } = {}) {
  const input = page.locator('dateline-search [part~="input"]').first();
  await input.fill('');
  const rendered = nextRender(page, query);
  await input.type(query, { delay });
  return rendered;
}

// The index, server and browser a suite runs against; stop() ends all three.
export async function startStack() {
  const index = buildIndex();
  const stack = { index, server: null, browser: null };
  stack.stop = async () => {
    await stack.browser?.close();
    await stack.server?.stop();
    index.cleanup();
  };
  try {
    stack.server = await startServer(index.db);
    stack.browser = await launchBrowser();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
