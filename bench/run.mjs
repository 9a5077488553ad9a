#!/usr/bin/env node
// Attune's benchmark: one command (`node bench/run.mjs`, or `--quick`) that
// builds what it needs, serves it on 127.0.0.1, drives Debian's headless
// Chromium and prints one table. Every figure sits next to a baseline measured
// in the same run, on the same machine, so the ratio means something even
// where the absolute numbers do not travel:
//
//   size      first-load files raw / gzip -9 / brotli -11    vs a minimal Leptos 0.8 counter
//                                                            and the jsPsych peer
//   start-up  navigation start → "attune-ready" mark, 1× / 4× CPU  vs the same counter
//                                                            and the jsPsych peer
//   drag      pointermove handling and event → next frame, mouse / touch
//                                                            vs one plain-JS line
//   history   at 1,000 and 10,000 ratings stored as records in IndexedDB (one
//             entry per record, the steady state of a device in use): cold start,
//             open a client, the caseload, save a rating; the therapist page's
//             start-up; one save on the therapist page (rename a client)
//                                                            vs JSON + localStorage alone,
//                                                            one plain setItem of the record,
//                                                            the therapist page with empty storage
//             the one-time moves: from records in localStorage (the previous
//             release) and from the old single document ("attune.data")
//                                                            vs the same data already in IndexedDB
//   capacity  100,000 ratings in IndexedDB: the therapist page's start-up
//                                                            vs the page with empty storage
//   memory    JS heap and wasm linear memory                 vs the counter
//   sync      (bench/sync-rows.mjs) first push of a device in use, first sync
//             to an empty device, one record's round trip device → server →
//             device, through pouchdb-server 4.2.0 (in memory, started and
//             stopped by the bench) behind the same-origin /couchdb/ proxy
//                                                            vs PouchDB (bench/pouch-anchor.mjs)
//   lighthouse Performance, Accessibility, Best Practices, FCP / LCP / TBT / CLS
//             (mobile and desktop presets), files served brotli-compressed
//
// The jsPsych peer (bench/jspsych) is the same job done with the npm packages
// jspsych and @jspsych-contrib/plugin-html-vas-response: four visual-analog
// lines, one html-vas-response trial per line. bench/jspsych/build.mjs bundles
// it with esbuild into bench/out/jspsych-dist at every run (under a second).
//
// The performance goals are printed beside the figures (met / missed), never
// asserted.
//
// It asserts no timing: it fails only when something crashes or the page is
// not what it measures (e.g. the seeded store is refused). Results go to
// stdout, to <dist>/bench.md and to bench/out/results.json.
//
// Flags: --quick (few iterations, every row still filled), --profile (add a
// CPU profile of opening the largest history and saving, with wasm function
// names from an un-wasm-opt'd copy of the same release build),
// --no-build (use the builds on disk; the jsPsych page, bundled by esbuild in
// under a second, is rebuilt anyway), --no-lighthouse.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/browser/server.mjs';
import { measure, fullModule } from '../tests/browser/size.mjs';
import { envelope, largestClient, recordsLayout, seedRecordsDb, seedStorage, sessionsEnvelope, STORED_RECORDS, units } from './data.mjs';
import { syncRows } from './sync-rows.mjs';
import { caseloadRows } from './caseload-rows.mjs';
import { POUCHDB_VERSION } from './pouch-anchor.mjs';
import { byCrate } from './wasm-sizes.mjs';
import { buildJsPsych } from './jspsych/build.mjs';
import { serveCompressed } from './serve-compressed.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const PROFILE = args.includes('--profile');
const BUILD = !args.includes('--no-build');
const LIGHTHOUSE = !args.includes('--no-lighthouse');
const DIST = path.resolve(process.env.ATTUNE_DIST ?? path.join(ROOT, 'dist'));
const OUT = path.join(here, 'out');
const COUNTER_DIR = path.join(here, 'counter');
const COUNTER_DIST = path.join(OUT, 'counter-dist'); // set in bench/counter/Trunk.toml
const VANILLA_DIR = path.join(here, 'vanilla');
const JSPSYCH_DIST = path.join(OUT, 'jspsych-dist'); // built by bench/jspsych/build.mjs
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The same flags as tests/browser/harness.mjs.
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];
const VIEWPORT = { width: 1000, height: 900 };

/** Repetitions per measurement. Quick mode keeps every row, with fewer samples. */
const RUNS = QUICK
  ? { startup: 3, startup4: 2, drag: 1, history: 2, storage: 3, lighthouse: 1 }
  : { startup: 15, startup4: 7, drag: 5, history: 7, storage: 15, lighthouse: 3 };
const DRAG_STEPS = 200;
const HISTORY_SIZES = [1000, 10000];
const CLIENTS = 50;
/**
 * The sync rows (bench/sync-rows.mjs): ratings on the devices, Attune's
 * round trips, PouchDB's round trips. Quick mode syncs 1,000 ratings (its
 * rows say so); the full run the issue's 10,000.
 */
const SYNC = QUICK ? { n: 1000, rounds: 3, anchorRounds: 3 } : { n: 10000, rounds: 7, anchorRounds: 15 };
/** The sync-by-caseload rows (bench/caseload-rows.mjs): ratings per caseload, caseloads a lead joins. */
const CASELOADS = QUICK ? { n: 500, k: 2 } : { n: 2000, k: 5 };
/** Chromium's localStorage quota per origin, in UTF-16 units (keys included). */
const QUOTA_UNITS = 5 * 1024 * 1024;

/** The performance goals, printed beside the figures (never asserted). */
const GOALS = {
  firstLoadBrotli: 90 * 1024, // bytes
  startupVsCounter: 1.5, // at 1× and 4× CPU
  startupVsJsPsych4x: 1, // Attune faster than the jsPsych peer at 4× CPU
  therapistVsEmpty: 1.5, // therapist page start-up with 10,000 ratings vs empty storage
  lighthouseMobile: 98, // Performance
  cls: 0,
};
/** The size test's budget, read from tests/browser/size.mjs so the two cannot disagree. */
const SIZE_BUDGET = Number(fs.readFileSync(path.join(ROOT, 'tests/browser/size.mjs'), 'utf8')
  .match(/const BUDGET = (\d+) \* 1024/)?.[1] ?? NaN) * 1024;

const wallStart = Date.now();
const loadAtStart = os.loadavg()[0];
const log = (...m) => console.error(`[bench +${((Date.now() - wallStart) / 1000).toFixed(0)} s]`, ...m);

// ---------- statistics ----------

