#!/usr/bin/env node
// The anchor for Attune's sync benchmark rows: the same records replicated by
// PouchDB (npm pouchdb-browser, pinned in bench/package.json), the browser
// side of CouchDB replication, in the same headless Chromium against the same
// server (pouchdb-server, tests/browser/couch.mjs) behind the same-origin
// /couchdb/ proxy (tests/browser/server.mjs), under a CSP like Attune's.
//
//   const couch = await startCouch();
//   const page = await buildPouchPage(path.join(OUT, 'pouch-dist'));
//   const { server, origin, proxy } = await serve(page, 0, { couch });
//   const figures = await pouchAnchor({ browser, couch, origin, proxy, n: 10_000 });
//
// or, standalone: node bench/pouch-anchor.mjs [N] [rounds] [firstSyncRuns]
//
// (a) first sync: N ~300-byte ciphertext-shaped records seeded on the server
//     (by _bulk_docs from node) replicated into an empty IndexedDB PouchDB,
//     wall time in the page, PouchDB's default options;
// (b) round trip: PouchDB A (live push) writes one record, PouchDB B (live
//     pull, holding the N records) sees it in its changes feed; time from the
//     write to B's change event, `rounds` times, median reported.
import { build } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const POUCHDB_VERSION = JSON.parse(fs.readFileSync(require.resolve('pouchdb-browser/package.json'), 'utf8')).version;

/**
 * Builds the anchor page into `out` (emptied first): index.html and
 * pouchdb.min.js (bench/pouch/main.js + pouchdb-browser, bundled and
 * minified by esbuild, well under a second). Returns `out`.
 */
export async function buildPouchPage(out = path.join(here, 'out/pouch-dist')) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'pouch/main.js')],
    outfile: path.join(out, 'pouchdb.min.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'error',
    // pouchdb-browser imports Node's 'events': with platform 'browser' that
    // resolves to the npm `events` package (pinned in bench/package.json).
  });
  fs.copyFileSync(path.join(here, 'pouch/index.html'), path.join(out, 'index.html'));
  return out;
}

/** One record as Attune stores it on the server: ids, type, time, ciphertext. */
export function record(i, at) {
  return {
    _id: `rating:${String(i).padStart(6, '0')}-${crypto.randomBytes(4).toString('hex')}`,
    type: 'rating',
    at,
    ct: crypto.randomBytes(225).toString('base64'), // 300 characters
    iv: crypto.randomBytes(12).toString('base64'), // 16 characters, a 96-bit IV
  };
}

/**
 * Creates a fresh database on `couch` (same members-only _security) and
 * writes `n` records into it with _bulk_docs, `chunk` at a time. Returns
 * the database name.
 */
export async function seedCouch(couch, n, { chunk = 1000, db } = {}) {
  const name = await couch.newDb(db);
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i += chunk) {
    const docs = [];
    for (let j = i; j < Math.min(n, i + chunk); j++) docs.push(record(j, start + j * 3_600_000));
    const r = await couch.request(`/${name}/_bulk_docs`, { method: 'POST', json: { docs } });
    if (r.status !== 201 || r.json.some((x) => !x.ok)) throw new Error(`seeding ${name}: ${r.status} ${r.text.slice(0, 300)}`);
  }
  const info = await couch.request(`/${name}`);
  if (info.json.doc_count !== n) throw new Error(`seeded ${info.json.doc_count} of ${n}`);
  return name;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs both measurements. `browser`: a playwright Chromium; `couch`: from
 * startCouch() (the caller starts and stops it); `origin`: serving
 * buildPouchPage()'s directory with `{ couch }` so /couchdb/ reaches it;
 * `proxy` (optional): that server's proxy, to count the requests of each part.
 * `n` records (10,000), `rounds` round trips (15), `firstSyncRuns` fresh
 * first syncs (1), each in a fresh browser context (empty IndexedDB).
 *
 * Resolves to { pouchdb, adapter, n, recordBytes, firstSync: { ms, runs,
 * requests }, roundTrip: { ms (median), p90, min, max, runs, requests } }.
 */
