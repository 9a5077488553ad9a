// Offline use, installability, updates and the Content-Security-Policy, in
// real headless Chromium. Each test starts its own static server, so one can
// be stopped (the network "gone") without touching the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import {
  DIST, CHROMIUM_ARGS, tapAt, rateAll, valueOf, axe, finishRating, installStoredReaders, stopServer,
} from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => { await browser.close(); });

/**
 * Opens the app with a recorder of CSP violations installed before any page
 * script runs, plus console errors.
 */
async function open(origin) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await installStoredReaders(context);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}: ${e.sample}`);
    }, true);
  });
  const errors = [];
  // Every page of the context, second tabs included.
  context.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${p.url()})`); });
    p.on('pageerror', (e) => errors.push(`${String(e)} (${p.url()})`));
  });
  const page = await context.newPage();
  await page.goto(origin + '/');
  await page.getByRole('slider').first().waitFor();
  return { context, page, errors };
}

/** Waits until a service worker is active and controls the page. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const violations = (page) => page.evaluate(() => window.__csp);

/** Four taps and Done; resolves when the review shows. */
async function fullRating(page, fractions) {
  await rateAll(page, fractions);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
}

async function get(origin, file) {
  const res = await fetch(`${origin}/${file}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

test('sw.js, its registration script and the manifest are real files of the right type', async () => {
  const { server, origin } = await serve(DIST);
  try {
    for (const file of ['sw.js', 'sw-register.js']) {
      const r = await get(origin, file);
      assert.equal(r.status, 200, file);
      assert.match(r.type, /^text\/javascript/, `${file} type`);
      const text = r.body.toString('utf8');
      assert.doesNotMatch(text.trimStart(), /^</, `${file} is not HTML`);
      // It compiles as a script (a syntax error would leave the app online-only).
      assert.doesNotThrow(() => new vm.Script(text, { filename: file }), file);
    }
    // The precache list names every built file (hashed names included) but itself.
    const sw = (await get(origin, 'sw.js')).body.toString('utf8');
    const assets = JSON.parse(sw.match(/const ASSETS = (\[.*\]);/)[1]);
    const built = fs.readdirSync(DIST).filter((f) => f !== 'sw.js').sort();
    assert.deepEqual(assets, built);
    // Trunk's hashes drop leading zeros, so they are not always 16 digits.
    assert.ok(assets.some((f) => /^attune-[0-9a-f]{8,16}_bg\.wasm$/.test(f)), 'the hashed wasm is precached');
    assert.ok(assets.some((f) => /^therapist-[0-9a-f]{8,16}_bg\.wasm$/.test(f)), 'the therapist page is precached too');
    assert.ok(assets.some((f) => /^form-[0-9a-f]{8,16}_bg\.wasm$/.test(f)), 'the full form module is precached too');
    assert.ok(assets.includes('therapist.html'));
    assert.match(sw, /const VERSION = "[0-9a-f]{8,16}";/);

    const m = await get(origin, 'manifest.webmanifest');
    assert.equal(m.status, 200);
    assert.match(m.type, /^application\/manifest\+json/);
    const manifest = JSON.parse(m.body.toString('utf8'));
    assert.equal(manifest.name, 'Attune');
    assert.equal(typeof manifest.short_name, 'string');
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `icon sizes ${sizes}`);
    assert.ok(manifest.icons.some((i) => i.purpose.split(' ').includes('maskable')), 'a maskable icon');
    for (const icon of manifest.icons) {
      const r = await get(origin, icon.src);
      assert.equal(r.status, 200, icon.src);
      assert.equal(r.type, icon.type, `${icon.src} type`);
      if (icon.type === 'image/png') {
        // PNG header, then IHDR width and height (big-endian) must match "sizes".
        assert.equal(r.body.subarray(1, 4).toString('latin1'), 'PNG', icon.src);
        assert.equal(`${r.body.readUInt32BE(16)}x${r.body.readUInt32BE(20)}`, icon.sizes, icon.src);
      } else {
        assert.match(r.body.toString('utf8'), /^<svg /, icon.src);
      }
    }
  } finally {
    await stopServer(server);
  }
});

test('Chromium finds the app installable, and its manifest free of errors', async () => {
  const { server, origin } = await serve(DIST);
  // A real profile: Chromium never offers installing in an incognito-like context.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS,
  });
  const errors = [];
  const watch = (p) => {
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(origin + '/');
    await page.getByRole('slider').first().waitFor();
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, `${origin}/manifest.webmanifest`);
    assert.deepEqual(manifest.errors, []);
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await stopServer(server);
  }
});

test('the CSP meta tag is strict and pins each inline script (the paint guard, the loader) by its sha256', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  const sources = Object.values(directives).flat();
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'blob:', 'http:', 'https:']) {
    assert.ok(!sources.includes(bad), `no ${bad} in the policy`);
  }
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/src=/.test(m[1]));
  // Only two are inline: the first paint's guard (web/paint.js), first, and
  // the loader; each is pinned by its own hash and nothing else is allowed.
  assert.deepEqual(inline.map((m) => m[1].trim()), ['data-paint', 'data-loader'], 'only paint.js and the loader are inline');
  const hashes = inline.map((m) => `'sha256-${crypto.createHash('sha256').update(m[2]).digest('base64')}'`);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'", ...hashes]);
  // The meta tag must come before any script, or those scripts escape it.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'policy first');
});

test('the form page\'s head: the first module requested before paint.js, the loader a classic script that runs during the parse, sw-register.js async', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  const at = (re, what) => {
    const m = head.match(re);
    assert.ok(m, `the head has ${what}`);
    return m.index;
  };
  const paint = at(/<script data-paint>/, 'the first paint\'s script');
  // paint.js's first look at localStorage holds up the parser: what the
  // first screen needs is already on its way.
  assert.ok(at(/<link rel="preload" href="[^"]+\.css" as="style"/, 'a preload of the stylesheet') < paint, 'the stylesheet preloaded first');
  assert.ok(at(/<link rel="modulepreload" href="\/?attune-[0-9a-f]+\.js"/, 'the first module\'s JS') < paint, 'the first module\'s JS first');
  assert.ok(at(/<link rel="preload" href="\/?attune-[0-9a-f]+_bg\.wasm"/, 'the first module\'s wasm') < paint, 'the first module\'s wasm first');
  // A classic inline script runs where it stands; an inline module (even an
  // async one) only after the whole page is parsed.
  const loader = at(/<script data-loader>/, 'the loader');
  assert.ok(paint < loader, 'the loader after paint.js, which decides the module');
  assert.ok(loader < at(/<link rel="stylesheet"/, 'the stylesheet'), 'the loader before the stylesheet, so it never waits for it');
  assert.match(head, /<script src="sw-register\.js" async><\/script>/, 'sw-register.js holds up neither the parse nor the start');
});

test('CSP: a full rating and the review cause no violation, and the policy is enforced', async () => {
  const { server, origin } = await serve(DIST);
  const { context, page, errors } = await open(origin);
  try {
    await tapAt(page, 'Relationship', 0.3);
    // The mark's position is set through the CSSOM, which style-src allows.
    const mark = page.locator('.vas').first().locator('.vas-mark');
    assert.equal(await mark.evaluate((el) => el.style.left), '30%');
    const line = await page.locator('.vas').first().boundingBox();
    const markBox = await mark.boundingBox();
    assert.ok(Math.abs(markBox.x + markBox.width / 2 - (line.x + line.width * 0.3)) < 2, 'the mark is drawn at 3.0');
    await page.keyboard.press('ArrowRight');
    assert.equal(await valueOf(page, 'Relationship'), '3.1');
    await tapAt(page, 'Goals and Topics', 0.5);
    await tapAt(page, 'Approach or Method', 0.8);
    await tapAt(page, 'Overall', 1);
    await finishRating(page);
    await page.getByTestId('total').waitFor();
    // The review's bars are sized through the CSSOM too, and really drawn.
    const widths = await page.locator('.bar').evaluateAll((bars) => bars.map((b) => b.style.width));
    assert.deepEqual(widths, ['31%', '50%', '80%', '100%']);
    const bars = await page.locator('.bar').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
    assert.ok(bars[3] > bars[2] && bars[2] > bars[1] && bars[1] > bars[0] && bars[0] > 0, `bar widths ${bars}`);
    await page.getByRole('button', { name: 'New rating' }).click();
    await page.getByRole('slider').first().waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);

    // Positive controls: the recorder works and the policy really applies.
    // (eval cannot be probed from here: DevTools evaluation is exempt.)
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      const d = document.createElement('div');
      d.innerHTML = '<span style="color: red">x</span>';
      document.body.append(d);
    });
    await page.waitForFunction(() => window.__csp.length >= 2);
    const seen = await violations(page);
    assert.ok(seen.some((v) => v.startsWith('script-src-elem')), `inline script blocked: ${seen}`);
    assert.ok(seen.some((v) => v.startsWith('style-src-attr')), `inline style blocked: ${seen}`);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
  } finally {
    await context.close();
    await stopServer(server);
  }
});

test('after one visit the app starts and rates with the network off and the server gone', async () => {
  const { server, origin } = await serve(DIST);
  const { context, page, errors } = await open(origin);
  try {
    await controlled(page);
    // A first visit offers no update.
    assert.equal(await page.getByTestId('update-banner').count(), 0);
    // Nothing in flight (the worker's update check, a late asset) when the
    // server goes: cutting a request would be the test's own error.
    await page.waitForLoadState('networkidle');
    await stopServer(server);
    await context.setOffline(true);
    // Really gone: nothing answers at the origin any more.
    await assert.rejects(fetch(origin + '/index.html'));

    await page.reload();
    await page.getByRole('slider').first().waitFor();
    assert.equal(await valueOf(page, 'Relationship'), null);
    await fullRating(page, [0.9, 0.8, 0.7, 0.6]);
    assert.equal((await page.getByTestId('total').textContent()).trim(), '30.0 / 40');
    const stored = await page.evaluate(() => attuneStored());
    assert.equal(stored.ratings.length, 1);
    assert.deepEqual(stored.ratings[0].scores, [90, 80, 70, 60]);
    assert.equal(await page.evaluate(() => localStorage.getItem('attune.draft')), null);

    // A new tab of the installed app, still offline, opens on the review link too.
    const second = await context.newPage();
    await second.goto(`${origin}/#/review/${stored.ratings[0].id}`);
    await second.getByTestId('total').waitFor();
    assert.equal((await second.getByTestId('total').textContent()).trim(), '30.0 / 40');
    await second.close();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    if (server.listening) await stopServer(server);
  }
});