const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
/** Median (mean of the middle two for an even count). */
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile: with few samples p95 is simply the largest. */
function pct(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const p95 = (xs) => pct(xs, 0.95);

// ---------- building ----------

function toolEnv() {
  const extra = [path.join(os.homedir(), '.cargo/bin'), path.join(ROOT, 'scripts/tools/node_modules/.bin')];
  return { ...process.env, PATH: [...extra, process.env.PATH].join(path.delimiter) };
}

/** Runs a build step quietly; on failure shows its output and stops the run. */
function run(label, cmd, argv, cwd) {
  log(label);
  const r = spawnSync(cmd, argv, { cwd, env: toolEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${label.replace(/\W+/g, '-')}.log`), `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0) {
    console.error((r.stdout ?? '') + (r.stderr ?? '') || String(r.error));
    throw new Error(`${label} failed (exit ${r.status})`);
  }
}

function build() {
  const hasApp = fs.existsSync(path.join(DIST, 'index.html'));
  // Quick mode runs inside scripts/test.sh right after its release build.
  if (BUILD && (!QUICK || !hasApp)) run('build-attune', 'bash', ['scripts/build.sh'], ROOT);
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}`);
  // The counter is cheap to rebuild once compiled; build it every run with the same trunk.
  if (BUILD || !fs.existsSync(path.join(COUNTER_DIST, 'index.html'))) {
    run('build-counter', 'trunk', ['build', '--offline', '--release'], COUNTER_DIR);
  }
}

/**
 * For --profile: the same release build without wasm-opt's final pass, so the
 * wasm keeps its name section and a CPU profile names Rust functions. Built
 * from the .wasm cargo already produced for `trunk build`.
 */
function buildNamed() {
  const dir = path.join(OUT, 'profile-dist');
  fs.rmSync(dir, { recursive: true, force: true });
  // Both pages: the form (its first module, bin "attune", and the full one,
  // bin "form", both named in index.html's loader) and the therapist page.
  for (const [bin, page] of [['attune', 'index.html'], ['form', 'index.html'], ['therapist', 'therapist.html']]) {
    const raw = path.join(ROOT, `target/wasm32-unknown-unknown/release/${bin}.wasm`);
    if (!fs.existsSync(raw)) continue;
    run(`build-named-${bin}`, 'wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', dir, '--out-name', `${bin}-named`, raw], ROOT);
    const written = path.join(dir, page);
    let html = fs.readFileSync(fs.existsSync(written) ? written : path.join(DIST, page), 'utf8');
    html = html.replace(/ integrity="[^"]*"/g, '')
      .replace(new RegExp(`/${bin}-[0-9a-f]+\\.js`, 'g'), `/${bin}-named.js`)
      .replace(new RegExp(`/${bin}-[0-9a-f]+_bg\\.wasm`, 'g'), `/${bin}-named_bg.wasm`);
    fs.writeFileSync(path.join(dir, page), html);
  }
  for (const f of fs.readdirSync(DIST)) if (/\.(css|svg|webmanifest|png)$/.test(f)) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  // The loaders changed, so their CSP hashes must be recomputed (and sw.js rewritten).
  run('build-named-csp', 'node', ['scripts/postbuild.mjs', dir], ROOT);
  return dir;
}

// ---------- serving ----------

/**
 * Serves `root` with tests/browser/server.mjs, plus (for the Playwright
 * measurements) COOP/COEP headers: a cross-origin-isolated page gets a 5 µs
 * performance.now() instead of 100 µs, which the sub-millisecond drag figures
 * need. Every page in the comparison (Attune, the counter, the plain-JS line,
 * the jsPsych peer) is served the same way, uncompressed: on loopback the
 * transfer costs next to nothing either way. Lighthouse, whose simulated
 * network does charge for bytes, gets serve-compressed.mjs, as a static host
 * would serve Attune.
 */
async function serveBench(root, isolated = true) {
  const s = await serve(root);
  if (isolated) {
    s.server.prependListener('request', (_req, res) => {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    });
  }
  return s;
}

// ---------- page helpers ----------

/** A fresh context (empty profile, cold cache) and page, with a CDP session. */
async function fresh(browser, { seed, ...options } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  if (seed?.idb) await seedRecordsDb(context, seed.origin, seed.entries);
  else if (seed) await seedStorage(context, seed.origin, seed.entries);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, errors };
}

/** Resolves to the start time of the "attune-ready" mark (ms after navigation start). */
function readyMark(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const get = () => performance.getEntriesByName('attune-ready')[0];
    if (get()) return resolve(get().startTime);
    const obs = new PerformanceObserver(() => { if (get()) { obs.disconnect(); resolve(get().startTime); } });
    obs.observe({ type: 'mark' });
    setTimeout(() => reject(new Error('no "attune-ready" mark within 60 s')), 60000);
  }));
}

/** Live JS heap after a full GC (CDP), and wasm linear memory when the page exposes it. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
  return { heap: heap.usedSize, wasm };
}

// Trunk's loader dispatches "TrunkApplicationStarted" with the wasm-bindgen
// init result (the instance's exports, including `memory`); keep a reference.
const CAPTURE_WASM = () => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail?.wasm; });
};

// ---------- 1. size ----------

function sizes() {
  const app = measure(DIST);
  const counter = measure(COUNTER_DIST);
  const jspsych = measure(JSPSYCH_DIST);
  // The form's own module (attune-<hash>_bg.wasm), the counter's only one.
  const functions = (dir, files) => {
    const wasm = files.find((f) => /^attune-.*_bg\.wasm$/.test(f.file)) ?? files.find((f) => f.file.endsWith('.wasm'));
    return wasm ? wasmFunctionCount(path.join(dir, wasm.file)) : null;
  };
  // The full form module (form-*), which the first one hands the page to.
  const full = fullModule(DIST);
  return { app, counter, jspsych, full, functions: { app: functions(DIST, app), counter: functions(COUNTER_DIST, counter), full: functions(DIST, full) } };
}

/** The form's first wasm module may hold at most this many raw bytes (the compile follows them). */
const FIRST_MODULE_RAW_GOAL = 200 * 1024;

// ---------- 2. start-up ----------

/**
 * One cold load to the "attune-ready" mark (ms after navigation start). Each
 * page sets it the same way: once its input is on screen and takes input
 * (Attune: the rating screen's mount effect; the counter: its mount effect;
 * jsPsych: the first trial's on_load, after the plugin drew its line and
 * attached its listeners). `expect` is a selector the page must then hold, so
 * a page that marks without its lines fails the run instead of timing it.
 */
async function startupOnce(browser, { origin, expect, worker = false }, rate) {
  const { context, page, cdp, errors } = await fresh(browser);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(origin + '/');
  const cold = await readyMark(page);
  const found = await page.evaluate((sel) => document.querySelectorAll(sel).length, expect);
  const arrived = await page.evaluate(CODE_ARRIVED);
  // The page parsed (DOMContentLoaded's end): before it the HTML, the
  // stylesheet, the first layout; after it what the page's code does.
  const parsed = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null);
  // Warm: the same tab reloaded, its HTTP cache, service worker (Attune's
  // precaches every file) and the engine's code cache as a second visit
  // finds them. A page with a service worker (`worker`) may still be
  // installing it after the first load; a warm start is one it serves, so
  // wait for it to be active (`ready` never settles on a page without one).
  if (worker) await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  const warm = await readyMark(page);
  const warmParsed = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null);
  await context.close();
  if (errors.length) throw new Error(`page errors at ${origin}: ${errors.join('; ')}`);
  if (!found) throw new Error(`${origin} marked "attune-ready" with no ${expect} on the page`);
  return { cold, arrive: arrived === null ? null : cold - arrived, parsed, warm, warmParsed };
}

/**
 * When the page's main code arrived (ms after navigation start): the wasm's
 * responseEnd for Attune and the counter, the largest script's for the
 * jsPsych page (its whole app is one bundle); `null` when neither is found.
 */
const CODE_ARRIVED = () => {
  const res = performance.getEntriesByType('resource');
  // Attune's first module: the full form module (form-*_bg.wasm) is fetched
  // ahead once the lines are ready, so it is never the one waited for.
  const wasm = res.filter((e) => e.name.endsWith('.wasm') && !/\/form-[0-9a-f]+_bg\.wasm$/.test(e.name));
  const code = wasm.length ? wasm : res.filter((e) => e.initiatorType === 'script');
  if (!code.length) return null;
  return code.reduce((a, b) => ((b.encodedBodySize > a.encodedBodySize) ? b : a)).responseEnd;
};

/**
 * `pages`: { name: { origin, expect } }, measured interleaved at 1× and 4× CPU.
 * Per rate: each page's cold start-ups (an array of ms, as the rows read
 * them), and beside them `arrive` (main code arrived → ready) and `warm`
 * (a reload with everything cached), by page.
 */
async function startup(browser, pages) {
  const out = {};
  const names = Object.keys(pages);
  for (const [rate, n] of [[1, RUNS.startup], [4, RUNS.startup4]]) {
    const r = Object.fromEntries(names.map((k) => [k, []]));
    r.arrive = Object.fromEntries(names.map((k) => [k, []]));
    r.parsed = Object.fromEntries(names.map((k) => [k, []]));
    r.warm = Object.fromEntries(names.map((k) => [k, []]));
    r.warmParsed = Object.fromEntries(names.map((k) => [k, []]));
    // Warm the OS file cache and Chromium's process pool.
    for (const k of names) await startupOnce(browser, pages[k], rate);
    for (let i = 0; i < n; i++) { // interleaved, so drift hits all alike
      for (const k of names) {
        const one = await startupOnce(browser, pages[k], rate);
        r[k].push(one.cold);
        if (one.arrive !== null) r.arrive[k].push(one.arrive);
        if (one.parsed !== null) r.parsed[k].push(one.parsed);
        r.warm[k].push(one.warm);
        if (one.warmParsed !== null) r.warmParsed[k].push(one.warmParsed);
      }
    }
    out[rate] = r;
    log(`start-up ${rate}x: ${names.map((k) => `${k} ${median(r[k]).toFixed(1)} ms (warm ${median(r.warm[k]).toFixed(1)})`).join(', ')}`);
  }
  return out;
}

/**
 * A wasm module's defined functions (its function section's count): with
 * the raw bytes, what the engine's compile time follows.
 */
function wasmFunctionCount(file) {
  const b = fs.readFileSync(file);
  let i = 8; // magic and version
  const leb = () => {
    let v = 0; let shift = 0; let byte;
    do { byte = b[i++]; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return v;
  };
  while (i < b.length) {
    const id = b[i++];
    const size = leb();
    if (id === 3) return leb();
    i += size;
  }
  return 0;
}

// ---------- 3. drag ----------

// Brackets the app's pointermove work without touching the app: a window
// capture-phase listener runs before the line's own handler (Leptos attaches
// `on:pointermove` to the element itself; event delegation is a non-default
// Leptos feature Attune does not enable), a document bubble-phase listener
// after it. Leptos applies signal changes in microtasks, which run when the
// line's listener returns, so the DOM and draft updates land inside the bracket
// too; `changed` records whether aria-valuenow moved inside it.
const DRAG_PROBE = () => {
  const b = (window.__bench = { on: false, moves: [], longtasks: [], t0: 0, t1: 0 });
  let start = NaN;
  let before = null;
  addEventListener('pointermove', (e) => {
    start = performance.now();
    before = e.target?.getAttribute?.('aria-valuenow') ?? null;
  }, { capture: true });
  document.addEventListener('pointermove', (e) => {
    const end = performance.now();
    if (!b.on) return;
    const s = start;
    const changed = (e.target?.getAttribute?.('aria-valuenow') ?? null) !== before;
    const ts = e.timeStamp;
    requestAnimationFrame(() => {
      b.moves.push({ handler: end - s, frame: performance.now() - ts, changed });
    });
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function dragOnce(browser, origin, kind) {
  const { context, page, cdp, errors } = await fresh(browser, kind === 'touch' ? { hasTouch: true } : {});
  await context.addInitScript(DRAG_PROBE);
  await page.goto(origin + '/');
  await readyMark(page);
  if (!(await page.evaluate(() => self.crossOriginIsolated))) throw new Error(`${origin} is not cross-origin isolated`);
  const line = page.getByRole('slider').first();
  const box = await line.boundingBox();
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.02;
  const x1 = box.x + box.width * 0.98;
  const at = (i) => x0 + ((x1 - x0) * i) / DRAG_STEPS;
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
  });
  if (kind === 'mouse') { await page.mouse.move(x0, y); await page.mouse.down(); } else await touch('touchStart', x0);
  await page.evaluate(() => { window.__bench.on = true; window.__bench.t0 = performance.now(); });
  for (let i = 1; i <= DRAG_STEPS; i++) {
    if (kind === 'mouse') await page.mouse.move(at(i), y); else await touch('touchMove', at(i));
  }
  // Let the last events' animation frames run before reading the samples.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => { window.__bench.on = false; window.__bench.t1 = performance.now(); });
  if (kind === 'mouse') await page.mouse.up(); else await touch('touchEnd');
  const b = await page.evaluate(() => window.__bench);
  const value = await line.getAttribute('aria-valuenow');
  await context.close();
  if (errors.length) throw new Error(`page errors at ${origin}: ${errors.join('; ')}`);
  if (!b.moves.length) throw new Error(`no pointermove reached the ${kind} probe at ${origin}`);
  if (!b.moves.some((m) => m.changed)) throw new Error(`the line at ${origin} never changed during a ${kind} drag`);
  return {
    moves: b.moves,
    longtasks: b.longtasks.filter((t) => t.start + t.duration >= b.t0 && t.start <= b.t1).length,
    value,
  };
}

async function drag(browser, appOrigin, vanillaOrigin) {
  const out = {};
  for (const kind of ['mouse', 'touch']) {
    const r = { app: { moves: [], longtasks: 0, values: [] }, vanilla: { moves: [], longtasks: 0, values: [] } };
    for (let i = 0; i < RUNS.drag; i++) {
      for (const [who, origin] of [['app', appOrigin], ['vanilla', vanillaOrigin]]) {
        const d = await dragOnce(browser, origin, kind);
        r[who].moves.push(...d.moves);
        r[who].longtasks += d.longtasks;
        r[who].values.push(d.value);
      }
    }
    out[kind] = r;
    log(`drag ${kind}: attune p95 ${p95(r.app.moves.map((m) => m.handler)).toFixed(2)} ms in handler, `
      + `vanilla ${p95(r.vanilla.moves.map((m) => m.handler)).toFixed(2)} ms`);
  }
  return out;
}

// ---------- 4 + 5. history scale and memory ----------

/**
 * Options for `fresh`: the context on `origin` starts with `entries`
 * ([key, text] pairs), written and checked before the context's first
 * timed page opens, so no timed load pays for the seeding. Records
 * (`recordsLayout`) go where a device in use holds them, IndexedDB
 * (`seedRecordsDb`, as the app's own move leaves them), unless `local`
 * (localStorage, as a device of the previous release holds them: the
 * one-time move's row); the old single document (`attune.data`) goes to
 * localStorage (`seedStorage`).
 */
const seeded = (origin, entries, { local = false } = {}) => ({
  seed: { origin, entries, idb: !local && entries.some(([k]) => k.startsWith('attune.r.')) },
});

/**
 * On the therapist page: window.__readyAt = ms after navigation start at
 * which the client list is on screen with `rows` rows (0: the empty list's
 * "No client matches."), plus the next frame. The therapist page sets no
 * mark of its own; this is the screen it opens on (#/clients).
 */
const THERAPIST_READY = ({ rows }) => {
  const check = () => {
    if (window.__readyAt !== undefined) return;
    const ok = rows > 0
      ? document.querySelectorAll('[data-testid="caseload"] tbody tr').length >= rows
      : document.querySelector('[data-testid="caseload-empty"]') !== null;
    if (!ok) return;
    window.__readyAt = null;
    obs.disconnect();
    requestAnimationFrame(() => { window.__readyAt = performance.now(); });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
};

/**
 * On every page of a bench context: the moment the review's total first shows
 * (plus the next frame), as an absolute time, so "Done → review" can be timed
 * across the switch from the form page to the therapist page.
 */
const WATCH_TOTAL = () => {
  const check = () => {
    const el = document.querySelector('[data-testid="total"]');
    if (el && el.getBoundingClientRect().height > 0 && !window.__totalShownAt) {
      window.__totalShownAt = -1;
      requestAnimationFrame(() => { window.__totalShownAt = performance.timeOrigin + performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
};

/**
 * ms from setting location.hash to the table and chart both present, plus the
 * next frame; null if never. Runs on the therapist page, already loaded (the
 * in-app step a therapist takes from the client list).
 */
async function openClient(page, origin, id) {
  await gotoTherapist(page, origin);
  return openClientHash(page, id);
}

/** Loads the therapist page on the client list. */
async function gotoTherapist(page, origin) {
  await page.goto(origin + '/therapist.html#/clients');
  await page.locator('[data-testid="caseload"]').waitFor();
}

/**
 * ms from setting location.hash to `hash` to every one of `selectors` in the
 * page, plus the next frame (null after 10 s).
 */
function timeHash(page, hash, selectors) {
  return page.evaluate(([hash, selectors]) => new Promise((resolve) => {
    const ready = () => selectors.every((sel) => document.querySelector(sel));
    let t0 = 0;
    let done = false;
    const finish = () => {
      if (done || !ready()) return;
      done = true;
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    };
    const obs = new MutationObserver(finish);
    obs.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => { if (!done) { done = true; obs.disconnect(); resolve(null); } }, 10000);
    t0 = performance.now();
    location.hash = hash;
  }), [hash, selectors]);
}

/** The in-page step of `openClient`: the client's table and chart. */
function openClientHash(page, id) {
  return timeHash(page, '#/client/' + id, ['[data-testid="history-table"]', '[data-testid="trend-chart"]']);
}

/** The caseload (the therapist page's home), from a client's page. */
function openCaseloadHash(page) {
  return timeHash(page, '#/clients', ['[data-testid="caseload"] tbody tr']);
}

/** The outcomes report (every episode of every client, by age group), from the client list. */
function openOutcomesHash(page) {
  return timeHash(page, '#/outcomes', ['[data-testid="outcomes-table"] tbody tr']);
}

/** Opens the rating screen (the form page) and rates all four lines by tapping, ready for Done. */
async function rateAll(page, origin) {
  await page.goto(origin + '/');
  const lines = page.getByRole('slider');
  await lines.first().waitFor();
  const n = await lines.count();
  for (let i = 0; i < n; i++) {
    const box = await lines.nth(i).boundingBox();
    await page.mouse.click(box.x + box.width * (0.55 + 0.1 * i), box.y + box.height / 2);
  }
}

/**
 * Times a real click on Done → the thank-you on screen (+ next frame): the
 * save the client waits for, which writes the rating as one record. Reads
 * the "attune-save" measure (that storage write). Then times the therapist's
 * "open the review" click → the review's total on the therapist page (+ next
 * frame): the page switch, and the record taken into the whole document.
 */
async function clickDone(page) {
  // Armed before the click: CDP input and page evaluation are separate channels.
  await page.evaluate(() => {
    addEventListener('click', () => { window.__doneAt = performance.now(); }, { capture: true, once: true });
  });
  await page.getByRole('button', { name: 'Done' }).click();
  try {
    await page.getByTestId('thanks').waitFor({ timeout: 10000 });
  } catch {
    return null;
  }
  const done = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => {
    const m = performance.getEntriesByName('attune-save', 'measure').at(-1);
    resolve({ ms: performance.now() - window.__doneAt, write: m ? m.duration : null });
  })));
  await page.evaluate(() => {
    addEventListener('click', () => {
      sessionStorage.setItem('bench.t0', String(performance.timeOrigin + performance.now()));
    }, { capture: true, once: true });
  });
  await page.getByRole('button', { name: /review/i }).click();
  try {
    await page.waitForURL(/therapist\.html#\/review\//, { timeout: 10000 });
    await page.waitForFunction(() => window.__totalShownAt > 0, null, { timeout: 10000 });
  } catch {
    return null;
  }
  const review = await page.evaluate(() => window.__totalShownAt - Number(sessionStorage.getItem('bench.t0')));
  return { ...done, review };
}

/**
 * One save on the therapist page, as a therapist makes it: on the client
 * list (already open), "Rename <from>", "New label" = `to`, a real click on
 * Save. Resolves to the "attune-save" measure of that save (the changed
 * record and the meta entry written and verified), the time from the click
 * to the new name on screen (+ next frame), and the client record's stored
 * text after the save (for the plain setItem beside it).
 */
async function renameOnce(page, id, from, to) {
  await page.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
  await page.getByLabel('New label').fill(to);
  await page.evaluate(() => {
    window.__saves = performance.getEntriesByName('attune-save', 'measure').length;
    addEventListener('click', () => { window.__saveAt = performance.now(); }, { capture: true, once: true });
    // The app tells its other tabs on this channel once a save's
    // transaction has committed; a second channel object here hears it too.
    window.__committedAt = null;
    const channel = new BroadcastChannel('attune.records');
    channel.onmessage = () => {
      if (window.__committedAt === null) window.__committedAt = performance.now();
      channel.close();
    };
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('link', { name: `History of ${to}`, exact: true }).waitFor({ timeout: 10000 });
  await page.waitForFunction(() => window.__committedAt !== null, null, { timeout: 10000 });
  return page.evaluate((key) => new Promise((resolve) => requestAnimationFrame(() => {
    const ms = performance.now() - window.__saveAt;
    const all = performance.getEntriesByName('attune-save', 'measure');
    // Exactly one save for one edit; anything else is not what this row measures.
    resolve({ ms, commit: window.__committedAt - window.__saveAt, write: all.length === window.__saves + 1 ? all.at(-1).duration : null, saves: all.length - window.__saves });
  }))).then(async (r) => ({ ...r, text: await storedText(page, `attune.r.c.${id}`, to) }));
}

/**
 * The stored text of record `key` once it holds `want` (a save on
 * IndexedDB is committed a moment after it is made), or what it holds
 * after 10 s.
 */
async function storedText(page, key, want) {
  const end = Date.now() + 10_000;
  for (;;) {
    const held = await page.evaluate(STORED_RECORDS);
    const text = new Map([...held.local, ...held.idb]).get(key) ?? null;
    if (text?.includes(want) || Date.now() > end) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function historyOnce(browser, origin, entries, client, renamed) {
  const { context, page, cdp, errors } = await fresh(browser, seeded(origin, entries));
  await context.addInitScript(CAPTURE_WASM);
  await context.addInitScript(WATCH_TOTAL);
  await page.goto(origin + '/');
  const cold = await readyMark(page);
  const banner = await page.locator('[data-testid="storage-banner"]').count();
  if (banner) throw new Error(`the app refused the seeded store: ${await page.locator('[data-testid="storage-banner"]').innerText()}`);
  const memStart = await memory(page, cdp);
  const open = await openClient(page, origin, client.id);
  let rows = null;
  let memOpen = null;
  if (open !== null) {
    rows = await page.locator('[data-testid="history-table"] tbody tr').count();
    memOpen = await memory(page, cdp);
  }
  const caseload = open === null ? null : await openCaseloadHash(page);
  // The outcomes report over every client's episodes, then back to the list.
  const outcomes = caseload === null ? null : await openOutcomesHash(page);
  if (caseload === null || outcomes === null || (await openCaseloadHash(page)) === null) await gotoTherapist(page, origin);
  const rename = await renameOnce(page, renamed.id, renamed.label, renamed.to);
  if (rename.saves !== 1 || !rename.text?.includes(`"label":"${renamed.to}"`)) {
    throw new Error(`renaming a client made ${rename.saves} saves and stored ${rename.text}`);
  }
  await rateAll(page, origin);
  const save = await clickDone(page);
  if (!save) throw new Error('the review total did not appear after Done');
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return {
    cold, open, rows, caseload, outcomes, save: save.ms, write: save.write, review: save.review, memStart, memOpen,
    rename: rename.ms, renameWrite: rename.write, renameCommit: rename.commit, recordText: rename.text,
  };
}

/**
 * Plain JS on the same machine: stringify / setItem / getItem / parse of the
 * same envelope; and one setItem of the renamed client's record text (the
 * key already holding a text of the same length, as in the app's save),
 * `RECORD_SETS` times, each timed alone.
 */
async function storageBaseline(browser, origin, text, record) {
  const { context, page } = await fresh(browser);
  await page.goto(origin + '/');
  const setRecord = await page.evaluate(({ key, a, b, n }) => {
    localStorage.clear();
    localStorage.setItem(key, b);
    const out = [];
    for (let i = 0; i < n; i++) {
      const next = i % 2 ? b : a; // a different text each time, as a save writes
      const t0 = performance.now();
      localStorage.setItem(key, next);
      out.push(performance.now() - t0);
    }
    if (localStorage.getItem(key).length !== a.length) throw new Error('setItem lost the record');
    localStorage.clear();
    return out;
  }, { ...record, n: RECORD_SETS });
  const r = await page.evaluate(({ text, n }) => {
    const obj = JSON.parse(text);
    const out = { stringify: [], write: [], read: [], parse: [] };
    for (let i = 0; i < n; i++) {
      localStorage.clear();
      const t0 = performance.now();
      const s = JSON.stringify(obj);
      const t1 = performance.now();
      localStorage.setItem('attune.data', s);
      const t2 = performance.now();
      const back = localStorage.getItem('attune.data');
      const t3 = performance.now();
      const parsed = JSON.parse(back);
      const t4 = performance.now();
      if (parsed.ratings.length !== obj.ratings.length) throw new Error('round trip lost ratings');
      out.stringify.push(t1 - t0); out.write.push(t2 - t1); out.read.push(t3 - t2); out.parse.push(t4 - t3);
    }
    localStorage.clear();
    return out;
  }, { text, n: RUNS.storage });
  await context.close();
  return { ...r, setRecord };
}

/** Samples of the plain setItem of one record (cheap: a few µs each). */
const RECORD_SETS = 101;

async function history(browser, appOrigin, vanillaOrigin) {
  const out = {};
  for (const n of HISTORY_SIZES) {
    const env = envelope(n, { clients: CLIENTS });
    const text = JSON.stringify(env);
    const entries = recordsLayout(env);
    const client = largestClient(env);
    // The client renamed by the save row: the first on the list, to a label of the same length.
    const renamed = { id: env.clients[0].id, label: env.clients[0].label, to: 'R' + env.clients[0].label.slice(1) };
    const runs = [];
    for (let i = 0; i < RUNS.history; i++) runs.push(await historyOnce(browser, appOrigin, entries, client, renamed));
    // The table shows the most recent TABLE_ROWS sessions until "Show all".
    if (runs[0].rows !== null && runs.some((r) => r.rows !== Math.min(client.count, TABLE_ROWS))) {
      throw new Error(`history table shows ${runs.map((r) => r.rows)} rows, the client has ${client.count}`);
    }
    const recordText = runs[0].recordText;
    const record = {
      key: `attune.r.c.${renamed.id}`,
      a: recordText,
      b: recordText.replace(`"label":"${renamed.to}"`, `"label":"${renamed.label}"`),
    };
    out[n] = {
      runs, client, bytes: text.length, units: units(entries), recordChars: recordText.length,
      plain: await storageBaseline(browser, vanillaOrigin, text, record),
    };
    log(`history ${n}: cold ${median(runs.map((r) => r.cold)).toFixed(1)} ms, open `
      + `${runs[0].open === null ? 'n/a' : median(runs.map((r) => r.open)).toFixed(1) + ' ms'}, save ${median(runs.map((r) => r.save)).toFixed(1)} ms, `
      + `rename save ${median(runs.map((r) => r.renameWrite)).toFixed(2)} ms vs setItem ${median(out[n].plain.setRecord).toFixed(3)} ms`);
  }
  return out;
}

/**
 * One cold load of the therapist page (#/clients) with `entries` in
 * localStorage: ms from navigation start to the client list on screen with
 * `rows` rows + next frame (THERAPIST_READY). Then what is stored: whether
 * the records layout is in use (its meta entry), the single document's
 * length, how many record entries, the units used, and (with `keep`) every
 * record entry, to compare with the bench's own layout.
 */
async function therapistOnce(browser, origin, entries, rows, keep = false, { local = false } = {}) {
  const { context, page, errors } = await fresh(browser, seeded(origin, entries, { local }));
  await context.addInitScript(THERAPIST_READY, { rows });
  await page.goto(origin + '/therapist.html#/clients');
  let ms = null;
  let failure = null;
  try {
    await page.waitForFunction(() => typeof window.__readyAt === 'number', null, { timeout: 60000 });
    ms = await page.evaluate(() => window.__readyAt);
  } catch {
    // Not the client list it should show: say what the page shows and holds.
    failure = await page.evaluate(() => ({
      rows: document.querySelectorAll('[data-testid="caseload"] tbody tr').length,
      empty: document.querySelector('[data-testid="caseload-empty"]') !== null,
      text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 300),
    }));
  }
  const held = await page.evaluate(STORED_RECORDS);
  const all = [...held.idb, ...held.local];
  const after = {
    meta: all.some(([k]) => k === 'attune.r.meta'),
    doc: held.doc,
    records: all.length,
    // Where the records are once the page is up: IndexedDB ('idb'), or still localStorage.
    home: held.home && held.local.length === 0 ? 'idb' : 'local',
    units: units(all),
    banner: await page.evaluate(() => document.querySelector('[data-testid="storage-banner"]')?.innerText ?? null),
    entries: keep ? all : null,
  };
  await context.close();
  if (failure) log(`warning: the therapist page did not show its ${rows} rows within 60 s: ${JSON.stringify({ ...failure, ...after, entries: undefined })}`);
  return { ms, errors, failure, ...after };
}

/**
 * The therapist page's start-up (navigation → client list + frame): with
 * empty storage (the baseline), with each history size in the records
 * layout (a device in use), and with the same data as the old single
 * document, which the page moves into records on its first open (the
 * one-time move; at sizes where the document and its records do not fit
 * in the quota together the move is refused and the document stays in
 * use). Interleaved run by run. The move's result is checked: records
 * written exactly as `recordsLayout` writes them and the document removed,
 * or (refused) no record left behind and the document whole.
 */
async function therapistStartup(browser, origin) {
  const out = { empty: [], sizes: {} };
  const data = Object.fromEntries(HISTORY_SIZES.map((n) => {
    const env = envelope(n, { clients: CLIENTS });
    const text = JSON.stringify(env);
    return [n, { text, entries: recordsLayout(env), doc: [['attune.data', text]] }];
  }));
  for (const n of HISTORY_SIZES) {
    out.sizes[n] = { records: [], move: [], fromLocal: [], outcome: null, mismatched: null, docUnits: units(data[n].doc), recordUnits: units(data[n].entries), failures: [] };
  }
  out.failures = [];
  // A page that never shows its client list is a finding, not a crash: the
  // run is left out of the figures and the row says what the page showed.
  const failed = (list, what, x) => {
    if (!x.failure) return false;
    list.push({ what, shows: x.failure.empty ? 'an empty client list' : `${x.failure.rows} rows`, stored: { meta: x.meta, doc: x.doc, records: x.records, units: x.units } });
    return true;
  };
  for (let i = 0; i < RUNS.history; i++) {
    const e = await therapistOnce(browser, origin, [], 0);
    if (e.errors.length) throw new Error(`therapist page errors: ${e.errors.join('; ')}`);
    if (!failed(out.failures, 'empty storage', e)) out.empty.push(e.ms);
    for (const n of HISTORY_SIZES) {
      const o = out.sizes[n];
      const r = await therapistOnce(browser, origin, data[n].entries, CLIENTS);
      if (r.errors.length) throw new Error(`therapist page errors with ${n} ratings in records: ${r.errors.join('; ')}`);
      if (r.banner) throw new Error(`the therapist page refused ${n} seeded records: ${r.banner}`);
      if (!r.meta || r.doc || r.records !== data[n].entries.length) throw new Error(`${n} seeded records: stored ${JSON.stringify({ ...r, entries: undefined })}`);
      if (r.home !== 'idb') throw new Error(`${n} seeded records: the page opened on localStorage, not IndexedDB`);
      if (!failed(o.failures, 'records', r)) o.records.push(r.ms);
      // The one-time move of a device the previous release left: records
      // in localStorage, moved into IndexedDB before the list shows.
      const l = await therapistOnce(browser, origin, data[n].entries, CLIENTS, false, { local: true });
      if (l.errors.length) throw new Error(`therapist page errors moving ${n} records into IndexedDB: ${l.errors.join('; ')}`);
      if (l.home !== 'idb' || l.records !== data[n].entries.length) throw new Error(`moving ${n} records into IndexedDB left ${JSON.stringify({ ...l, entries: undefined })}`);
      if (!failed(o.failures, 'records in localStorage', l)) o.fromLocal.push(l.ms);
      const m = await therapistOnce(browser, origin, data[n].doc, CLIENTS, i === 0);
      if (m.errors.length) throw new Error(`therapist page errors moving ${n} ratings: ${m.errors.join('; ')}`);
      if (failed(o.failures, 'the single document', m)) continue;
      const moved = m.meta && m.doc === 0 && m.records === data[n].entries.length;
      const refused = !m.meta && m.records === 0 && m.doc === data[n].text.length;
      if (!moved && !refused) throw new Error(`moving ${n} ratings into records left ${JSON.stringify({ ...m, entries: undefined })}`);
      const outcome = moved ? 'moved' : 'refused';
      if (o.outcome && o.outcome !== outcome) throw new Error(`moving ${n} ratings: ${o.outcome} once, ${outcome} once`);
      o.outcome = outcome;
      o.banner = m.banner;
      o.moveUnits = m.units;
      if (m.entries && moved) {
        // The bench's records layout must be what the app itself writes.
        const mine = new Map(data[n].entries);
        o.mismatched = m.entries.filter(([k, v]) => mine.get(k) !== v).length;
        if (o.mismatched) log(`warning: ${o.mismatched} of ${m.entries.length} records the app wrote differ from bench/data.mjs recordsLayout`);
      }
      o.move.push(m.ms);
    }
  }
  log(`therapist start-up: empty ${median(out.empty).toFixed(1)} ms, ${HISTORY_SIZES.map((n) => `${n} in records ${median(out.sizes[n].records).toFixed(1)} ms, `
    + `${n} from the document (${out.sizes[n].outcome}) ${median(out.sizes[n].move).toFixed(1)} ms`).join(', ')}`);
  return out;
}

/** Ratings on the device for the capacity row (more than localStorage could ever hold). */
const CAPACITY = 100_000;

/**
 * Capacity: CAPACITY ratings over CLIENTS clients seeded in IndexedDB as
 * the app's move leaves them; the therapist page opens them (start-up →
 * client list), a run or three.
 */
async function capacity(browser, origin) {
  const env = envelope(CAPACITY, { clients: CLIENTS });
  const entries = recordsLayout(env);
  const out = { n: CAPACITY, units: units(entries), ms: [], failures: [] };
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const r = await therapistOnce(browser, origin, entries, CLIENTS);
    if (r.errors.length) throw new Error(`therapist page errors with ${CAPACITY} ratings: ${r.errors.join('; ')}`);
    if (r.home !== 'idb' || r.records !== entries.length) throw new Error(`${CAPACITY} seeded records: stored ${JSON.stringify({ ...r, entries: undefined })}`);
    if (r.failure) out.failures.push(r.failure); else out.ms.push(r.ms);
  }
  log(`capacity: ${CAPACITY} ratings, start-up ${median(out.ms).toFixed(1)} ms`);
  return out;
}

/** Rows the client's session table shows before "Show all" (domain::outcome::RECENT_ROWS). */
const TABLE_ROWS = 20;

/** Sessions with both measures for the client opened by `sessionsOpen`. */
const ORS_SESSIONS = 200;

/**
 * Opening one client who has ORS_SESSIONS whole sessions (ORS + SRS), beside
 * 49 clients with 20 each (so the similar-clients path is computed too): ms
 * from the hash change to the session table and both charts, plus a frame.
 */
async function sessionsOpen(browser, origin) {
  const env = sessionsEnvelope(ORS_SESSIONS);
  const text = JSON.stringify(env);
  const entries = recordsLayout(env);
  const id = env.clients[0].id;
  const runs = [];
  for (let i = 0; i < RUNS.history; i++) {
    const { context, page, errors } = await fresh(browser, seeded(origin, entries));
    await page.goto(origin + '/');
    await readyMark(page);
    await gotoTherapist(page, origin);
    const ms = await timeHash(page, '#/client/' + id,
      ['[data-testid="history-table"]', '[data-testid="trend-chart"]', '[data-testid="ors-chart"]']);
    const rows = ms === null ? null : await page.locator('[data-testid="history-table"] tbody tr').count();
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (rows !== null && rows !== TABLE_ROWS) throw new Error(`the session table shows ${rows} rows, not the ${TABLE_ROWS} most recent`);
    runs.push(ms);
  }
  log(`sessions ${ORS_SESSIONS}: open ${runs.every((x) => x === null) ? 'n/a' : median(runs).toFixed(1) + ' ms'}`);
  return { runs, ratings: env.ratings.length, bytes: text.length };
}

/** JS heap and wasm memory of a page right after start-up with empty storage. */
async function memoryAtStart(browser, origin, runs) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const { context, page, cdp } = await fresh(browser);
    await context.addInitScript(CAPTURE_WASM);
    await page.goto(origin + '/');
    await readyMark(page);
    xs.push(await memory(page, cdp));
    await context.close();
  }
  return xs;
}

// ---------- profile (--profile, or a full run) ----------

/** Top self-time functions while `fn` runs, from the CDP sampling profiler. */
async function profileTop(cdp, fn, top = 10) {
  // Chromium's own cumulative counters split the busy time into script,
  // style and layout (the profiler shows style, layout and paint as "(program)").
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const m0 = await metrics();
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  const m1 = await metrics();
  const split = Object.fromEntries(['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration']
    .map((k) => [k, (m1[k] - m0[k]) * 1000]));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (cf) => {
    const where = cf.url ? path.basename(cf.url.split('?')[0]) : '';
    // Rust symbols end in a hash (::h0123…); drop it, and the crate disambiguator.
    const name = (cf.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
    return `${name}${where ? ` [${where}]` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const cf = byId.get(id).callFrame;
    if (cf.functionName === '(idle)') return;
    total += dt;
    const key = keyOf(cf);
    self.set(key, (self.get(key) ?? 0) + dt);
    // Inclusive time of Attune's own functions and the storage/JSON natives.
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(byId.get(n).callFrame);
      if (/attune::|Storage|setItem|getItem|JSON/.test(k)) seen.add(k);
    }
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + dt);
  });
  const topOf = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { result, total, split, rows: topOf(self), inclusive: topOf(incl) };
}

