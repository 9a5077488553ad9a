// Shared set-up for the browser tests: one static server over the release
// build, one Debian Chromium, a fresh context (empty profile) per test, and
// page-object helpers that act as a person would.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.ATTUNE_DIST ?? path.resolve(here, '../../dist');
const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];

/**
 * Defines two readers of what Attune stored, in every page of `context`:
 * `attuneStored()` gives the data as one document ({ clients, ratings,
 * unrated, ... }), read from the records in IndexedDB (the therapist page's
 * home since the move), else from the records layout in localStorage (one
 * entry per record, placed by `n`), else from the single document;
 * `attuneRaw()` gives the stored text itself (the document, or every record
 * entry), for "nothing was touched" checks. Both give null when nothing is
 * stored. `attuneEntries()` gives every record entry (key → text) wherever
 * the records live, and `attuneHome()` where that is ('idb' or 'local').
 *
 * Both stay synchronous (tests call them inside `waitForFunction`), so the
 * page keeps a copy of IndexedDB's records: read whole when the page opens
 * (never creating the database: the app does that), then kept in step by
 * every transaction this page completes (its puts and deletes, applied on
 * `complete`) and read again whenever another tab says on the app's
 * `BroadcastChannel` that it committed.
 */
export async function installStoredReaders(context) {
  await context.addInitScript(() => {
    let idb = null; // Map of the records database's entries, or null
    let generation = 0;
    // A blank page (a new tab before its first address) has no storage.
    const http = /^https?:$/.test(location.protocol);
    const readAll = async () => {
      if (!http || !indexedDB.databases) return;
      const start = generation;
      const names = (await indexedDB.databases()).map((d) => d.name);
      if (!names.includes('attune')) return;
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('attune');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      if (!db.objectStoreNames.contains('records')) { db.close(); return; }
      const tx = db.transaction('records', 'readonly');
      const store = tx.objectStore('records');
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((q) => new Promise((resolve, reject) => {
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      })));
      db.close();
      // A transaction this page completed meanwhile is newer than this read.
      if (generation !== start) return readAll();
      idb = new Map(keys.map((k, i) => [k, values[i]]));
    };
    // What Attune's transactions still under way will write: a read made
    // through `page.evaluate` waits for them (see `watch` in `openApp`), as
    // a read of localStorage never had to.
    const inflight = new Set();
    const { transaction } = IDBDatabase.prototype;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (args[1] === 'readwrite') {
        const done = new Promise((resolve) => {
          for (const e of ['complete', 'abort', 'error']) tx.addEventListener(e, () => { inflight.delete(done); resolve(); });
        });
        inflight.add(done);
      }
      return tx;
    };
    let initial = Promise.resolve();
    window.attuneSettled = async () => {
      await initial.catch(() => {});
      while (inflight.size) await Promise.race([...inflight]);
    };
    if (http) {
      initial = readAll();
      initial.catch(() => {});
      try {
        new BroadcastChannel('attune.records').onmessage = () => { readAll().catch(() => {}); };
      } catch { /* no BroadcastChannel: this page's own writes still show */ }
    }
    const pending = new WeakMap();
    const note = (tx, key, value) => {
      if (!pending.has(tx)) {
        pending.set(tx, []);
        tx.addEventListener('complete', () => {
          generation++;
          if (tx.db.name !== 'attune') return;
          idb = idb ?? new Map();
          for (const [k, v] of pending.get(tx)) {
            if (v === undefined) idb.delete(k); else idb.set(k, v);
          }
        });
      }
      pending.get(tx).push([key, value]);
    };
    const { put, delete: del } = IDBObjectStore.prototype;
    // `fullIndexedDb`: a write aborts its transaction, which then reports
    // a QuotaExceededError, as one refused by a full quota does.
    const full = new WeakSet();
    const errorOf = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error').get;
    Object.defineProperty(IDBTransaction.prototype, 'error', {
      configurable: true,
      get() { return full.has(this) ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : errorOf.call(this); },
    });
    IDBObjectStore.prototype.put = function (value, key) {
      const r = put.call(this, value, key);
      if (/(^|; )attune-test-idb-full=1/.test(document.cookie)) {
        full.add(this.transaction);
        this.transaction.abort();
        return r;
      }
      note(this.transaction, key, value);
      return r;
    };
    IDBObjectStore.prototype.delete = function (key) {
      const r = del.call(this, key);
      note(this.transaction, key, undefined);
      return r;
    };
    const fromIdb = () => (idb && idb.has('attune.home') ? idb : null);
    const recordKeys = () => Object.keys(localStorage).filter((k) => k.startsWith('attune.r.')).sort();
    const entries = () => {
      const m = fromIdb();
      if (m) return [...m.keys()].filter((k) => k.startsWith('attune.r.')).sort().map((k) => [k, m.get(k)]);
      return recordKeys().map((k) => [k, localStorage.getItem(k)]);
    };
    // Every record entry (key → text), wherever the records live.
    window.attuneEntries = () => Object.fromEntries(entries());
    window.attuneRaw = () => {
      const e = entries();
      if (!e.some(([k]) => k === 'attune.r.meta')) return localStorage.getItem('attune.data');
      return JSON.stringify(e);
    };
    window.attuneStored = () => {
      const e = entries();
      const meta = e.find(([k]) => k === 'attune.r.meta');
      if (!meta) {
        const t = localStorage.getItem('attune.data');
        return t === null ? null : JSON.parse(t);
      }
      const m = JSON.parse(meta[1]);
      const lists = { c: [], m: [], u: [], e: [] };
      for (const [k, text] of e) {
        const kind = k.split('.')[2];
        if (!(kind in lists)) continue;
        try {
          const r = JSON.parse(text);
          lists[kind].push([r.n, r.rec.id, r.rec]);
        } catch { /* an unreadable record is Attune's to set aside */ }
      }
      const order = (l) => l.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)).map((x) => x[2]);
      return {
        schema: m.schema, version: m.version, last_backup_at: m.last_backup_at,
        clients: order(lists.c), ratings: order(lists.m), unrated: order(lists.u),
        ...(lists.e.length ? { episode_ends: order(lists.e) } : {}),
      };
    };
    // Where the records live now: 'idb' or 'local' (null: nothing stored yet).
    window.attuneHome = () => (fromIdb() ? 'idb' : (recordKeys().length || localStorage.getItem('attune.data') ? 'local' : null));
  });
}

