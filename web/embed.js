/*
 * <dateline-search>: the embeddable search box of a Dateline news archive (docs/embed.md).
 * Plain ES2020, no dependencies, no build step. ASCII-only (\u escapes): no charset worries.
 * Safety: API data is never parsed as HTML. innerHTML is used once, for the constant SHELL.
 */
(() => {
  'use strict';
  if (!window.customElements || !window.fetch) return; // the no-JS form stays

  // Only set during this first run (async scripts too). The API defaults to its origin.
  const script = document.currentScript;
  let scriptOrigin = location.origin;
  try { scriptOrigin = new URL(script.src).origin; } catch { /* inline copy: page origin */ }

  const TAG = 'dateline-search';

  // UI texts; the `strings` attribute (JSON) overrides them.
  const STRINGS = {
    label: 'Search the archive',
    placeholder: 'Search\u2026',
    clear: 'Clear search',
    listbox: 'Suggestions and results',
    suggestions: 'Suggestions',
    results: 'Articles',
    countOne: '1 result for \u201c{query}\u201d',
    countOther: '{count} results for \u201c{query}\u201d',
    countShown: 'Showing {shown} of {count} results for \u201c{query}\u201d',
    none: 'No results for \u201c{query}\u201d',
    noneHint: 'Check the spelling, or try fewer or different words.',
    noneFilteredHint: 'Try a wider date range or all sources.',
    didYouMean: 'Did you mean {suggestion}?',
    relaxed: 'No article has all of your words; showing articles with any of them.',
    alsoInOne: 'also in 1 source',
    alsoInOther: 'also in {count} sources',
    alsoInList: 'Also in {sources}',
    error: 'Search isn\u2019t available right now.',
    errorTooLong: 'That search is too long. Try fewer words.',
    retry: 'Retry',
    fullResults: 'Open the full results page',
    loadMore: 'Load more results',
    date: 'Date',
    anyTime: 'Any time',
    pastWeek: 'Past week',
    pastMonth: 'Past month',
    pastYear: 'Past year',
    custom: 'Custom range',
    from: 'From',
    to: 'To',
    source: 'Source',
    allSources: 'All sources',
    sort: 'Sort by',
    relevance: 'Relevance',
    newest: 'Newest first',
    hint: '\u2191 \u2193 to move \u00b7 Enter to open \u00b7 Esc to close',
  };

  // --dateline-X from the page (inherited into the shadow root) wins, else [light, dark].
  const THEME = {
    text: ['#1b1d21', '#e8eaed'],
    muted: ['#565b63', '#a4aab4'],
    bg: ['#fff', '#17191d'],
    surface: ['#f1f3f5', '#24272d'],
    border: ['#8a9099', '#6c727d'],
    accent: ['#1d4ed8', '#8ab4f8'],
    'accent-text': ['#fff', '#0b1a33'],
    'mark-bg': ['#fde68a', '#6b5200'],
    'mark-text': ['#1b1d21', '#fff8dc'],
    focus: ['#1d4ed8', '#8ab4f8'],
    error: ['#b42318', '#f97066'],
    radius: ['10px', '10px'],
  };
  const themeVars = (i) => Object.keys(THEME)
    .map((k) => `--_${k}:var(--dateline-${k},${THEME[k][i]});`).join('');

  const CSS = `
:host{all:initial;display:block;color-scheme:light;${themeVars(0)}
 --_line:color-mix(in srgb,var(--_border) 45%,var(--_bg))}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){color-scheme:dark;${themeVars(1)}}}
:host([theme=dark]){color-scheme:dark;${themeVars(1)}}
:host([hidden]){display:none}
/* Inherited page styles stop here, even !important ones on the host element. */
.box{all:initial;display:block;position:relative;container-type:inline-size;color-scheme:inherit;
 color:var(--_text);font-family:var(--dateline-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
 font-size:var(--dateline-font-size,medium);line-height:1.5}
*,::before,::after{box-sizing:border-box}
[hidden]{display:none!important}
p{margin:0}
button,select,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
:focus-visible{outline:2px solid var(--_focus);outline-offset:2px}
.vh,.s-error .status{position:absolute!important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.field{position:relative;display:flex;align-items:center;gap:.25em;padding:0 .375em 0 .875em;background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius)}
.field:focus-within{border-color:var(--_focus);box-shadow:0 0 0 1px var(--_focus)}
.field input{flex:1;min-width:0;height:2.75em;padding:0 .375em;border:0;background:none;outline:0;font-size:max(16px,1em)}
.field input::placeholder{color:var(--_muted);opacity:1}
.field input::-webkit-search-cancel-button{-webkit-appearance:none}
.field:focus-within .kbd{display:none}
.kbd{min-width:1.6em;padding:.1em .4em;border:1px solid var(--_line);border-radius:5px;font:.75em/1.4 ui-monospace,monospace;text-align:center;color:var(--_muted)}
.clear{display:grid;place-items:center;width:2em;height:2em;padding:0;border:0;border-radius:50%;background:none;color:var(--_muted);font-size:1.125em;line-height:1}
.clear:hover{background:var(--_surface);color:var(--_text)}
/* Magnifiers: a ring and a handle. */
.icon,.sugg{position:relative}
.icon{flex:none;width:1.125em;height:1.125em;color:var(--_muted)}
.icon::before,.sugg::before{content:"";position:absolute;left:0;top:0;width:.75em;height:.75em;border:2px solid;border-radius:50%}
.icon::after,.sugg::after{content:"";position:absolute;left:.74em;top:.62em;width:2px;height:.45em;background:currentColor;transform:rotate(-45deg);transform-origin:top}
.sugg::before,.sugg::after{margin:.78em 0 0 .65em;color:var(--_muted)}
.field::after{content:"";position:absolute;left:var(--_radius);right:var(--_radius);bottom:-1px;height:2px;background:var(--_accent);opacity:0}
:host([data-state=loading]) .field::after{animation:dl-pulse .6s .3s infinite alternate} /* slow request */
@keyframes dl-pulse{to{opacity:1}}
.panel{margin-top:.5em;padding:.75em;background:var(--_bg);border:1px solid var(--_line);border-radius:var(--_radius)}
.s-closed{margin:0;padding:0;border:0}
.s-closed>:not(.status){display:none}
:host([layout=overlay]) .panel:not(.s-closed){position:absolute;z-index:var(--dateline-z,1000);top:100%;left:0;right:0;max-height:min(75vh,40em);overflow:auto;overscroll-behavior:contain;box-shadow:0 18px 40px -12px rgb(0 0 0/.35)}
/* Chips; then the count and the selects share a row. */
.panel:not(.s-closed){display:flex;flex-wrap:wrap;align-items:center;gap:0 .5em}
.panel>*{flex:1 0 100%;min-width:0;order:2}
.filters{display:contents}
.chips,.selects,.custom{display:flex;flex-wrap:wrap;gap:.375em;margin-bottom:.5em;order:0}
.chips,.custom{flex-basis:100%}
.custom{gap:.5em 1em}
.status{flex:1 1 12em;margin-bottom:.5em;order:0;font-size:.875em;color:var(--_muted)}
.selects{flex:0 1 auto;order:1;margin-inline-start:auto}
.chip{min-height:2.25em;padding:.25em .8em;border:1px solid var(--_line);border-radius:999px;background:var(--_surface);font-size:.875em;line-height:1.2}
.chip[aria-pressed=true]{background:var(--_accent);border-color:var(--_accent);color:var(--_accent-text)}
.sel{position:relative;display:flex;max-width:100%}
.sel::after{content:"";position:absolute;right:.85em;top:50%;width:.4em;height:.4em;border:solid var(--_muted);border-width:0 2px 2px 0;transform:translateY(-70%) rotate(45deg);pointer-events:none}
select,.custom input{min-height:2.25em;max-width:100%;padding:0 .6em;border:1px solid var(--_line);border-radius:calc(var(--_radius)*.8);background:var(--_bg);font-size:.875em}
select{-webkit-appearance:none;appearance:none;padding-right:2.2em;text-overflow:ellipsis}
.chip:hover,select:hover,.custom input:hover{border-color:var(--_border)}
.custom label{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .5em;font-size:.875em;color:var(--_muted)}
.custom input{font-size:1em;color:var(--_text)}
.dym,.notice,.empty,.error{margin-bottom:.5em}
.dym button{min-height:24px;padding:0;border:0;background:none;color:var(--_accent);font-weight:600;text-decoration:underline}
.notice,.error{padding:.5em .75em;background:var(--_surface);border-inline-start:3px solid var(--_accent);border-radius:calc(var(--_radius)*.6)}
.notice{font-size:.875em}
.error{border-color:var(--_error)}
.empty{color:var(--_muted)}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;margin-top:.5em}
a{color:var(--_accent)}
.btn{min-height:2.5em;padding:.25em 1em;border:1px solid var(--_border);border-radius:calc(var(--_radius)*.8);background:var(--_bg);font-weight:600}
.btn:hover,.res:hover,.sugg:hover{background:var(--_surface)}
[role=listbox]{margin:.25em -.5em 0}
.gh{padding:.25em .5em;font-size:.75em;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:var(--_muted)}
.sugs{padding-bottom:.5em}
.sugg{padding:.4em .5em .4em 2.1em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sugg,.res{border-radius:calc(var(--_radius)*.8);cursor:pointer}
.res{padding:.75em .5em}
.res+.res{box-shadow:0 -1px 0 var(--_line)}
[role=option][aria-selected=true]{background:var(--_surface);outline:2px solid var(--_focus);outline-offset:-2px}
.title{display:block;font-size:1.0625em;font-weight:600;line-height:1.35}
.title.link{color:var(--_accent)}
.res:hover .link,[aria-selected=true] .link{text-decoration:underline}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .5em;margin:.3em 0 .35em;font-size:.8125em;color:var(--_muted)}
time+.src::before,.also::before{content:"\u00b7";margin-inline-end:.5em}
.src{font-weight:600}
.tags{display:flex;flex-wrap:wrap;gap:.25em}
.tag{padding:0 .5em;border:1px solid var(--_line);border-radius:999px;font-size:.925em}
.snippet{font-size:.9375em}
.title,.snippet{overflow-wrap:anywhere}
mark{padding:0 .1em;border-radius:.2em;background:var(--_mark-bg);color:var(--_mark-text);-webkit-box-decoration-break:clone;box-decoration-break:clone}
.more{width:100%;margin-top:.5em;color:var(--_accent)}
.panel:not(.s-results) .hint{display:none}
.hint{margin-top:.75em;padding-top:.5em;border-top:1px solid var(--_line);font-size:.75em;color:var(--_muted)}
@media (hover:none),(pointer:coarse){.hint,.kbd{display:none}}
/* Narrow box (phone, sidebar). */
@container (max-width:30em){.panel{padding:.625em}.chip{padding:.25em .65em;font-size:.8125em}
 .selects,.sel{flex:1 1 100%}.sel{flex-basis:8em}select{width:100%;padding-right:1.9em}.sel::after{right:.7em}
 [role=listbox]{margin-inline:-.375em}}
@media (prefers-reduced-motion:reduce){*,::before,::after{animation:none!important;transition:none!important}}
@media (forced-colors:active){.chip[aria-pressed=true]{outline:2px solid Highlight}[role=option][aria-selected=true]{outline-color:Highlight}}
`;

  // Constant markup; `$x` becomes an id unique to this box (a page may hold several).
  const SHELL = `<div class="box" part="box">
<form role="search" part="form" method="get">
 <label class="vh" for="$i" data-s="label"></label>
 <div class="field" part="field">
  <span class="icon" aria-hidden="true"></span>
  <input id="$i" part="input" name="q" type="search" role="combobox" aria-expanded="false"
   aria-controls="$l" aria-autocomplete="list" autocomplete="off" autocapitalize="off"
   spellcheck="false" enterkeyhint="search">
  <kbd class="kbd" aria-hidden="true">/</kbd>
  <button type="button" class="clear" part="clear" data-l="clear" hidden>\u00d7</button>
 </div>
</form>
<div class="panel s-closed" part="panel">
 <div class="filters" part="filters">
  <div class="chips" role="group" data-l="date">
   <button type="button" class="chip" part="chip" data-range="any" data-s="anyTime"></button>
   <button type="button" class="chip" part="chip" data-range="week" data-s="pastWeek"></button>
   <button type="button" class="chip" part="chip" data-range="month" data-s="pastMonth"></button>
   <button type="button" class="chip" part="chip" data-range="year" data-s="pastYear"></button>
   <button type="button" class="chip" part="chip" data-range="custom" data-s="custom"></button>
  </div>
  <div class="custom" hidden>
   <label><span data-s="from"></span><input type="date" part="from"></label>
   <label><span data-s="to"></span><input type="date" part="to"></label>
  </div>
  <div class="selects">
   <label class="sel"><span class="vh" data-s="source"></span><select part="source"></select></label>
   <label class="sel"><span class="vh" data-s="sort"></span><select part="sort">
    <option value="relevance" data-s="relevance"></option><option value="newest" data-s="newest"></option>
   </select></label>
  </div>
 </div>
 <p class="status" part="status" role="status" aria-live="polite" aria-atomic="true"></p>
 <p class="dym" hidden></p>
 <p class="notice" part="notice" data-s="relaxed" hidden></p>
 <p class="empty" part="empty" hidden></p>
 <div class="error" part="error" hidden>
  <p class="msg"></p>
  <div class="actions"><button type="button" class="btn" part="retry" data-s="retry"></button>
   <a part="full-results" data-s="fullResults"></a></div>
 </div>
 <div role="listbox" id="$l" part="listbox" data-l="listbox" hidden></div>
 <button type="button" class="btn more" part="more" data-s="loadMore" hidden></button>
 <p class="hint" part="hint" data-s="hint" aria-hidden="true"></p>
</div>
</div>`;

  const RANGES = { week: 'now-7d', month: 'now-30d', year: 'now-365d' };
  // The data-* a script-tag mount copies (an allow-list: no data-style -> style).
  const CONFIG = ['api', 'placeholder', 'per-page', 'source', 'tag', 'date', 'from', 'to', 'sort',
    'lang', 'strings', 'locale', 'debounce', 'url-param', 'shortcut', 'theme', 'layout'];

  const list = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean);
  // The sources of a hit's story other than its own, as the source filter tells them apart.
  const sourceKey = (v) => String(v).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  function otherSources(h) {
    const sources = Array.isArray(h.story?.sources) ? h.story.sources : [];
    const own = sourceKey(h.source ?? '');
    return sources.filter((v) => typeof v === 'string' && sourceKey(v) !== own);
  }
  const fill = (tpl, vars) => String(tpl).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));

  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    node.append(...kids); // strings become text nodes
    return node;
  }

  // Highlighted fields: escaped text, <mark>, </mark> and these five entities. One pass, so
  // "&amp;lt;" stays the text "&lt;".
  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  function appendMarked(parent, html) {
    let mark = null;
    for (const piece of String(html).split(/(<\/?mark>)/)) {
      if (piece === '<mark>') mark = parent.appendChild(el('mark', { part: 'mark' }));
      else if (piece === '</mark>') mark = null;
      else if (piece) (mark || parent).append(piece.replace(/&(amp|lt|gt|quot|#39);/g, (m, e) => ENTITIES[e]));
    }
  }

  // Only http(s) links (never javascript:). Site-relative paths resolve against the page.
  function safeHref(raw) {
    try {
      const url = new URL(raw, document.baseURI);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch { return null; }
  }

  // LRU of responses by URL, so backspacing is instant: a Map iterates in insertion order.
  const cache = new Map();
  async function getJSON(url, signal) {
    let body = cache.get(url);
    if (body) {
      cache.delete(url);
    } else {
      const res = await fetch(url, { signal, credentials: 'omit' });
      body = await res.json().catch(() => null);
      if (!res.ok || !body) throw Object.assign(new Error(`HTTP ${res.status}`), { code: body?.error?.code });
      if (cache.size >= 60) cache.delete(cache.keys().next().value);
    }
    cache.set(url, body);
    return body;
  }

  // A constructable sheet passes a strict style-src CSP; the <style> fallback would not.
  let sheet = null;
  function adoptStyles(root) {
    if ('adoptedStyleSheets' in ShadowRoot.prototype) {
      try {
        if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch { /* fall back */ }
    }
    root.append(el('style', {}, CSS));
  }

  const editable = (n) => n && (n.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName));

  let instances = 0;

  class DatelineSearch extends HTMLElement {
    connectedCallback() {
      if (!this.root) this.build();
      document.addEventListener('keydown', this.onDocKey);
      document.addEventListener('pointerdown', this.onOutside);
      window.addEventListener('popstate', this.onPop);
    }

    disconnectedCallback() {
      document.removeEventListener('keydown', this.onDocKey);
      document.removeEventListener('pointerdown', this.onOutside);
      window.removeEventListener('popstate', this.onPop);
      this.close();
    }

    // Attributes are read once, on first connect.
    build() {
      const get = (name, dflt) => this.getAttribute(name) ?? dflt;
      let strings = {};
      try { strings = JSON.parse(get('strings', '{}')); } catch {
        console.warn(`${TAG}: strings is not valid JSON`);
      }
      const s = this.s = { ...STRINGS, ...strings };
      try { this.api = new URL(get('api', scriptOrigin), location.href).href.replace(/\/+$/, ''); } catch {
        this.api = scriptOrigin;
      }
      this.perPage = Math.min(100, Math.max(1, parseInt(get('per-page'), 10) || 10));
      const debounce = parseInt(get('debounce'), 10);
      this.debounce = debounce >= 0 ? debounce : 50;
      this.param = get('url-param', 'q');
      this.shortcut = get('shortcut') !== 'off';
      this.overlay = get('layout') === 'overlay';
      this.tags = list(get('tag'));
      this.langs = list(get('lang'));
      // Dates are UTC; the UTC day is the filing day for most newsrooms.
      const opts = { dateStyle: 'medium', timeZone: 'UTC' };
      const locale = get('locale', document.documentElement.lang || navigator.language);
      try { this.dateFmt = new Intl.DateTimeFormat(locale, opts); } catch {
        this.dateFmt = new Intl.DateTimeFormat(undefined, opts);
      }
      this.numFmt = new Intl.NumberFormat(this.dateFmt.resolvedOptions().locale);
      const from = get('from', ''), to = get('to', '');
      this.f = {
        range: RANGES[get('date')] ? get('date') : (from || to ? 'custom' : 'any'),
        from, to,
        source: list(get('source')),
        sort: get('sort') === 'newest' ? 'newest' : 'relevance',
      };

      const id = `dateline-${++instances}`;
      const root = this.root = this.attachShadow({ mode: 'open' });
      adoptStyles(root);
      const holder = document.createElement('template');
      holder.innerHTML = SHELL.replace(/\$(\w)/g, `${id}-$1`); // constant markup, no data
      root.append(holder.content);
      for (const n of root.querySelectorAll('[data-s]')) n.textContent = s[n.dataset.s];
      for (const n of root.querySelectorAll('[data-l]')) n.setAttribute('aria-label', s[n.dataset.l]);
      const $ = (sel) => root.querySelector(sel);
      Object.assign(this, {
        uid: id, seq: 0, opts: [], active: -1, state: 'closed', q: '', known: new Set(),
        partial: false,
        input: $('input'), form: $('form'), panel: $('.panel'), listbox: $('[role=listbox]'),
        status: $('.status'), dym: $('.dym'), notice: $('.notice'), empty: $('.empty'),
        error: $('.error'), full: $('.actions a'), more: $('.more'), clearBtn: $('.clear'),
        kbd: $('.kbd'), chips: [...root.querySelectorAll('.chip')], custom: $('.custom'),
        fromIn: $('[part=from]'), toIn: $('[part=to]'), sourceSel: $('[part=source]'),
        sortSel: $('[part=sort]'),
      });
      const input = this.input;
      input.placeholder = get('placeholder', s.placeholder);
      this.form.action = `${this.api}/search`;
      this.setAttribute('data-state', 'closed');
      this.syncFilters();
      this.sources([]);
      this.syncField();

      this.onDocKey = this.onDocKey.bind(this);
      this.onPop = this.onPop.bind(this);
      this.onOutside = (e) => {
        if (this.overlay && !e.composedPath().includes(this)) this.close();
      };

      input.addEventListener('input', (e) => this.onInput(e));
      input.addEventListener('keydown', (e) => this.onKey(e));
      // IME: no search until the text is committed.
      input.addEventListener('compositionstart', () => { this.composing = true; });
      input.addEventListener('compositionend', () => { this.composing = false; this.onInput({}); });
      input.addEventListener('blur', () => this.endBurst());
      this.form.addEventListener('submit', (e) => { e.preventDefault(); this.commit(); });
      root.addEventListener('focusout', (e) => { // overlay: tabbing away closes the dropdown
        if (this.overlay && e.relatedTarget && !root.contains(e.relatedTarget)) this.close();
      });
      const searchFor = (text) => { input.value = text; input.focus(); this.pick(); };
      this.clearBtn.addEventListener('click', () => searchFor(''));
      this.dym.addEventListener('click', (e) => {
        if (e.target.closest('button')) searchFor(e.target.textContent);
      });
      $('[part=retry]').addEventListener('click', () => {
        this.status.textContent = ''; // so that a second failure is announced again
        input.focus();
        this.partial = false;
        this.run();
      });
      this.more.addEventListener('click', () => this.run(true));

      // Clicking an option keeps focus in the input (combobox pattern).
      this.listbox.addEventListener('mousedown', (e) => e.preventDefault());
      const onOption = (e) => {
        const o = e.target.closest('[role=option]');
        if (o && e.button < 2) this.choose(o, e);
      };
      this.listbox.addEventListener('click', onOption);
      this.listbox.addEventListener('auxclick', onOption); // middle click: new tab

      for (const chip of this.chips) {
        chip.addEventListener('click', () => { this.f.range = chip.dataset.range; this.filtered(); });
      }
      const onDate = () => { this.f.from = this.fromIn.value; this.f.to = this.toIn.value; this.filtered(); };
      this.fromIn.addEventListener('change', onDate);
      this.toIn.addEventListener('change', onDate);
      this.sourceSel.addEventListener('change', () => {
        const o = this.sourceSel.selectedOptions[0];
        this.f.source = !o?.value ? [] : 'multi' in o.dataset ? list(o.value) : [o.value];
        this.run();
      });
      this.sortSel.addEventListener('change', () => { this.f.sort = this.sortSel.value; this.run(); });

      // A shared link (?q=) shows its search, without taking focus.
      if (this.param) {
        input.value = (new URL(location.href).searchParams.get(this.param) || '').trim();
        if (input.value) this.pick();
      }
    }

    syncField() {
      this.clearBtn.hidden = !this.input.value;
      this.kbd.hidden = !!this.input.value || !this.shortcut;
    }

    syncFilters() {
      const f = this.f;
      for (const c of this.chips) c.setAttribute('aria-pressed', String(c.dataset.range === f.range));
      this.custom.hidden = f.range !== 'custom';
      this.fromIn.value = this.toIn.min = f.from;
      this.toIn.value = this.fromIn.max = f.to;
      this.sortSel.value = f.sort;
    }

    filtered() {
      this.syncFilters();
      this.run();
    }

    // Typing and history

    // A typing burst (ended by 1.5 s idle, Enter or blur) pushes one history entry.
    onInput(e) {
      if (this.composing || e.isComposing) return;
      // Mid-word ("fer" on the way to "ferry"): the API matches the last word as a prefix.
      this.partial = /\S$/.test(this.input.value);
      this.syncField();
      clearTimeout(this.burstTimer);
      this.burstTimer = setTimeout(() => this.endBurst(), 1500);
      this.schedule();
    }

    endBurst() {
      clearTimeout(this.burstTimer);
      this.burst = false;
    }

    // Enter: the reader says the query is complete, its last word too.
    commit() {
      this.partial = false;
      this.run();
      this.endBurst();
    }

    // 50 ms: unnoticeable, and skips a fast typist's keystrokes (InstantSearch searches on
    // each; abort and cache bound the load). A cached query renders at once.
    schedule() {
      clearTimeout(this.timer);
      const q = this.input.value.trim();
      if (!q || cache.has(this.searchURL(q, 1))) this.run();
      else this.timer = setTimeout(() => this.run(), this.debounce);
    }

    // A query chosen whole (suggestion, did-you-mean, clear, URL): its own history entry.
    pick() {
      this.partial = false;
      this.syncField();
      this.endBurst();
      this.run();
      this.endBurst();
    }

    reflect(q) {
      if (!this.param) return;
      const url = new URL(location.href);
      if ((url.searchParams.get(this.param) || '').trim() === q) return;
      if (q) url.searchParams.set(this.param, q);
      else url.searchParams.delete(this.param);
      try {
        if (this.burst) history.replaceState(history.state, '', url.href);
        else history.pushState(null, '', url.href);
        this.burst = true;
      } catch { /* a sandboxed frame may refuse */ }
    }

    onPop() {
      if (!this.param) return;
      const q = (new URL(location.href).searchParams.get(this.param) || '').trim();
      if (q === this.input.value.trim() && (!q || this.state !== 'closed')) return;
      this.input.value = q;
      this.partial = false;
      this.syncField();
      this.endBurst();
      this.run(); // the URL holds q: no new entry
    }

    // Keyboard

    onDocKey(e) {
      if (!this.shortcut || e.defaultPrevented || e.isComposing || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      const slash = e.key === '/' && !mod && !editable(e.composedPath()[0]);
      const ctrlK = mod && !e.shiftKey && (e.key === 'k' || e.key === 'K');
      // The first visible box wins; preventDefault tells the others.
      if (!(slash || ctrlK) || !this.getClientRects().length) return;
      e.preventDefault();
      this.input.focus();
      this.input.select();
    }

    onKey(e) {
      if (e.isComposing || this.composing) return;
      const n = this.opts.length, i = this.active;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (this.state === 'closed') this.run();
        else if (n) this.setActive(e.key === 'ArrowDown' ? (i + 1) % n : (i <= 0 ? n - 1 : i - 1));
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (this.opts[i]) this.choose(this.opts[i], e);
        else this.commit(); // now, no debounce
      } else if (e.key === 'Escape') {
        // First Esc closes, second clears.
        if (this.state !== 'closed' || this.ctl) { e.preventDefault(); this.close(); }
        else if (this.input.value) { e.preventDefault(); this.input.value = ''; this.pick(); }
      }
    }

    setActive(i) {
      this.opts[this.active]?.setAttribute('aria-selected', 'false');
      this.active = i;
      const o = this.opts[i];
      if (o) {
        o.setAttribute('aria-selected', 'true');
        this.input.setAttribute('aria-activedescendant', o.id);
        o.scrollIntoView({ block: 'nearest' });
      } else {
        this.input.removeAttribute('aria-activedescendant');
      }
    }

    choose(o, e) {
      if (o.dataset.q != null) { // a suggestion
        this.input.value = o.dataset.q;
        this.input.focus();
        this.pick();
        return;
      }
      const href = o.dataset.href;
      if (href && (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1)) window.open(href, '_blank', 'noopener');
      else if (href) location.assign(href);
    }

    // Requests

    // Filters as parameters, for the API and the no-JS page.
    params(q) {
      const f = this.f, p = new URLSearchParams({ q });
      const custom = f.range === 'custom';
      // A reversed custom range is read the right way round (the API would reject it).
      const [lo, hi] = f.from && f.to && f.from > f.to ? [f.to, f.from] : [f.from, f.to];
      const from = RANGES[f.range] || (custom && lo);
      if (from) p.set('from', from);
      if (custom && hi) p.set('to', hi);
      for (const v of f.source) p.append('source', v);
      for (const v of this.tags) p.append('tag', v);
      if (f.sort === 'newest') p.set('sort', 'newest');
      return p;
    }

    searchURL(q, page) {
      const p = this.params(q);
      for (const v of this.langs) p.append('lang', v);
      p.set('per_page', this.perPage);
      if (page > 1) p.set('page', page);
      p.set('facets', 'source');
      if (this.partial) p.set('partial', 'true'); // "Load more" pages keep the mode
      return `${this.api}/v1/search?${p}`;
    }

    // Each run aborts the previous one and only the latest renders: never out of order.
    async run(more = false) {
      clearTimeout(this.timer);
      const q = more ? this.q : this.input.value.trim();
      if (!more) this.reflect(q);
      if (!q) return this.close();
      this.ctl?.abort();
      const ctl = this.ctl = new AbortController();
      const url = this.searchURL(q, more ? this.page + 1 : 1);
      if (!cache.has(url)) this.setAttribute('data-state', 'loading');
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, 10000);
      try {
        const [data, sugg] = await Promise.all([
          getJSON(url, ctl.signal),
          // Suggestions are optional: their failure is not the search's.
          more || getJSON(`${this.api}/v1/suggest?q=${encodeURIComponent(q)}`, ctl.signal).catch(() => null),
        ]);
        if (ctl === this.ctl) this.render(q, data, more ? null : sugg, more);
      } catch (err) {
        if (ctl === this.ctl && (timedOut || !ctl.signal.aborted)) this.fail(q, err);
      } finally {
        clearTimeout(timer);
        if (ctl === this.ctl) this.ctl = null;
      }
    }

    // Rendering

    render(q, data, sugg, more) {
      const s = this.s, hits = Array.isArray(data.hits) ? data.hits : [];
      const total = Number(data.total) || 0;
      const moreHadFocus = this.root.activeElement === this.more; // before hiding blurs it
      if (!more && q !== this.q) this.known = new Set();
      this.q = q;
      this.page = Number(data.page) || 1;
      const first = more ? this.shown : 0;
      this.shown = first + hits.length;
      const items = document.createDocumentFragment();
      for (const h of hits) items.append(this.option(h));

      if (more) {
        this.results.append(items);
      } else {
        const lq = q.toLowerCase();
        const words = (Array.isArray(sugg?.suggestions) ? sugg.suggestions : [])
          .filter((w) => typeof w === 'string' && w.trim() && w.trim().toLowerCase() !== lq)
          .slice(0, 5)
          .map((w) => el('div', {
            role: 'option', part: 'option suggestion', class: 'sugg', id: this.nextId(),
            'aria-selected': 'false', 'data-q': w,
          }, w));
        const frag = document.createDocumentFragment();
        if (words.length) frag.append(this.group(s.suggestions, 'sugs', words));
        frag.append(this.results = this.group(s.results, 'hits', [items]));
        this.results.hidden = !hits.length;
        this.results.firstChild.classList.toggle('vh', !words.length);
        this.listbox.replaceChildren(frag); // one DOM write

        const suggestion = typeof data.suggestion === 'string' && data.suggestion;
        this.dym.hidden = !suggestion;
        if (suggestion) {
          const [before, after = ''] = s.didYouMean.split('{suggestion}');
          this.dym.replaceChildren(before,
            el('button', { type: 'button', part: 'did-you-mean' }, suggestion), after);
        }
        this.notice.hidden = !data.relaxed;
      }

      const state = this.shown ? 'results' : 'empty';
      const count = this.numFmt.format(total) + (data.total_relation === 'gte' ? '+' : '');
      const vars = { query: q, count, shown: this.numFmt.format(this.shown) };
      this.status.textContent = fill(state === 'empty' ? s.none
        : more ? s.countShown : total === 1 ? s.countOne : s.countOther, vars);
      this.empty.hidden = state !== 'empty';
      this.empty.textContent = this.f.range !== 'any' || this.f.source.length ? s.noneFilteredHint : s.noneHint;
      this.error.hidden = true;
      const end = this.page * this.perPage;
      this.more.hidden = !(end < total && end < 10000); // the API's depth limit
      this.sources(data.facets?.source);

      this.show(state, q, total);
      if (!more) this.setActive(-1);
      else if (moreHadFocus && this.more.hidden) {
        // The button is gone: back to the input, on the first new result.
        this.input.focus();
        this.setActive(this.opts.indexOf(this.results.children[first + 1]));
      }
    }

    nextId() { return `${this.uid}-${++this.seq}`; }

    group(label, cls, kids) {
      const id = this.nextId();
      return el('div', { role: 'group', class: cls, 'aria-labelledby': id },
        el('div', { role: 'presentation', id, class: 'gh' }, label), ...kids);
    }

    option(h) {
      const id = this.nextId();
      const href = safeHref(h.url);
      const title = el('span', { part: 'title', class: href ? 'title link' : 'title', id: `${id}t` });
      if (typeof h.title_highlighted === 'string') appendMarked(title, h.title_highlighted);
      else title.textContent = h.title ?? '';
      const meta = el('div', { part: 'meta', class: 'meta', id: `${id}m` });
      const date = new Date(h.date);
      if (h.date && !isNaN(date)) meta.append(el('time', { datetime: h.date }, this.dateFmt.format(date)));
      if (h.source) meta.append(el('span', { class: 'src' }, String(h.source)));
      const others = otherSources(h); // "also in 2 sources", named in its tooltip
      if (others.length) {
        const text = others.length === 1 ? this.s.alsoInOne : this.s.alsoInOther;
        meta.append(el('span', {
          part: 'also', class: 'also', title: fill(this.s.alsoInList, { sources: others.join(', ') }),
        }, fill(text, { count: this.numFmt.format(others.length) })));
      }
      if (Array.isArray(h.tags) && h.tags.length) {
        meta.append(el('span', { class: 'tags' },
          ...h.tags.slice(0, 4).map((t) => el('span', { class: 'tag' }, String(t)))));
      }
      const snippet = el('div', { part: 'snippet', class: 'snippet', id: `${id}s` });
      if (typeof h.snippet === 'string') appendMarked(snippet, h.snippet);
      // Nothing focusable inside an option (ARIA): the title only looks like a link.
      const o = el('div', {
        role: 'option', part: 'option', class: 'res', id, 'aria-selected': 'false',
        'aria-labelledby': `${id}t`, 'aria-describedby': `${id}m ${id}s`,
        'data-id': String(h.id ?? ''),
      }, title, meta, snippet);
      if (href) o.dataset.href = href;
      return o;
    }

    // Sources seen for this query, and always the current choice.
    sources(facets) {
      const counts = new Map();
      for (const f of Array.isArray(facets) ? facets : []) {
        if (typeof f?.value === 'string') { counts.set(f.value, f.count); this.known.add(f.value); }
      }
      const rows = [['', this.s.allSources]];
      for (const v of this.known) rows.push([v, counts.has(v) ? `${v} (${this.numFmt.format(counts.get(v))})` : v]);
      const cur = this.f.source, value = cur.join(', ');
      if (cur.length && !this.known.has(value)) rows.push([value, value, cur.length > 1]);
      const key = JSON.stringify(rows);
      if (key === this.sourceKey) return; // rebuilding would close an open dropdown
      this.sourceKey = key;
      this.sourceSel.replaceChildren(...rows.map(([v, label, multi]) => {
        const o = new Option(label, v);
        if (multi) o.dataset.multi = '';
        return o;
      }));
      this.sourceSel.value = value;
    }

    fail(q, err) {
      const msg = err?.code === 'query_too_long' ? this.s.errorTooLong : this.s.error;
      this.error.querySelector('.msg').textContent = this.status.textContent = msg;
      this.full.href = `${this.api}/search?${this.params(q)}`;
      for (const n of [this.dym, this.notice, this.empty, this.more]) n.hidden = true;
      this.error.hidden = false;
      this.listbox.replaceChildren();
      this.show('error', q, null);
      this.setActive(-1);
    }

    close() {
      clearTimeout(this.timer);
      this.ctl?.abort();
      this.ctl = null;
      if (this.state === 'closed') return this.setAttribute('data-state', 'closed');
      this.status.textContent = '';
      this.listbox.replaceChildren();
      this.show('closed', this.input.value.trim(), null);
      this.setActive(-1);
    }

    // Applies a state in one go, then tells the page (dateline:render).
    show(state, q, total) {
      this.state = state;
      this.panel.className = `panel s-${state}`; // (.error, .empty are elements)
      this.opts = state === 'closed' ? [] : [...this.listbox.querySelectorAll('[role=option]')];
      this.listbox.hidden = !this.opts.length;
      this.input.setAttribute('aria-expanded', String(this.opts.length > 0));
      this.setAttribute('data-state', state);
      this.dispatchEvent(new CustomEvent('dateline:render', {
        bubbles: true, composed: true, detail: { query: q, state, total },
      }));
    }
  }

  if (!customElements.get(TAG)) customElements.define(TAG, DatelineSearch);

  // <script data-dateline-target="#sel" data-...>: a box in each match. A <form> child (the
  // no-JS fallback) moves into the box, where the shadow root hides it.
  function mount() {
    const selector = script?.dataset.datelineTarget;
    if (!selector) return;
    let targets = [];
    try { targets = document.querySelectorAll(selector); } catch {
      console.warn(`${TAG}: bad data-dateline-target: ${selector}`);
    }
    for (const target of targets) {
      if (target.querySelector(TAG)) continue;
      const box = document.createElement(TAG);
      for (const name of CONFIG) {
        const value = script.getAttribute(`data-${name}`);
        if (value !== null) box.setAttribute(name, value);
      }
      if (!box.hasAttribute('api')) box.setAttribute('api', scriptOrigin);
      box.append(...[...target.children].filter((c) => c.tagName === 'FORM'));
      target.append(box);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
})();