async function profile(browser, origin) {
  const n = HISTORY_SIZES.at(-1);
  const env = envelope(n, { clients: CLIENTS });
  const client = largestClient(env);
  const { context, page, cdp } = await fresh(browser, seeded(origin, recordsLayout(env)));
  await page.goto(origin + '/');
  await readyMark(page);
  await gotoTherapist(page, origin);
  const open = await profileTop(cdp, () => openClientHash(page, client.id));
  // One save on the therapist page: rename a client on the client list.
  await openCaseloadHash(page);
  const first = env.clients[0];
  const rename = await profileTop(cdp, () => renameOnce(page, first.id, first.label, 'P' + first.label.slice(1)))
    .then((x) => ({ ...x, result: x.result.write }));
  await rateAll(page, origin);
  // The save profile spans the switch to the therapist page; if the profiler
  // loses the form page's target on the way, report no profile, not a crash.
  const save = await profileTop(cdp, () => clickDone(page)).catch(() => null);
  await context.close();
  return { n, open, rename, save };
}

// ---------- 6. lighthouse ----------

/**
 * Lighthouse on each of `targets` ({ name: url }), per preset, the targets
 * interleaved run by run. Returns { name: { preset: { scores, metrics } } }.
 */
async function lighthouse(targets, { presets = ['mobile', 'desktop'], runs = RUNS.lighthouse } = {}) {
  const { default: lh } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const { default: desktop } = await import('lighthouse/core/config/desktop-config.js');
  const configs = { mobile: undefined, desktop };
  const out = Object.fromEntries(Object.keys(targets).map((k) => [k, {}]));
  for (const preset of presets) {
    for (const name of Object.keys(targets)) {
      out[name][preset] = {
        scores: { performance: [], accessibility: [], 'best-practices': [] },
        metrics: { fcp: [], lcp: [], tbt: [], cls: [], bytes: [] },
      };
    }
    for (let i = 0; i < runs; i++) {
      for (const [name, url] of Object.entries(targets)) {
        const { scores, metrics } = out[name][preset];
        const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
        try {
          const r = await lh(url, {
            port: chrome.port, output: 'json', logLevel: 'error',
            onlyCategories: Object.keys(scores),
          }, configs[preset]);
          for (const k of Object.keys(scores)) scores[k].push(Math.round(r.lhr.categories[k].score * 100));
          metrics.fcp.push(r.lhr.audits['first-contentful-paint'].numericValue);
          metrics.lcp.push(r.lhr.audits['largest-contentful-paint'].numericValue);
          metrics.tbt.push(r.lhr.audits['total-blocking-time'].numericValue);
          metrics.cls.push(r.lhr.audits['cumulative-layout-shift'].numericValue);
          metrics.bytes.push(r.lhr.audits['total-byte-weight'].numericValue);
        } finally {
          await chrome.kill();
        }
      }
    }
    for (const name of Object.keys(targets)) {
      const { scores, metrics } = out[name][preset];
      log(`lighthouse ${name} ${preset}: ${Object.entries(scores).map(([k, v]) => `${k} ${median(v)}`).join(', ')}, `
        + `LCP ${median(metrics.lcp).toFixed(0)} ms, CLS ${median(metrics.cls).toFixed(3)}`);
    }
  }
  return out;
}