/**
 * Forgets every record on the device: the records layout's entries in
 * localStorage and everything in IndexedDB's records store (the marker of
 * the move too), so the next start reads only what a test seeds.
 */
export async function forgetRecords(page) {
  await page.evaluate(() => new Promise((resolve, reject) => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('attune.r.')) localStorage.removeItem(k);
    indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === 'attune')) { resolve(); return; }
      const open = indexedDB.open('attune');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('records')) { db.close(); resolve(); return; }
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').clear();
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onabort = () => reject(tx.error);
      };
    }, reject);
  }));
}

/** Starts the server and browser once per test file. */
export async function setup() {
  const { server, origin } = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return { server, origin, browser };
}

/** Closes what `setup` opened. */
export async function teardown({ server, browser }) {
  await browser.close();
  await new Promise((r) => server.close(r));
}

/**
 * Opens the app in a fresh context and records console errors, page errors and
 * requests, so each test can assert that none went wrong or off-origin.
 */
export async function openApp(env, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  const log = { errors: [], requests: [] };
  // Every page of the context is watched, second tabs included.
  const watch = (p) => {
    // A read of what is stored waits for the app's IndexedDB transactions
    // under way (a save is committed a moment after the screen shows it).
    const evaluate = p.evaluate.bind(p);
    p.evaluate = async (fn, arg) => {
      await evaluate(() => window.attuneSettled?.()).catch(() => {});
      return evaluate(fn, arg);
    };
    p.on('console', (m) => { if (m.type() === 'error') log.errors.push(`${m.text()} (${p.url()})`); });
    p.on('pageerror', (e) => log.errors.push(`${String(e)} (${p.url()})`));
    p.on('request', (r) => log.requests.push(r.url()));
  };
  context.on('page', watch);
  await installStoredReaders(context);
  const page = await context.newPage();
  await page.goto(env.origin + '/');
  await page.getByRole('slider').first().waitFor();
  return { context, page, log };
}

/** The slider for an item title (exact accessible name match by substring). */
export function slider(page, title) {
  return page.getByRole('slider', { name: title });
}

/** Clicks a slider at `fraction` of its width (its box is the line). */
export async function tapAt(page, title, fraction) {
  await slider(page, title).scrollIntoViewIfNeeded();
  const box = await slider(page, title).boundingBox();
  // The right edge itself is outside the box; half a pixel in still scores 10.0.
  const x = box.x + Math.min(box.width * fraction, box.width - 0.5);
  await page.mouse.click(x, box.y + box.height / 2);
}

/** Rates the first `fractions.length` items by tapping at the given fractions. */
export async function rateAll(page, fractions) {
  const titles = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];
  for (let i = 0; i < fractions.length; i++) await tapAt(page, titles[i], fractions[i]);
}

/** The rated value of a slider as a string ("7.3"), or null. */
export async function valueOf(page, title) {
  return slider(page, title).getAttribute('aria-valuenow');
}

/**
 * Waits until a slider reads `expected`, then returns it; on a timeout it
 * fails with the value last seen. For input the browser may hand to the page
 * after the DevTools call has returned: Chromium does not wait for the page
 * to take a non-blocking touch move or a touch cancel.
 */
export async function valueBecomes(page, title, expected, timeout = 5000) {
  const el = await slider(page, title).elementHandle();
  try {
    await page.waitForFunction(
      ([e, want]) => e.getAttribute('aria-valuenow') === want, [el, expected], { timeout },
    );
  } catch (err) {
    assert.equal(await valueOf(page, title), expected, `${title} never read ${expected}: ${err.message}`);
  }
  return valueOf(page, title);
}

