// The rating page's first paint: the real heading and
// instructions are on screen from the static HTML before the wasm has loaded,
// the app then takes their place without moving anything, and the static
// screen never shows where the app will draw something else (client mode,
// presentation mode, the ORS, another screen's link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, teardown, assertClean } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const scale = (name) => JSON.parse(fs.readFileSync(path.resolve(here, '../../scales', name), 'utf8'));
const SRS = scale('srs-attune.json');
const ORS = scale('ors-attune.json');

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

/**
 * A fresh context whose page holds back the wasm until `release()` is
 * called: the page then shows what it shows without the app, and nothing
 * fails (the request is only late). Records console and page errors and
 * every request, like the harness's `openApp`; `seed` runs on the origin
 * before the rating page is opened (storage as an earlier visit left it).
 * Layout shifts are collected from the start by a buffered observer.
 */
async function openHeld(viewport, seed) {
  const context = await env.browser.newContext({ viewport });
  const log = { errors: [], requests: [] };
  const watch = (p) => {
    p.on('console', (m) => { if (m.type() === 'error') log.errors.push(`${m.text()} (${p.url()})`); });
    p.on('pageerror', (e) => log.errors.push(`${String(e)} (${p.url()})`));
    p.on('request', (r) => log.requests.push(r.url()));
  };
  context.on('page', watch);
  // Evaluated by DevTools before any script of the page, so the app's CSP
  // does not apply to it.
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push({ value: e.value, at: e.startTime });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  if (seed) {
    // A blank page of the same origin (so the same storage), not the app's.
    await page.route('**/seed', (r) => r.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>seed</title><link rel="icon" href="data:,">' }));
    await page.goto(env.origin + '/seed');
    await page.evaluate(seed);
  }
  let release;
  const released = new Promise((r) => { release = r; });
  let asked = false;
  await page.route(/_bg\.wasm$/, async (route) => {
    asked = true;
    await released;
    await route.continue();
  });
  await page.goto(env.origin + '/');
  // The loader asks for the wasm at once: from here on, whatever shows was
  // drawn without it.
  await waitFor(() => asked, 'the wasm requested');
  return { context, page, log, release };
}

async function waitFor(cond, what) {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(cond(), what);
}

/** Boxes of the header, the heading and the instructions, in CSS pixels. */
function boxes(page) {
  return page.evaluate(() => Object.fromEntries(['header.top', 'h1', '.intro'].map((s) => {
    const r = document.querySelector(`.app ${s}`).getBoundingClientRect();
    return [s, [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100)];
  })));
}

for (const viewport of [{ width: 1000, height: 900 }, { width: 360, height: 740 }, { width: 820, height: 1180 }]) {
  test(`first paint at ${viewport.width}×${viewport.height}: heading and instructions before the wasm, then the app in the same place with no layout shift`, async () => {
    const { context, page, log, release } = await openHeld(viewport);
    // (a) The wasm is held back: the static screen is painted, with the
    // scale definition's own words, and no slider yet.
    const heading = page.getByRole('heading', { level: 1, name: SRS.heading });
    await heading.waitFor();
    await page.getByText(SRS.intro, { exact: true }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1, 'the header is painted too');
    assert.equal(await page.getByRole('slider').count(), 0, 'no slider before the app');
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'painted before the app ran');
    const before = await boxes(page);
    const header = () => page.evaluate(() => [...document.querySelectorAll('.app header.top :is(a, button, span)')]
      .map((e) => `${e.localName} ${e.className} ${e.getAttribute('href') ?? ''} ${e.textContent}`));
    const headerBefore = await header();

    // (b) The app mounts: the lines appear, the heading and instructions
    // keep their exact boxes and the static copy is gone.
    release();
    await page.getByRole('slider').nth(3).waitFor();
    await page.getByRole('heading', { level: 1, name: SRS.heading }).waitFor();
    assert.equal(await page.locator('#paint').count(), 0, 'the static first paint is taken away');
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'one heading');
    assert.deepEqual(await boxes(page), before, 'header, heading and instructions did not move');
    assert.deepEqual(await header(), headerBefore, 'the static header is the app\'s');

    // Every layout shift up to now has been reported once a shift made on
    // purpose afterwards is: entries come in frame order. That one is the
    // only shift, so the mount caused none (CLS 0).
    const mark = await page.evaluate(() => {
      const at = performance.now();
      const block = document.createElement('div');
      block.style.setProperty('height', '120px');
      document.querySelector('main').prepend(block);
      return at;
    });
    await page.waitForFunction(() => window.__shifts.some((s) => s.value > 0));
    const shifts = await page.evaluate(() => window.__shifts);
    const fromMount = shifts.filter((s) => s.at < mark);
    assert.equal(fromMount.reduce((a, s) => a + s.value, 0), 0, `layout shifts before the control: ${JSON.stringify(fromMount)}`);
    assert.ok(shifts.some((s) => s.at >= mark && s.value > 0), 'the control shift was seen');
    assertClean(env, log);
    await context.close();
  });
}

const ORS_DRAFT = JSON.stringify({
  scale_id: ORS.id, scale_version: ORS.version, client_id: null, session_at: null,
  scores: ORS.items.map(() => null), measure: 'ors', session_id: null,
});

for (const [what, seed, after] of [
  ['an ORS draft', `localStorage.setItem('attune.draft', ${JSON.stringify(ORS_DRAFT)})`,
    (page) => page.getByRole('heading', { level: 1, name: ORS.heading }).waitFor()],
  ['client mode', "localStorage.setItem('attune.locked', '1')",
    (page) => page.locator('main.client-mode').waitFor()],
  ['presentation mode', "sessionStorage.setItem('attune.present', '1')",
    (page) => page.locator('.app.present').waitFor()],
]) {
  test(`first paint with ${what}: the static SRS screen stays hidden; the app draws its own`, async () => {
    const { context, page, log, release } = await openHeld({ width: 1000, height: 900 }, seed);
    // paint.js has run (it is a blocking script in the head) and said no.
    await page.waitForFunction(() => document.readyState !== 'loading');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('no-paint')), true);
    const h1 = page.locator('#paint h1');
    assert.equal(await h1.textContent(), SRS.heading, 'in the page');
    assert.equal(await h1.isVisible(), false, 'but not shown');
    assert.equal(await page.getByRole('heading', { name: SRS.heading }).count(), 0, 'nor to assistive technology');
    release();
    await after(page);
    await page.getByRole('slider').first().waitFor();
    assert.equal(await page.locator('#paint').count(), 0);
    assertClean(env, log);
    await context.close();
  });
}