// ---------- the table ----------

const ms = (x) => (x === null || !Number.isFinite(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(1));
/** Three decimals: for µs-scale figures such as one setItem of a small record. */
const ms3 = (x) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(3));
const kb = (x) => (x / 1024).toFixed(1);
const mb = (x) => (x === null || !Number.isFinite(x) ? 'n/a' : (x / 1048576).toFixed(2));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const mp = (xs) => `${ms(median(xs))} / ${ms(p95(xs))}`;
/** A goal beside its figure: `text: met` / `text: missed` (n/a without a figure). */
const goal = (text, ok) => `${text}: ${ok === null ? 'n/a' : ok ? '**met**' : '**missed**'}`;
const check = (x, test) => (Number.isFinite(x) ? test(x) : null);

function table(r) {
  const rows = [];
  const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`);
  const head = (title) => row(`**${title}**`, '', '', '', '');
  row('Measure', 'Attune', 'Baseline', 'Ratio', 'Goal / note');
  row('---', '---:', '---:', '---:', '---');

  head('1. Size of the first load, KB (Attune vs minimal Leptos 0.8 counter, then vs the jsPsych peer)');
  const sum = (rs, k) => rs.reduce((a, x) => a + x[k], 0);
  const three = (f) => `${kb(f.raw)} / ${kb(f.gzip)} / ${kb(f.brotli)}`;
  const short = (file) => file.replace(/-[0-9a-f]{8,16}/, '-…');
  for (const f of r.size.app) row(`  ${short(f.file)} raw / gzip / brotli`, three(f), '', '', '');
  for (const f of r.size.counter) row(`  counter ${short(f.file)} raw / gzip / brotli`, '', three(f), '', '');
  const appBrotli = sum(r.size.app, 'brotli');
  for (const k of ['raw', 'gzip', 'brotli']) {
    row(`total ${k}`, kb(sum(r.size.app, k)), kb(sum(r.size.counter, k)), ratio(sum(r.size.app, k), sum(r.size.counter, k)),
      k === 'brotli' ? `budget ${kb(SIZE_BUDGET)} KB (asserted by the size test); ${goal(`goal ≤ ${kb(GOALS.firstLoadBrotli)} KB`, appBrotli <= GOALS.firstLoadBrotli)}` : '');
  }
  {
    const raw = (rs) => (rs.find((f) => /^attune-.*_bg\.wasm$/.test(f.file)) ?? rs.find((f) => f.file.endsWith('.wasm')))?.raw ?? NaN;
    row('the wasm module: raw KB / defined functions (what the compile follows)', `${kb(raw(r.size.app))} / ${r.size.functions.app}`,
      `${kb(raw(r.size.counter))} / ${r.size.functions.counter}`, ratio(raw(r.size.app), raw(r.size.counter)),
      goal(`goal ≤ ${kb(FIRST_MODULE_RAW_GOAL)} KB raw`, raw(r.size.app) <= FIRST_MODULE_RAW_GOAL));
    const full = (r.size.full ?? []).find((f) => f.file.endsWith('_bg.wasm'));
    if (full) {
      row('the full form module (client mode, presentation, routes): raw / brotli KB / functions', `${kb(full.raw)} / ${kb(full.brotli)} / ${r.size.functions.full}`,
        '', '', 'not in the first load: fetched once the lines are usable, started on a hand-over');
    }
  }
  // A missed goal says what dominates it and the next step.
  const crates = r.wasmCrates
    ? r.wasmCrates.rows.slice(0, 4).map(([c, b]) => `${c} ${Math.round((100 * b) / r.wasmCrates.total)} %`).join(', ')
    : 'see "Wasm code by crate" below';
  const wasmOf = (list) => list.filter((f) => f.file.endsWith('.wasm')).reduce((a, f) => a + f.brotli, 0);
  if (appBrotli > GOALS.firstLoadBrotli) {
    row('what dominates the first load', `wasm ${kb(wasmOf(r.size.app))} KB`, `counter wasm ${kb(wasmOf(r.size.counter))} KB`, '',
      `the form's wasm code by crate: ${crates}; next step: the Leptos features the form uses once (Show, NodeRef, StoredValue, dynamic style:) and core's formatting paths (README, "The first screen")`);
  }
  for (const f of r.size.jspsych) {
    row(`  jsPsych ${f.file} raw / gzip / brotli`, '', three(f), '',
      f.file.endsWith('.css') ? 'as the package ships it (Open Sans embedded as woff2)' : f.file.endsWith('.js') ? 'jsPsych + plugin, esbuild --minify' : '');
  }
  for (const k of ['raw', 'gzip', 'brotli']) {
    row(`total ${k} vs jsPsych peer`, kb(sum(r.size.app, k)), kb(sum(r.size.jspsych, k)), ratio(sum(r.size.app, k), sum(r.size.jspsych, k)), '');
  }

  head('2. Start-up: navigation start → "attune-ready" (the lines ready for input), ms median / p95'
    + (QUICK ? '; quick mode: too few runs for the goal verdicts, read a full run' : ''));
  for (const rate of [1, 4]) {
    const s = r.startup[rate];
    const vsCounter = median(s.app) / median(s.counter);
    row(`CPU ${rate}×, vs Leptos counter (${s.app.length} runs each)`, mp(s.app), mp(s.counter), ratio(median(s.app), median(s.counter)),
      goal(`goal ≤ ${GOALS.startupVsCounter}× counter`, check(vsCounter, (x) => x <= GOALS.startupVsCounter)));
    const vsPeer = median(s.app) / median(s.jspsych);
    row(`CPU ${rate}×, vs jsPsych peer (first of its four lines, one per screen)`, mp(s.app), mp(s.jspsych), ratio(median(s.app), median(s.jspsych)),
      rate === 4 ? goal('goal: faster than jsPsych (< 1.00×)', check(vsPeer, (x) => x < GOALS.startupVsJsPsych4x)) : '');
  }
  for (const rate of [1, 4]) {
    const s = r.startup[rate];
    row(`CPU ${rate}×: main code arrived (the wasm; jsPsych: its bundle) → "attune-ready"`, mp(s.arrive.app), mp(s.arrive.counter),
      ratio(median(s.arrive.app), median(s.arrive.counter)), `jsPsych ${mp(s.arrive.jspsych)}; compile, instantiate and mount, after the download`);
  }
  {
    const s = r.startup[4];
    const vsPeer = median(s.warm.app) / median(s.warm.jspsych);
    row(`CPU 4×, warm (the same tab reloaded: HTTP cache, service worker, code cache), vs counter`, mp(s.warm.app), mp(s.warm.counter),
      ratio(median(s.warm.app), median(s.warm.counter)), '');
    row('CPU 4×, warm, vs jsPsych peer', mp(s.warm.app), mp(s.warm.jspsych), ratio(median(s.warm.app), median(s.warm.jspsych)),
      goal('goal ≤ 1.00× jsPsych', check(vsPeer, (x) => x <= 1)));
  }
  // Where the time goes, measured: until the page is parsed, and after.
  for (const rate of [1, 4]) {
    const s = r.startup[rate];
    row(`CPU ${rate}×: navigation → page parsed (DOMContentLoaded)`, mp(s.parsed.app), mp(s.parsed.counter),
      ratio(median(s.parsed.app), median(s.parsed.counter)), `jsPsych ${mp(s.parsed.jspsych)}; the HTML and the stylesheet (Attune: and its inline first-paint guard, while its first module is fetched and compiled)`);
  }
  {
    const s = r.startup[4];
    row('CPU 4×, warm: navigation → page parsed (DOMContentLoaded)', mp(s.warmParsed.app), mp(s.warmParsed.counter),
      ratio(median(s.warmParsed.app), median(s.warmParsed.counter)), `jsPsych ${mp(s.warmParsed.jspsych)}; Attune's files from its service worker's cache, the others' from the HTTP cache`);
  }
  const coldMissed = [1, 4].some((rate) => median(r.startup[rate].app) / median(r.startup[rate].counter) > GOALS.startupVsCounter)
    || median(r.startup[4].app) / median(r.startup[4].jspsych) >= GOALS.startupVsJsPsych4x;
  const warmMissed = median(r.startup[4].warm.app) / median(r.startup[4].warm.jspsych) > 1;
  if (coldMissed) {
    const s = r.startup[4];
    const parsed = median(s.parsed.app);
    const after = median(s.app) - parsed;
    row('what dominates start-up (CPU 4×, medians)', `${parsed.toFixed(0)} ms + ${after.toFixed(0)} ms`, '', '',
      `${parsed >= after ? 'the page itself' : 'the code after the page'}: ${parsed.toFixed(0)} ms until the page is parsed (the HTML, the stylesheet, the inline first-paint guard; the first module, ${kb(wasmOf(r.size.app))} KB brotli, is fetched and compiled off the main thread meanwhile), then ${after.toFixed(0)} ms to the mark (the static first paint's style and layout, the module finished and instantiated, the lines drawn by hand, no framework); the counter is parsed at ${median(s.parsed.counter).toFixed(0)} ms`);
  }
  if (warmMissed) {
    const s = r.startup[4];
    const parsed = median(s.warmParsed.app);
    const after = median(s.warm.app) - parsed;
    row('what dominates the warm start-up (CPU 4×, medians)', `${parsed.toFixed(0)} ms + ${after.toFixed(0)} ms`, '', '',
      `${parsed >= after ? 'the page itself' : 'the code after the page'}: ${parsed.toFixed(0)} ms until the page is parsed (every file from the service worker's cache, each request through its fetch handler; the jsPsych page, with no service worker, is parsed at ${median(s.warmParsed.jspsych).toFixed(0)} ms from the HTTP cache), then ${after.toFixed(0)} ms to the mark (jsPsych ${(median(s.warm.jspsych) - median(s.warmParsed.jspsych)).toFixed(0)} ms)`);
  }

  head(`3. Drag, ${DRAG_STEPS} steps × ${RUNS.drag} run(s), ms p50 / p95 (vs plain-JS line)`);
  for (const kind of ['mouse', 'touch']) {
    const d = r.drag[kind];
    const h = (w) => d[w].moves.map((m) => m.handler);
    const f = (w) => d[w].moves.map((m) => m.frame);
    row(`${kind}: pointermove handling`, mp(h('app')), mp(h('vanilla')), ratio(p95(h('app')), p95(h('vanilla'))), 'ratio of p95');
    row(`${kind}: event → next animation frame`, mp(f('app')), mp(f('vanilla')), ratio(p95(f('app')), p95(f('vanilla'))), 'ratio of p95');
    row(`${kind}: events seen / value changed`, `${d.app.moves.length} / ${d.app.moves.filter((m) => m.changed).length}`,
      `${d.vanilla.moves.length} / ${d.vanilla.moves.filter((m) => m.changed).length}`, '', 'coalesced moves arrive as one event');
    row(`${kind}: long tasks > 50 ms during drags`, String(d.app.longtasks), String(d.vanilla.longtasks), '', 'goal 0');
  }

  head(`4. History scale, ${CLIENTS} clients, ms median / p95 (${RUNS.history} runs per size); storage seeded in the records layout (a device in use) unless a row says otherwise`);
  const [small, large] = HISTORY_SIZES;
  const col = (n, k) => r.history[n].runs.map((x) => x[k]);
  const growth = (k) => ratio(median(col(large, k)), median(col(small, k)));
  for (const n of HISTORY_SIZES) {
    row(`${n.toLocaleString('en')} ratings stored as records (${(r.history[n].units / 1e6).toFixed(2)} M units; ${kb(r.history[n].bytes)} KB as one JSON document): form page cold start → "attune-ready"`,
      mp(col(n, 'cold')), mp(r.startup[1].app), ratio(median(col(n, 'cold')), median(r.startup[1].app)), 'baseline: Attune with empty storage');
  }
  row(`cold start growth ${small.toLocaleString('en')} → ${large.toLocaleString('en')}`, growth('cold'), '', '', '');
  const t = r.therapist;
  const failures = (list, what) => {
    const l = list.filter((f) => !what || f.what === what);
    return l.length ? ` **${l.length} run(s) never showed the client list within 60 s** (left out): ${l.map((f) => `${f.what}: showed ${f.shows}, storage ${JSON.stringify(f.stored)}`).join('; ')}.` : '';
  };
  row('therapist page, empty storage: navigation start → client list ("No client matches.") + frame', mp(t.empty), '', '',
    'baseline of the rows below; the therapist page sets no mark, so its first screen is the end.' + failures(t.failures));
  for (const n of HISTORY_SIZES) {
    const o = t.sizes[n];
    const vsEmpty = median(o.records) / median(t.empty);
    row(`${n.toLocaleString('en')} ratings in IndexedDB (${(o.recordUnits / 1e6).toFixed(2)} M units of records): therapist page start-up → client list (${CLIENTS} rows) + frame`,
      mp(o.records), mp(t.empty), ratio(median(o.records), median(t.empty)),
      (failures(o.failures, 'records') + (n !== large ? '' : ` ${goal(`goal ≤ ${GOALS.therapistVsEmpty}× empty`, check(vsEmpty, (x) => x <= GOALS.therapistVsEmpty))}`)).trim());
  }
  for (const n of HISTORY_SIZES) {
    const o = t.sizes[n];
    row(`${n.toLocaleString('en')} ratings: one-time move of records from localStorage (the previous release's layout) into IndexedDB at the first therapist open → client list + frame`,
      mp(o.fromLocal), mp(o.records), ratio(median(o.fromLocal), median(o.records)),
      `baseline: the same records already in IndexedDB; copied in one transaction, read back (count and checksum), then removed from localStorage.${failures(o.failures, 'records in localStorage')}`);
  }
  if (r.capacity) {
    const c = r.capacity;
    row(`capacity: ${c.n.toLocaleString('en')} ratings in IndexedDB (${(c.units / 1e6).toFixed(1)} M units, ${(c.units / QUOTA_UNITS).toFixed(1)}× what localStorage holds): therapist page start-up → client list (${CLIENTS} rows) + frame`,
      mp(c.ms), mp(t.empty), ratio(median(c.ms), median(t.empty)),
      `stored and reopened${c.failures.length ? `; **${c.failures.length} run(s) never showed the list**` : ''}`);
  }
  for (const n of HISTORY_SIZES) {
    const o = t.sizes[n];
    const both = o.docUnits + o.recordUnits;
    const note = o.outcome === null ? 'no run showed the client list' : o.outcome === 'moved'
      ? `moved: ${n + CLIENTS} records written and verified, "attune.data" removed; bench records ${o.mismatched === 0 ? 'identical to the app\'s' : o.mismatched === null ? 'not compared' : `differ from the app's in ${o.mismatched}`}`
      : `**refused for lack of room**: the document (${(o.docUnits / 1e6).toFixed(2)} M units) and its records (${(o.recordUnits / 1e6).toFixed(2)} M) `
        + `need ${(both / 1e6).toFixed(2)} M units together, the quota is ${(QUOTA_UNITS / 1e6).toFixed(2)} M; the records written are removed, the document stays in use `
        + `(saves rewrite it whole) and the move is tried again at every open; at these sizes a document of more than about `
        + `${(Math.floor((n * QUOTA_UNITS) / both / 100) * 100).toLocaleString('en')} ratings cannot move${o.banner ? `; banner: "${o.banner}"` : ''}`;
    row(`${n.toLocaleString('en')} ratings: one-time move from the single document ("attune.data", ${(o.docUnits / 1e6).toFixed(2)} M units) at the first therapist open → client list + frame`,
      mp(o.move), mp(o.records), ratio(median(o.move), median(o.records)), `baseline: the same data already in records. ${note}.${failures(o.failures, 'the single document')}`);
  }
  for (const n of HISTORY_SIZES) {
    const c = r.history[n].client;
    const open = r.history[n].runs[0].open === null ? 'n/a (route missing)' : mp(col(n, 'open'));
    row(`${n.toLocaleString('en')}: open one client (${c.count} sessions) → table (${Math.min(c.count, TABLE_ROWS)} most recent) + chart + frame`, open, '', '',
      n === large ? 'goal ≤ 50 ms' : '');
  }
  for (const n of HISTORY_SIZES) {
    const runs = col(n, 'caseload');
    row(`${n.toLocaleString('en')}: open the caseload (${CLIENTS} clients, who needs attention first) → table + frame`,
      runs.every((x) => x === null) ? 'n/a' : mp(runs), '', '', n === large ? 'goal ≤ 50 ms' : '');
  }
  for (const n of HISTORY_SIZES) {
    const runs = col(n, 'outcomes');
    row(`${n.toLocaleString('en')}: open the outcomes report (${CLIENTS} clients' episodes, by age group) → table + frame`,
      runs.every((x) => x === null) ? 'n/a' : mp(runs), '', '', n === large ? 'goal ≤ 50 ms' : '');
  }
  row(`open one client with ${ORS_SESSIONS} sessions (ORS + SRS; ${r.sessions.ratings.toLocaleString('en')} ratings on the device) → table (${TABLE_ROWS} most recent) + both charts + frame`,
    r.sessions.runs.every((x) => x === null) ? 'n/a (ORS chart missing)' : mp(r.sessions.runs), '', '', 'goal ≤ 50 ms');
  row(`open growth ${small.toLocaleString('en')} → ${large.toLocaleString('en')}`, r.history[small].runs[0].open === null ? 'n/a (route missing)' : growth('open'), '', '', '');
  for (const n of HISTORY_SIZES) {
    const p = r.history[n].plain;
    const plainWrite = p.stringify.map((x, i) => x + p.write[i]);
    row(`${n.toLocaleString('en')}: save, click Done → thank-you + frame (the rating written as one record)`, mp(col(n, 'save')), '', '', n === large ? 'goal ≤ 16 ms' : '');
    const writes = col(n, 'write');
    row(`${n.toLocaleString('en')}: "attune-save" measure (the record write) vs plain JSON.stringify + setItem of the document`,
      writes.every((w) => w === null) ? 'n/a (no measure)' : mp(writes), mp(plainWrite), ratio(median(writes), median(plainWrite)), '');
    row(`${n.toLocaleString('en')}: "open the review" → total on the therapist page (page switch, record taken into the document) + frame`, mp(col(n, 'review')), '', '', '');
  }
  row(`save growth ${small.toLocaleString('en')} → ${large.toLocaleString('en')}`, growth('save'), '', '', '');
  for (const n of HISTORY_SIZES) {
    const h = r.history[n];
    const writes = col(n, 'renameWrite');
    row(`${n.toLocaleString('en')}: one save on the therapist page (rename a client on the client list: one record + the meta entry), "attune-save" (planned and applied to the page's copy; IndexedDB commits it after) vs one plain setItem of the same record's text (${h.recordChars} chars)`,
      writes.every((w) => w === null) ? 'n/a (no measure)' : mp(writes), `${ms3(median(h.plain.setRecord))} / ${ms3(p95(h.plain.setRecord))}`,
      ratio(median(writes), median(h.plain.setRecord)),
      `setItem: ${RECORD_SETS} samples, in the plain-JS page`);
    const commits = h.runs.map((x) => x.renameCommit);
    row(`${n.toLocaleString('en')}: the same save committed: click on Save → its IndexedDB transaction complete (the app's BroadcastChannel message)`,
      mp(commits), '', '', n === large ? goal('goal ≤ 5 ms median', check(median(commits), (x) => x <= 5)) : '');
    row(`${n.toLocaleString('en')}: rename, click Save → the new name on the client list + frame`, mp(col(n, 'rename')), '', '', '');
  }
  for (const n of HISTORY_SIZES) {
    const p = r.history[n].plain;
    row(`plain JS, ${n.toLocaleString('en')}: stringify / setItem / getItem / parse (median)`, '',
      `${ms(median(p.stringify))} / ${ms(median(p.write))} / ${ms(median(p.read))} / ${ms(median(p.parse))}`, '', 'same envelope, in the page');
  }

  head('5. Memory after a full GC, MB median (vs counter)');
  const heap = (xs) => median(xs.map((m) => m.heap));
  const wasm = (xs) => median(xs.map((m) => m.wasm ?? NaN));
  row('start-up, empty storage: JS heap / wasm memory', `${mb(heap(r.memory.app))} / ${mb(wasm(r.memory.app))}`,
    `${mb(heap(r.memory.counter))} / ${mb(wasm(r.memory.counter))}`,
    `${ratio(heap(r.memory.app), heap(r.memory.counter))} / ${ratio(wasm(r.memory.app), wasm(r.memory.counter))}`, '');
  for (const n of HISTORY_SIZES) {
    const rs = r.history[n].runs;
    row(`${n.toLocaleString('en')} ratings, after start-up: JS heap / wasm memory`, `${mb(heap(rs.map((x) => x.memStart)))} / ${mb(wasm(rs.map((x) => x.memStart)))}`, '', '', '');
    row(`${n.toLocaleString('en')} ratings, after opening the largest history: JS heap / wasm memory`,
      rs[0].memOpen ? `${mb(heap(rs.map((x) => x.memOpen)))} / ${mb(wasm(rs.map((x) => x.memOpen)))}` : 'n/a (route missing)', '', '', '');
  }

  const lh = r.lighthouse;
  const served = lh ? Object.entries(lh.served).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ') : '';
  head(`6. Lighthouse 12, rating screen vs the jsPsych peer, files served compressed as a host would`
    + `${served ? ` (Attune: ${served} responses)` : ''}, median of ${RUNS.lighthouse} run(s)`);
  if (!lh) row('Performance / Accessibility / Best Practices', 'skipped (--no-lighthouse)', '', '', '');
  const scores = (l) => (l ? ['performance', 'accessibility', 'best-practices'].map((k) => median(l.scores[k])).join(' / ') : 'n/a');
  const timings = (l) => (l ? ['fcp', 'lcp', 'tbt'].map((k) => ms(median(l.metrics[k]))).join(' / ') : 'n/a');
  const clsOf = (l) => (l ? median(l.metrics.cls) : NaN);
  const fixed3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  for (const preset of ['mobile', 'desktop']) {
    const l = lh?.app?.[preset];
    if (!l) continue;
    const peer = lh.jspsych?.[preset];
    const perf = median(l.scores.performance);
    row(`${preset}: Performance / Accessibility / Best Practices`, scores(l), scores(peer), '',
      preset === 'mobile' ? goal(`goal Performance ≥ ${GOALS.lighthouseMobile}`, check(perf, (x) => x >= GOALS.lighthouseMobile)) : '');
    row(`${preset}: FCP / LCP / TBT, ms (simulated)`, timings(l), timings(peer),
      peer ? `LCP ${ratio(median(l.metrics.lcp), median(peer.metrics.lcp))}` : '', '');
    row(`${preset}: CLS`, fixed3(clsOf(l)), fixed3(clsOf(peer)), '', goal(`goal CLS ${GOALS.cls}`, check(clsOf(l), (x) => x <= GOALS.cls)));
    row(`${preset}: bytes transferred, KB`, kb(median(l.metrics.bytes)), peer ? kb(median(peer.metrics.bytes)) : 'n/a',
      peer ? ratio(median(l.metrics.bytes), median(peer.metrics.bytes)) : '', '');
  }
  const u = lh?.uncompressed?.mobile;
  if (u) {
    row('mobile, Attune served uncompressed (1 run): Performance / LCP ms / bytes KB',
      `${median(u.scores.performance)} / ${ms(median(u.metrics.lcp))} / ${kb(median(u.metrics.bytes))}`, '', '',
      'what compression alone changes; the figure before the start-up work');
  }
  if (r.sync) syncTable(r.sync, row, head);
  if (r.caseloads) caseloadTable(r.caseloads, row, head);
  return rows.join('\n');
}