/** Runs axe-core with the WCAG 2.x A/AA tags and returns its violations. */
export async function axe(page) {
  // Evaluated, not added as a <script>: the app's CSP rightly blocks inline
  // scripts, and DevTools evaluation is exempt from it.
  await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Asserts the page logged no errors and asked no other origin for anything. */
export function assertClean(env, log) {
  assert.deepEqual(log.errors, [], 'console errors');
  const foreign = log.requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests to other origins');
}

/**
 * Presses Done as the client would, checks that the screen then thanks them
 * and shows nothing of the results (no total, band, prompt or "/ 40"), and
 * opens the review as the therapist does, with its one deliberate button.
 */
export async function finishRating(page) {
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  for (const id of ['total', 'band', 'prompt', 'recent']) {
    assert.equal(await page.getByTestId(id).count(), 0, `no ${id} after Done`);
  }
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /\/\s*40|poor|fair|good\b/i, 'no score or band after Done');
  await page.getByRole('button', { name: /review/i }).click();
}

/** Sets the therapist PIN in Settings and confirms the recovery code was noted. */
export async function setPin(page, pin) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('New PIN (4 to 8 digits)').fill(pin);
  await page.getByLabel('Repeat the PIN').fill(pin);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.getByText('PIN saved.').waitFor();
  // The recovery code shows once, after every new PIN.
  await page.getByTestId('recovery-code').waitFor();
  await page.getByRole('button', { name: 'I have written it down' }).click();
}

/** Adds a client on the Clients screen and waits for it to be listed. */
export async function addClient(page, label) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('New client').fill(label);
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByRole('button', { name: label, exact: true }).waitFor();
}

/**
 * Fills what is left of the page's storage with filler, largest pieces
 * first: localStorage, or each store named in `stores` ('local',
 * 'session'). Returns how many pieces were written.
 */
export async function fillStorage(page, stores = ['local']) {
  const n = await page.evaluate((names) => {
    let n = 0;
    for (const name of names) {
      const store = name === 'session' ? sessionStorage : localStorage;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        for (;;) {
          try { store.setItem(`filler.${n++}`, 'x'.repeat(size)); } catch { break; }
        }
      }
    }
    return n;
  }, stores);
  // The therapist page keeps its records in IndexedDB, under the origin's
  // quota: full too (see `fullIndexedDb`).
  if (stores.includes('local')) await fullIndexedDb(page, true);
  return n;
}

/**
 * Makes IndexedDB refuse every write of this origin's pages as a full quota
 * does (`on`), or lets it write again. Emulated, because it cannot be made
 * real here: Chromium 156 gives every context a 10 GiB quota and ignores
 * the DevTools protocol's `Storage.overrideQuotaForOrigin` (tried: estimate
 * and writes unchanged). A readwrite transaction that puts anything is
 * aborted by the browser's own `abort()`, and reports a `QuotaExceededError`
 * as its error, as a full disk's transaction does; nothing is written. The
 * switch is a cookie, so it holds across pages and reloads while
 * localStorage is full.
 */
export async function fullIndexedDb(page, on) {
  await page.evaluate((full) => {
    document.cookie = `attune-test-idb-full=${full ? 1 : 0}; path=/`;
  }, on);
}

/** Removes the filler `fillStorage` wrote, from the same stores. */
export async function emptyFiller(page, stores = ['local']) {
  await page.evaluate((names) => {
    for (const name of names) {
      const store = name === 'session' ? sessionStorage : localStorage;
      Object.keys(store).filter((k) => k.startsWith('filler.')).forEach((k) => store.removeItem(k));
    }
  }, stores);
  if (stores.includes('local')) await fullIndexedDb(page, false);
}

/** A tablet in portrait, by touch: how a client is handed the device. */
export const TABLET = { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** Taps (touch) or clicks each line named in `titles` at its fraction of the width. */
export async function rateLines(page, titles, fractions, touch) {
  for (const [i, title] of titles.entries()) {
    const s = page.getByRole('slider', { name: title, exact: true });
    await s.scrollIntoViewIfNeeded();
    const box = await s.boundingBox();
    const x = box.x + Math.min(box.width * fractions[i], box.width - 0.5);
    if (touch) await page.touchscreen.tap(x, box.y + box.height / 2);
    else await page.mouse.click(x, box.y + box.height / 2);
  }
}

/** Taps every line of the form on screen at its fraction of the width (one fraction per line). */
export async function rateAllLines(page, fractions) {
  const sliders = page.getByRole('slider');
  const n = await sliders.count();
  assert.equal(n, fractions.length, 'one fraction per line');
  for (let i = 0; i < n; i++) {
    const s = sliders.nth(i);
    await s.scrollIntoViewIfNeeded();
    const box = await s.boundingBox();
    await page.touchscreen.tap(box.x + Math.min(box.width * fractions[i], box.width - 0.5), box.y + box.height / 2);
  }
}

/** Stops a server for good: no new connections, and kept-alive ones cut. */
export async function stopServer(server) {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}
