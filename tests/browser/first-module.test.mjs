// The form's two modules (src/domain/screens/lean.rs): the plain form starts
// with the first module alone (attune-*: the lines, Done, the header, the
// draft; Done's thank-you, the rating saved by the full module instantiated
// ahead); client mode, from this tab or another, hands the page to the full
// module (form-*) with the draft's marks kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, tapAt, valueOf, rateAll, assertClean, setPin } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const FIRST = /\/attune-[0-9a-f]+_bg\.wasm$/;
const FULL = /\/form-[0-9a-f]+_bg\.wasm$/;

/**
 * The wasm modules this page load asked for, each with when its request
 * started (ms after navigation), and when the lines were ready.
 */
async function modules(page) {
  return page.evaluate(() => ({
    ready: performance.getEntriesByName('attune-ready')[0]?.startTime ?? null,
    wasm: performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.wasm'))
      .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
  }));
}

/** Asserts that the first module alone made the lines usable. */
async function assertFirstModuleOnly(page, where) {
  await page.waitForFunction(() => performance.getEntriesByName('attune-ready').length > 0);
  const { ready, wasm } = await modules(page);
  assert.ok(wasm.some((w) => FIRST.test(w.name)), `${where}: the first module loads (${JSON.stringify(wasm)})`);
  assert.deepEqual(wasm.filter((w) => !FIRST.test(w.name) && !FULL.test(w.name)), [], `${where}: no other module`);
  // The full module may be fetched ahead, but only once the lines are usable.
  for (const w of wasm.filter((x) => FULL.test(x.name))) {
    assert.ok(w.start > ready, `${where}: the full module was asked for at ${w.start} ms, before the lines were ready at ${ready} ms`);
  }
  assert.equal(await page.locator('main.client-mode').count(), 0);
}

/** Marks two lines and returns their values. */
async function markTwo(page) {
  await tapAt(page, 'Relationship', 0.3);
  await tapAt(page, 'Overall', 0.8);
  const marks = [await valueOf(page, 'Relationship'), await valueOf(page, 'Overall')];
  assert.ok(marks.every((v) => v !== null), 'both marked');
  return marks;
}

/** Asserts the page shows client mode's form with `marks` kept and the rest blank. */
async function assertClientModeWith(page, marks, where) {
  await page.locator('main.client-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation in client mode`);
  assert.deepEqual([await valueOf(page, 'Relationship'), await valueOf(page, 'Overall')], marks, `${where}: the marks are kept`);
  assert.equal(await valueOf(page, 'Goals and Topics'), null, `${where}: the unmarked line stays blank`);
  await page.getByRole('button', { name: 'Therapist: unlock' }).waitFor();
}

test('the plain form starts with the first module alone; Hand to client reaches the full module with the marks kept', async () => {
  const { context, page, log } = await openApp(env);
  await assertFirstModuleOnly(page, 'first visit');
  await setPin(page, '4826');
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await page.getByRole('slider').first().waitFor();
  await assertFirstModuleOnly(page, 'back on the form');
  const marks = await markTwo(page);
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await assertClientModeWith(page, marks, 'this tab');
  const { wasm } = await modules(page);
  assert.ok(wasm.some((w) => FULL.test(w.name)), 'the full module was loaded');
  // The client finishes the rating in the full module: the thank-you follows.
  await tapAt(page, 'Goals and Topics', 0.5);
  await tapAt(page, 'Approach or Method', 0.6);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  // A reload in client mode starts with the full module (paint.js: not plain).
  await page.reload();
  await page.locator('main.client-mode').waitFor();
  assertClean(env, log);
  await context.close();
});

test('client mode started in another tab reaches a first-module tab within a second, its marks kept', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await page.getByRole('slider').first().waitFor();
  const marks = await markTwo(page);
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await other.getByRole('slider').first().waitFor();
  await assertFirstModuleOnly(other, 'second tab');
  // The second tab's form shows this tab's marks (one draft, kept at every mark).
  assert.deepEqual([await valueOf(other, 'Relationship'), await valueOf(other, 'Overall')], marks);
  const start = Date.now();
  await other.getByRole('button', { name: 'Hand to client' }).click();
  await page.locator('main.client-mode').waitFor({ timeout: 1000 });
  assert.ok(Date.now() - start < 1000, `client mode reached the first tab after ${Date.now() - start} ms`);
  await assertClientModeWith(page, marks, 'first tab');
  await assertClientModeWith(other, marks, 'second tab');
  assertClean(env, log);
  await context.close();
});