/** Section 7: sync between devices, beside PouchDB in the same run. */
function syncTable(s, row, head) {
  const a = s.anchor;
  const N = s.n.toLocaleString('en');
  const pct = (u) => `${(100 * u / QUOTA_UNITS).toFixed(1)}%`;
  head(`7. Sync between devices, ${N} ratings + ${s.clients} clients${QUICK ? ' (quick mode: 1,000; the full run syncs 10,000)' : ''}; `
    + `pouchdb-server 4.2.0 in memory behind the app's same-origin /couchdb/ proxy, each device its own browser context; `
    + `anchor: PouchDB ${a.pouchdb} (${a.adapter}) in the same Chromium against the same server, same run`);
  row(`device A with ${N} ratings in records turns sync on → "Last synced just now." + "Everything on this device is synced." (all pushed)`,
    ms(s.push.ms), '', '', `${s.push.documents.toLocaleString('en')} documents on the server, ${s.push.requests} requests; creating the clinic key (PBKDF2 600,000 iterations: ${ms(s.pbkdf2)} ms alone) included; `
    + `A's storage after: ${(s.push.units / 1e6).toFixed(2)} M units (${pct(s.push.units)} of the quota)`);
  const f = s.first;
  const firstNote = f.quota
    ? `**stopped: "${f.trouble}"** with ${f.ratings.toLocaleString('en')} of ${N} ratings stored, ${f.units.toLocaleString('en')} units used (${pct(f.units)} of ${QUOTA_UNITS.toLocaleString('en')})`
    : `${f.ratings.toLocaleString('en')} ratings and ${f.clients} clients stored on B (ids checked); B: ${f.requests} requests, PouchDB: ${a.firstSync.requests ?? 'n/a'}; `
      + `joining the clinic key (PBKDF2 ${ms(s.pbkdf2)} ms) included; B's storage after: ${(f.units / 1e6).toFixed(2)} M units (${pct(f.units)} of the quota), `
      + `${f.notes.toLocaleString('en')} sync notes; PouchDB's ${a.n.toLocaleString('en')} records are ~${a.recordBytes} bytes of ciphertext each`;
  row(`first sync of ${N} ratings to an empty device: B clicks "Turn sync on" → the same words, ${N} ratings stored`,
    f.quota ? 'stopped (quota)' : ms(f.ms), ms(a.firstSync.ms), f.quota ? 'n/a' : ratio(f.ms, a.firstSync.ms), firstNote);
  const rt = s.roundTrip;
  const trips = rt.runs.map((x) => x.ms);
  row(`one record's round trip A → server → B (a client renamed on A; B's therapist page open and untouched, on its live pull), median / p95 of ${trips.length}`,
    trips.length ? mp(trips) : 'n/a', `${ms(a.roundTrip.ms)} / ${ms(a.roundTrip.p90)}`, ratio(rt.ms, a.roundTrip.ms),
    trips.length
      ? `A's Save click → server stored (A's push): ${ms(rt.push)} ms median; server stored → stored on B (B's live pull: its long-poll answers, B's run pulls): ${ms(rt.pull)} ms. `
        + `Both on a live pull: Attune's B follows the changes feed by long-poll while its page is in view and pulls through its usual run; PouchDB's B replicates live (median / p90 of ${a.roundTrip.runs.length})`
      : 'not run: the first sync stopped');
}