test('a new version is offered only between ratings and applied on the user\'s word', async () => {
  // A copy of the build that can be changed into "version 2" while served.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-update-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const { server, origin } = await serve(dir);
  const { context, page, errors } = await open(origin);
  try {
    await controlled(page);
    const [before] = await page.evaluate(() => caches.keys());
    // A rating is under way when version 2 is published.
    await tapAt(page, 'Relationship', 0.5);
    for (const page of ['index.html', 'therapist.html']) {
      const html = fs.readFileSync(path.join(dir, page), 'utf8');
      fs.writeFileSync(path.join(dir, page), html.replace('<title>', '<meta name="attune-test-build" content="2" />\n    <title>'));
    }
    // The real build step makes the new sw.js (new version, new cache name).
    execFileSync('node', [path.join(ROOT, 'scripts/postbuild.mjs'), dir], { stdio: 'pipe' });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
    // Installed and waiting, but the client is mid-rating: the offer is
    // looked at (twice, so at least once after the version was waiting) and withheld.
    const seen = await page.evaluate(() => Number(document.documentElement.dataset.updateChecks || 0));
    await page.waitForFunction((n) => Number(document.documentElement.dataset.updateChecks || 0) >= n + 2, seen);
    assert.equal(await page.getByTestId('update-banner').count(), 0, 'no offer mid-rating');
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 0);

    // Done: the therapist's review may show the offer.
    await rateAll(page, [0.5, 0.6, 0.7, 0.8]);
    await finishRating(page);
    await page.getByTestId('total').waitFor();
    const banner = page.getByTestId('update-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Update available/);
    assert.deepEqual(await axe(page), [], 'the review with the offer');
    // Still the old version until the user says so.
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 0);

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Update now' }).click()]);
    await page.getByTestId('total').waitFor();
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 1, 'version 2 is showing');
    const after = await page.evaluate(() => caches.keys());
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before, 'the old version\'s cache is gone');
    const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
    assert.equal(`attune-${sw.match(/const VERSION = "([0-9a-f]+)"/)[1]}`, after[0]);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.state), 'activated');
    // Nothing was lost and no new offer is pending.
    const stored = await page.evaluate(() => attuneStored());
    assert.equal(stored.ratings.length, 1);
    assert.equal(await page.getByTestId('update-banner').count(), 0);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