test('presentation mode and a therapist screen named in the address are the full module\'s', async () => {
  const { context, page, log } = await openApp(env);
  await assertFirstModuleOnly(page, 'plain');
  const marks = await markTwo(page);
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await page.locator('.app.present').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Presentation mode' }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual([await valueOf(page, 'Relationship'), await valueOf(page, 'Overall')], marks, 'the marks are kept');
  assert.ok((await modules(page)).wasm.some((w) => FULL.test(w.name)), 'the full module has the page');
  // Presentation mode is this tab's: it comes back on reload, with the full module.
  await page.reload();
  await page.locator('.app.present').waitFor();
  await page.getByRole('slider').first().waitFor();
  const reloaded = await modules(page);
  assert.ok(reloaded.wasm.some((w) => FULL.test(w.name)), 'reloaded with the full module');
  // Another screen named in the address of a first-module tab opens it.
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await other.getByRole('slider').first().waitFor();
  await assertFirstModuleOnly(other, 'a new tab (presentation mode is per tab)');
  await other.evaluate(() => { location.hash = '#/clients'; });
  await other.waitForURL(/therapist\.html#\/clients/);
  await other.getByLabel('New client').waitFor();
  assertClean(env, log);
  await context.close();
});

test('offline after one visit: Done on a first-module form reaches the full module from the service worker\'s cache', async () => {
  const { context, page, log } = await openApp(env);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('slider').first().waitFor();
  await assertFirstModuleOnly(page, 'offline');
  await tapAt(page, 'Relationship', 0.9);
  await tapAt(page, 'Goals and Topics', 0.8);
  await tapAt(page, 'Approach or Method', 0.7);
  await tapAt(page, 'Overall', 0.6);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  // The full module saved the rating: one record, the draft gone.
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.new.')).length === 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.draft')), null, 'the draft is cleared once the rating is kept');
  assert.ok((await modules(page)).wasm.some((w) => FULL.test(w.name)), 'the full module has the page');
  await context.setOffline(false);
  assertClean(env, log);
  await context.close();
});

test('a keyboard user pressing presentation mode on a first-module form keeps the focus on the toggle through the hand-over', async () => {
  const { context, page, log } = await openApp(env);
  await assertFirstModuleOnly(page, 'plain');
  const toggle = page.getByRole('button', { name: 'Presentation mode' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await page.locator('.app.present').waitFor();
  // The first module's drawing is gone once the full module has the page.
  await page.waitForFunction(() => document.getElementById('first-module') === null);
  assert.equal(await toggle.evaluate((el) => el === document.activeElement), true,
    `focus stays on the toggle pressed (on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))})`);
  // The same key again turns it off, as before the split.
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('.app.present'));
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assertClean(env, log);
  await context.close();
});

test('a hand-over that cannot load the full module gives the form back, says so, keeps the marks, and the next press goes on', async () => {
  // No service worker: the full module comes from the network, which fails.
  const { context, page, log } = await openApp(env, { serviceWorkers: 'block' });
  let blocked = true;
  await context.route(FULL, (route) => (blocked ? route.abort() : route.continue()));
  await page.reload();
  await page.getByRole('slider').first().waitFor();
  await rateAll(page, [0.2, 0.4, 0.6, 0.8]);
  const titles = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];
  const marks = await Promise.all(titles.map((t) => valueOf(page, t)));
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByText('The rest of the form could not be loaded, so nothing was done. Your marks are kept on this device').waitFor();
  assert.equal(await page.locator('[inert]').count(), 0, 'the form is given back');
  assert.deepEqual(await Promise.all(titles.map((t) => valueOf(page, t))), marks, 'the marks are kept');
  assert.equal(await page.getByTestId('thanks').count(), 0);
  // The connection is back: the same button goes on to the thank-you.
  blocked = false;
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  // The refused requests are the test's own doing; nothing else may be logged.
  log.errors = log.errors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e));
  assertClean(env, log);
  await context.close();
});

test('Done on a first-module form, the full module instantiated ahead: saved without a hand-over, the thank-you drawn by the first module, the review opens the rating, New rating gives a blank form', async () => {
  const { context, page, log } = await openApp(env);
  await assertFirstModuleOnly(page, 'plain');
  // The loader instantiates the full module once the page is idle.
  await page.waitForFunction(() => typeof window.attuneSaveDone === 'function');
  await rateAll(page, [0.9, 0.8, 0.7, 0.85]);
  const values = await Promise.all(['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'].map((t) => valueOf(page, t)));
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  // The first module still has the page: nothing was handed over for Done.
  assert.equal(await page.locator('#first-module .thanks').count(), 1, 'the thank-you is the first module\'s');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'thanks-heading', 'the thank-you takes the focus');
  await page.getByText('Your answers are saved. Please hand the device back to your therapist.').waitFor();
  const stored = await page.evaluate(() => ({
    records: Object.keys(localStorage).filter((k) => k.startsWith('attune.new.')).length,
    draft: localStorage.getItem('attune.draft'),
  }));
  assert.deepEqual(stored, { records: 1, draft: null }, 'one rating record stored, the draft let go');
  // The review opens that rating on the therapist page.
  await page.getByRole('button', { name: 'Therapist: open the review' }).click();
  await page.waitForURL(/therapist\.html#\/review\//);
  await page.getByRole('heading', { name: 'Session review' }).waitFor();
  const total = values.reduce((a, v) => a + Math.round(Number(v) * 10), 0) / 10;
  assert.equal(await page.getByTestId('total').textContent(), `${total.toFixed(1)} / 40`);
  // New rating after a Done: the full module draws a blank form.
  await page.goto(env.origin + '/');
  await assertFirstModuleOnly(page, 'again');
  await page.waitForFunction(() => typeof window.attuneSaveDone === 'function');
  await rateAll(page, [0.5, 0.5, 0.5, 0.5]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('button', { name: 'New rating' }).click();
  await page.getByRole('slider', { name: 'Relationship', exact: true }).waitFor();
  assert.equal(await page.locator('#first-module').count(), 0, 'the full module has the page');
  assert.equal(await valueOf(page, 'Relationship'), null, 'a blank form');
  assertClean(env, log);
  await context.close();
});