function caseloadTable(c, row, head) {
  const N = c.n.toLocaleString('en');
  head(`7b. Sync by caseload, ${N} ratings + ${c.clients} clients per caseload${QUICK ? ` (quick mode: ${N} × ${c.k}; the full run 2,000 × 5)` : ''}; `
    + `one members-only database per caseload on pouchdb-server 4.2.0 in memory, behind the same-origin /couchdb/ proxy`);
  row(`first sync of one caseload of ${N} ratings: an empty device names its therapist, clicks "Turn sync on" → "Last synced just now." + "Everything on this device is synced."`,
    ms(c.one.ms), '', '', `${c.one.ratings.toLocaleString('en')} ratings stored (counted); joining the caseload's key (PBKDF2) included`);
  row(`a lead's device joining ${c.k} caseloads of ${N}: names ${c.k} therapists, clicks "Turn sync on" → the same words`,
    ms(c.lead.ms), '', '', `${c.lead.ratings.toLocaleString('en')} ratings stored (counted); ${c.k} keys joined (PBKDF2 each), then one run per caseload database`);
}

function crateText(c) {
  if (!c) return '';
  return [
    `Wasm code by crate (function bodies before wasm-opt, ${kb(c.total)} KB; generic code counts for the crate that defines it):`,
    '',
    '| KB | share | crate |',
    '| ---: | ---: | --- |',
    ...c.rows.map(([k, v]) => `| ${kb(v)} | ${(100 * v / c.total).toFixed(1)}% | ${k} |`),
    '',
  ].join('\n');
}