export async function pouchAnchor({ browser, couch, origin, proxy, n = 10_000, rounds = 15, firstSyncRuns = 1, log = () => {} }) {
  const t = Date.now();
  const db = await seedCouch(couch, n);
  log(`seeded ${n} records in ${Date.now() - t} ms`);
  const auth = { username: couch.user, password: couch.password };

  const first = [];
  let firstRequests = null;
  let adapter = null;
  let roundTimes = null;
  let roundRequests = null;
  for (let run = 0; run < firstSyncRuns; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const url = m.location()?.url ?? '';
        // PouchDB reads replication checkpoints that do not exist yet: 404s
        // it expects, which Chromium logs all the same.
        if (/status of 404/.test(m.text()) && /\/couchdb\/[^/]+\/_local\//.test(url)) return;
        errors.push(`${m.text()} ${url}`);
      });
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => window.anchor);
      const local = `anchor-${run}`;
      const before = proxy?.log.length ?? 0;
      const r = await page.evaluate((o) => window.anchor.firstSync(o), { db, auth, local });
      if (!r.ok || r.docCount !== n || r.docsWritten !== n || r.errors) throw new Error(`PouchDB first sync incomplete: ${JSON.stringify(r)}`);
      if (proxy) firstRequests = proxy.log.length - before;
      adapter = r.adapter;
      first.push(r.ms);
      log(`first sync ${run + 1}: ${r.ms.toFixed(0)} ms (${r.docsWritten} docs, ${r.adapter})`);
      if (run === firstSyncRuns - 1) {
        // The round trips run on the device that just synced (B holds the N
        // records), after the last first sync (they add records to the server).
        const mark = proxy?.log.length ?? 0;
        roundTimes = await page.evaluate((o) => window.anchor.roundTrips(o), { db, auth, local, rounds });
        if (proxy) roundRequests = (proxy.log.length - mark) / rounds;
        log(`round trips: ${roundTimes.map((x) => x.toFixed(0)).join(' ')} ms`);
      }
      const csp = await page.evaluate(() => window.__csp);
      if (csp.length || errors.length) throw new Error(`PouchDB page: CSP ${JSON.stringify(csp)} errors ${JSON.stringify(errors)}`);
    } finally {
      await context.close();
    }
  }
  await couch.request(`/${db}`, { method: 'DELETE' });
  const sorted = [...roundTimes].sort((a, b) => a - b);
  return {
    pouchdb: POUCHDB_VERSION,
    adapter,
    n,
    recordBytes: JSON.stringify(record(0, 0)).length,
    firstSync: { ms: median(first), runs: first, requests: firstRequests },
    roundTrip: {
      ms: median(roundTimes),
      p90: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)],
      min: sorted[0],
      max: sorted.at(-1),
      runs: roundTimes,
      // Per round trip, both replications' requests (the live pull's long
      // poll included), when a proxy was given.
      requests: roundRequests,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { startCouch } = await import('../tests/browser/couch.mjs');
  const { serve } = await import('../tests/browser/server.mjs');
  const n = Number(process.argv[2] ?? 10_000);
  const rounds = Number(process.argv[3] ?? 15);
  const firstSyncRuns = Number(process.argv[4] ?? 1);
  const couch = await startCouch();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  let server;
  try {
    const dir = await buildPouchPage();
    const s = await serve(dir, 0, { couch });
    server = s.server;
    const figures = await pouchAnchor({ browser, couch, origin: s.origin, proxy: s.proxy, n, rounds, firstSyncRuns, log: (m) => console.error(`[pouch-anchor] ${m}`) });
    console.log(JSON.stringify(figures, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v), 2));
  } finally {
    await browser.close();
    if (server) await new Promise((r) => server.close(r));
    await couch.stop();
  }
}
