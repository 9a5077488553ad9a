#!/usr/bin/env node
// The sync rows of Attune's benchmark: Attune's own replication,
// driven as a therapist drives it, beside PouchDB (bench/pouch-anchor.mjs) in
// the same run, the same Chromium and the same server: pouchdb-server 4.2.0
// in memory (tests/browser/couch.mjs), started here and stopped at the end
// (also on failure), reached through the same-origin /couchdb/ proxy
// (tests/browser/server.mjs), each device a separate browser context.
//
//   (a) device A holds N ratings over 50 clients in the records layout (as a
//       device in use does) and turns sync on: the time from "Turn sync on"
//       to "Last synced just now." + "Everything on this device is synced."
//       (creating the clinic key, PBKDF2, included; then everything pushed);
//   (b) first sync to an empty device: device B turns sync on with the same
//       passphrase: the time from its click on "Turn sync on" to the same
//       words, with the N ratings stored on B (counted, ids compared);
//       beside PouchDB's first sync of N records into an empty IndexedDB;
//   (c) one record's round trip device → server → device: with A and B
//       synced and both therapist pages open (B's on the settings screen,
//       untouched), A renames a client (one record, one save); A's save
//       starts its push; B's live pull (the changes feed's long-poll, see
//       src/domain/sync/live.rs) hears of it and starts B's run; the time
//       from A's click on Save until B has stored the new name. Beside
//       PouchDB's live round trip (B on a live pull).
//
// Standalone: node bench/sync-rows.mjs [N] [rounds] [anchorRounds]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCouch } from '../tests/browser/couch.mjs';
import { serve } from '../tests/browser/server.mjs';
import { envelope, recordsLayout, seedRecordsDb, STORED_RECORDS, units } from './data.mjs';
import { buildPouchPage, pouchAnchor } from './pouch-anchor.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASSPHRASE = 'otter lantern meadow 42';
const VIEWPORT = { width: 1000, height: 900 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock ms with sub-ms precision, comparable with a page's timeOrigin + now(). */
const nowAbs = () => performance.timeOrigin + performance.now();

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A device: a fresh context (its own storage), errors watched. */
async function device(browser, name, { seed, ...options } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  // A device in use: its records where the therapist page keeps them.
  if (seed) await seedRecordsDb(context, seed.origin, seed.entries);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: ${m.text()} ${m.location()?.url ?? ''}`);
  });
  return { name, context, page, errors };
}

/**
 * What the device stores: its records wherever they live (IndexedDB once
 * moved, else localStorage) and sync's notes (localStorage), in UTF-16
 * units (keys included), and counts by prefix.
 */
async function storageFigures(page) {
  const held = await page.evaluate(STORED_RECORDS);
  const records = [...held.idb, ...held.local];
  const notes = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.s.'))
    .map((k) => [k, localStorage.getItem(k)]));
  const ids = (prefix) => records.filter(([k]) => k.startsWith(prefix)).map(([k]) => k.slice(prefix.length));
  const ratingIds = ids('attune.r.m.').sort();
  return {
    units: units(records) + units(notes),
    ratings: ratingIds.length,
    clients: ids('attune.r.c.').length,
    notes: notes.length,
    records: records.length,
    ratingIds,
  };
}

/**
 * Resolves (in the page) to the absolute time at which the sync status says
 * the last run ended well with nothing waiting ("Last synced just now." and
 * "Everything on this device is synced.", no run under way), or to
 * { quota: true, trouble } when a run stopped before filling storage.
 * Other trouble is waited out (runs retry), up to `timeoutMs`.
 */
function syncedAt(page, timeoutMs) {
  return page.evaluate((timeoutMs) => new Promise((resolve) => {
    let done = false;
    const finish = (x) => {
      if (done) return;
      done = true;
      obs.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(x);
    };
    const check = () => {
      const s = document.querySelector('[data-testid="sync-status"]')?.textContent ?? '';
      const trouble = document.querySelector('[data-testid="sync-trouble"]')?.textContent ?? '';
      if (/Sync stopped before filling/.test(trouble)) return finish({ quota: true, trouble, at: performance.timeOrigin + performance.now() });
      if (s.includes('Last synced just now.') && s.includes('Everything on this device is synced.') && !s.includes('Syncing')) {
        finish({ at: performance.timeOrigin + performance.now() });
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const poll = setInterval(check, 50);
    const timer = setTimeout(() => {
      const alerts = [...document.querySelectorAll('[role="alert"], [data-testid="sync-status"]')].map((e) => e.textContent).join(' | ');
      finish({ timeout: true, trouble: alerts });
    }, timeoutMs);
    check();
  }), timeoutMs);
}

/** Fills the sync form on the settings screen and clicks "Turn sync on"; resolves to the click's absolute time. */
async function turnOn(page, origin, couch) {
  await page.goto(origin + '/therapist.html#/settings');
  await page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await page.getByLabel('CouchDB user name').fill(couch.user);
  await page.getByLabel('CouchDB password').fill(couch.password);
  await page.getByLabel('Clinic passphrase').fill(PASSPHRASE);
  await page.evaluate(() => {
    addEventListener('click', () => { window.__clickAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
  });
  await page.getByRole('button', { name: 'Turn sync on' }).click();
  return page.evaluate(() => window.__clickAt);
}

/** PBKDF2-HMAC-SHA256 with 600,000 iterations alone (what joining the clinic key derives), ms in the page. */
function pbkdf2Ms(page) {
  return page.evaluate(async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('otter lantern meadow 42'), 'PBKDF2', false, ['deriveBits']);
    const t0 = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 600000 }, key, 256);
    return performance.now() - t0;
  });
}

/**
 * Resolves once no request has reached the proxy for `quietMs` and every one
 * has its answer, but the live pull's long-polls, which stay open by design.
 */
async function settle(proxy, quietMs = 400, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let n = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const busy = proxy.log.some((e) => e.status === null && e.action === 'pass' && !e.url.includes('feed=longpoll'));
    if (proxy.log.length !== n || busy) { n = proxy.log.length; since = Date.now(); }
    if (Date.now() - since >= quietMs) return;
    await sleep(20);
  }
  throw new Error('sync requests never settled');
}

/** Waits (1 ms polling, in node) for a proxy log entry after `from` that `test` accepts and that has an answer; its time. */
async function proxySaw(proxy, from, test, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const e = proxy.log.slice(from).find((x) => test(x) && x.status !== null);
    if (e) return { at: nowAbs(), entry: e };
    if (Date.now() > end) throw new Error('the server never answered the push');
    await sleep(1);
  }
}

/**
 * One record's round trip: A renames client `id` from `from` to `to` on the
 * client list; B (on the settings screen, following the feed) is left
 * alone until it has stored the new name; resolves to the times.
 */
async function roundTrip(a, b, proxy, id, from, to) {
  // B watches its own storage for the new name: each commit to its
  // records database is told on the app's BroadcastChannel (delivered to
  // every other channel object of the origin, this one included); at each,
  // the record is read back, and the first commit holding the name counts.
  await b.page.evaluate(({ key, to }) => {
    window.__seenAt = null;
    const want = `"label":${JSON.stringify(to)}`;
    const channel = new BroadcastChannel('attune.records');
    channel.onmessage = () => {
      const at = performance.timeOrigin + performance.now();
      const open = indexedDB.open('attune');
      open.onsuccess = () => {
        const db = open.result;
        const q = db.transaction('records', 'readonly').objectStore('records').get(key);
        q.onsuccess = () => {
          db.close();
          if (window.__seenAt === null && (q.result ?? '').includes(want)) {
            window.__seenAt = at;
            channel.close();
          }
        };
      };
    };
  }, { key: `attune.r.c.${id}`, to });
  await a.page.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
  await a.page.getByLabel('New label').fill(to);
  await a.page.evaluate(() => {
    window.__saveAt = null;
    addEventListener('click', () => { window.__saveAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
  });
  const mark = proxy.log.length;
  await a.page.getByRole('button', { name: 'Save', exact: true }).click();
  const server = await proxySaw(proxy, mark, (e) => e.method === 'POST' && /\/_bulk_docs$/.test(e.path));
  if (server.entry.status !== 201) throw new Error(`A's push answered ${server.entry.status}`);
  // Nobody touches B: a live pull stores the name well within 10 s (a run
  // started otherwise, by the minute, would take up to 60).
  await b.page.waitForFunction(() => window.__seenAt !== null, null, { timeout: 10_000 });
  const seenAt = await b.page.evaluate(() => window.__seenAt);
  const saveAt = await a.page.evaluate(() => window.__saveAt);
  await a.page.getByRole('link', { name: `History of ${to}` }).waitFor();
  // Both runs over before the next round (B's ends with its status).
  const done = await syncedAt(b.page, 60_000);
  if (!done.at || done.quota) throw new Error(`B's live pull did not end well: ${JSON.stringify(done)}`);
  // Both runs over and both feeds out again before the next round.
  await settle(proxy);
  return { ms: seenAt - saveAt, push: server.at - saveAt, pull: seenAt - server.at };
}

/**
 * Runs the sync rows: N ratings over 50 clients, `rounds` Attune round trips,
 * PouchDB's anchor with the same N and `anchorRounds` round trips. Starts
 * and stops its own server. `dist`: the built app.
 */
export async function syncRows({ browser, dist, n, rounds, anchorRounds, clients = 50, log = () => {} }) {
  const couch = await startCouch();
  const servers = [];
  const devices = [];
  try {
    // The anchor first, in its own database (deleted when done).
    const pouchDir = await buildPouchPage(path.join(here, 'out/pouch-dist'));
    const pouchSrv = await serve(pouchDir, 0, { couch });
    servers.push(pouchSrv);
    const anchor = await pouchAnchor({
      browser, couch, origin: pouchSrv.origin, proxy: pouchSrv.proxy, n, rounds: anchorRounds, firstSyncRuns: 1,
      log: (m) => log(`pouchdb: ${m}`),
    });

    const app = await serve(dist, 0, { couch });
    servers.push(app);
    const { origin, proxy } = app;
    const env = envelope(n, { clients });
    const entries = recordsLayout(env);

    // (a) Device A, in use: its records seeded before the page opens.
    const a = await device(browser, 'A', { seed: { origin, entries } });
    devices.push(a);
    proxy.log.length = 0;
    const aClick = await turnOn(a.page, origin, couch);
    const aDone = await syncedAt(a.page, 15 * 60_000);
    if (!aDone.at || aDone.quota) throw new Error(`device A's first push did not end well: ${JSON.stringify(aDone)}`);
    const aRequests = proxy.log.length;
    const aStore = await storageFigures(a.page);
    const info = await couch.request(`/${couch.db}`);
    const onServer = info.json.doc_count;
    log(`A pushed ${n} ratings + ${clients} clients in ${(aDone.at - aClick).toFixed(0)} ms (${aRequests} requests, ${onServer} documents on the server)`);
    if (onServer < n + clients) throw new Error(`the server holds ${onServer} documents after A's push, not ${n + clients}+`);
    await settle(proxy);

    // (b) Device B, empty, joins with the passphrase and pulls everything.
    const b = await device(browser, 'B');
    devices.push(b);
    await b.page.goto(origin + '/therapist.html#/settings');
    const pbkdf2 = await pbkdf2Ms(b.page);
    proxy.log.length = 0;
    const bClick = await turnOn(b.page, origin, couch);
    const bDone = await syncedAt(b.page, 15 * 60_000);
    const bRequests = proxy.log.length;
    const bStore = await storageFigures(b.page);
    const first = {
      ms: bDone.at ? bDone.at - bClick : NaN,
      requests: bRequests,
      ratings: bStore.ratings,
      clients: bStore.clients,
      units: bStore.units,
      notes: bStore.notes,
      quota: !!bDone.quota,
      trouble: bDone.trouble ?? null,
      timeout: !!bDone.timeout,
    };
    log(`B's first sync: ${first.quota ? `stopped (quota) with ${bStore.ratings} ratings, ${bStore.units} units` : bDone.timeout ? `timed out (${bDone.trouble})` : `${first.ms.toFixed(0)} ms`} (${bRequests} requests, ${bStore.units} units)`);
    if (bDone.timeout) throw new Error(`device B's first sync did not end: ${bDone.trouble}`);
    const want = env.ratings.map((r) => r.id).sort();
    first.complete = bStore.ratings === n && bStore.clients === clients && want.every((id, i) => bStore.ratingIds[i] === id);
    if (!first.quota && !first.complete) {
      throw new Error(`B says it is synced but holds ${bStore.ratings} of ${n} ratings and ${bStore.clients} of ${clients} clients`);
    }

    // (c) Round trips, A renaming one client, B on its live pull.
    let trips = [];
    if (!first.quota) {
      await settle(proxy);
      await a.page.goto(origin + '/therapist.html#/clients');
      await a.page.locator('[data-testid="caseload"] tbody tr').first().waitFor();
      await settle(proxy); // the run that starts when the page opens
      const client = env.clients[0];
      let label = client.label;
      for (let i = 0; i < rounds; i++) {
        const to = `T${i + 1}`;
        trips.push(await roundTrip(a, b, proxy, client.id, label, to));
        label = to;
        log(`round trip ${i + 1}: ${trips.at(-1).ms.toFixed(0)} ms (push ${trips.at(-1).push.toFixed(0)}, pull ${trips.at(-1).pull.toFixed(0)})`);
      }
    }
    const errors = devices.flatMap((d) => d.errors);
    if (errors.length) throw new Error(`page errors during sync: ${errors.join('; ')}`);
    return {
      n,
      clients,
      pbkdf2,
      push: { ms: aDone.at - aClick, requests: aRequests, documents: onServer, units: aStore.units },
      first,
      roundTrip: {
        ms: median(trips.map((t) => t.ms)),
        push: median(trips.map((t) => t.push)),
        pull: median(trips.map((t) => t.pull)),
        runs: trips,
      },
      anchor,
      seedUnits: units(entries),
    };
  } finally {
    for (const d of devices) await d.context.close().catch(() => {});
    for (const s of servers) await new Promise((r) => s.server.close(r));
    await couch.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const n = Number(process.argv[2] ?? 1000);
  const rounds = Number(process.argv[3] ?? 3);
  const anchorRounds = Number(process.argv[4] ?? 3);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const dist = path.resolve(process.env.ATTUNE_DIST ?? path.join(here, '../dist'));
    const r = await syncRows({ browser, dist, n, rounds, anchorRounds, log: (m) => console.error(`[sync] ${m}`) });
    console.log(JSON.stringify(r, (k, v) => (k === 'ratingIds' ? undefined : typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v), 2));
  } finally {
    await browser.close();
  }
}