function profileText(p) {
  if (!p) return '';
  const esc = (k) => k.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  const part = (title, x) => [
    `${title}: ${ms(x.result?.ms ?? x.result)} ms measured in this run; while the profiler ran, ${ms(x.total)} ms sampled busy `
      + `(Chromium's counters: tasks ${ms(x.split.TaskDuration)} ms = script ${ms(x.split.ScriptDuration)} + style `
      + `${ms(x.split.RecalcStyleDuration)} + layout ${ms(x.split.LayoutDuration)} + other). Top self time, then inclusive time `
      + 'of Attune\'s functions and the storage natives:',
    '',
    '| self ms | function [file] |',
    '| ---: | --- |',
    ...x.rows.map(([k, v]) => `| ${ms(v)} | ${esc(k)} |`),
    '',
    '| inclusive ms | function [file] |',
    '| ---: | --- |',
    ...x.inclusive.map(([k, v]) => `| ${ms(v)} | ${esc(k)} |`),
    '',
  ].join('\n');
  return [
    `CPU profile at ${p.n.toLocaleString('en')} ratings (100 µs sampling, wasm names from an un-wasm-opt'd copy of the release build)`,
    '',
    part('Open the largest history', p.open),
    part('One save on the therapist page (rename a client; the figure is its "attune-save" measure)', p.rename),
    p.save ? part('Save one rating', p.save) : 'Save one rating: no profile (the profiler lost the form page on the switch to the review).\n',
  ].join('\n');
}

function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
  const chromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (nproc), ${cpu}, `
    + `${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${chromium}, headless, node ${process.version}; `
    + `1-min load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (other work shares the cores)`;
}

// ---------- main ----------

async function main() {
  build();
  log('build-jspsych');
  await buildJsPsych(JSPSYCH_DIST);
  const named = PROFILE || !QUICK ? buildNamed() : null;
  const servers = await Promise.all([serveBench(DIST), serveBench(COUNTER_DIST), serveBench(VANILLA_DIR), serveBench(JSPSYCH_DIST),
    ...(named ? [serveBench(named)] : [])]);
  const [app, counter, vanilla, jspsych, namedSrv] = servers.map((s) => s.origin);
  const r = { size: sizes() };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    r.startup = await startup(browser, {
      app: { origin: app, expect: '[role="slider"]', worker: true },
      counter: { origin: counter, expect: 'button' },
      jspsych: { origin: jspsych, expect: '#jspsych-html-vas-response-clickable' },
    });
    r.drag = await drag(browser, app, vanilla);
    r.history = await history(browser, app, vanilla);
    r.therapist = await therapistStartup(browser, app);
    r.capacity = await capacity(browser, app);
    r.sessions = await sessionsOpen(browser, app);
    const memRuns = QUICK ? 2 : 5;
    r.memory = { app: await memoryAtStart(browser, app, memRuns), counter: await memoryAtStart(browser, counter, memRuns) };
    // Starts and stops its own CouchDB-compatible server (also on failure).
    r.sync = await syncRows({ browser, dist: DIST, ...SYNC, clients: CLIENTS, log: (m) => log(`sync: ${m}`) });
    // Sync by caseload: one caseload's first sync, a lead's device joining 5 (own server too).
    r.caseloads = await caseloadRows({ browser, dist: DIST, ...CASELOADS, clients: CLIENTS, log: (m) => log(`caseloads: ${m}`) });
    if (named) {
      r.profile = await profile(browser, namedSrv);
      r.wasmCrates = byCrate(path.join(named, 'attune-named_bg.wasm'), 10);
    }
  } finally {
    await browser.close();
  }
  if (LIGHTHOUSE) {
    log('compressing the pages for Lighthouse');
    const [host, peer, plain] = await Promise.all([serveCompressed(DIST), serveCompressed(JSPSYCH_DIST), serveBench(DIST, false)]);
    servers.push(host, peer, plain);
    const both = await lighthouse({ app: host.origin + '/', jspsych: peer.origin + '/' });
    // What compression alone changes: the old uncompressed figure, mobile, one run.
    const { app: uncompressed } = await lighthouse({ app: plain.origin + '/' }, { presets: ['mobile'], runs: 1 });
    r.lighthouse = { ...both, uncompressed, served: host.served };
  }
  await Promise.all(servers.map(({ server }) => new Promise((res) => server.close(res))));

  const wall = (Date.now() - wallStart) / 1000;
  const md = [
    `# Attune benchmark${QUICK ? ' (quick mode)' : ''}`,
    '',
    `Machine: ${machine()}. Wall time ${wall.toFixed(0)} s. Command: \`node bench/run.mjs${QUICK ? ' --quick' : ''}\`.`,
    '',
    table(r),
    '',
    profileText(r.profile),
    crateText(r.wasmCrates),
  ].join('\n');
  console.log(md);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(DIST, 'bench.md'), md + '\n');
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ machine: machine(), quick: QUICK, wall, ...r }, null, 1));
  log(`written ${path.relative(ROOT, path.join(DIST, 'bench.md'))} and bench/out/results.json`);
}

main().catch((e) => { console.error(e); process.exit(1); });
