// Trust at the edges: where tabs, screens and storage meet. Client mode that
// reaches tabs already open, a panic that leaves a calm page, quick ratings
// that stay findable, typing that survives store changes, client mode under
// a full quota, the set-aside copy that stays visible, and no sideways
// scrolling on any screen at tablet and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, openApp, rateAll, assertClean, finishRating, setPin, addClient,
  fillStorage, emptyFiller,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });


test('client mode reaches a tab that was already open on a client\'s history', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await addClient(page, 'KX');
  await page.getByRole('button', { name: 'KX', exact: true }).click();
  await page.getByRole('heading', { name: 'Client KX' }).waitFor();
  // A second tab, opened before locking, hands the device over.
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await other.getByRole('slider').first().waitFor();
  await other.getByRole('button', { name: 'Hand to client' }).click();
  await other.locator('main.client-mode').waitFor();
  // The first tab turns into the PIN prompt by itself: nothing of the client left.
  await page.getByRole('heading', { name: 'Therapist PIN' }).waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0);
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /\bKX\b/);
  // A form tab that was open also follows, and the PIN is needed in each.
  const third = await context.newPage();
  await third.goto(env.origin + '/');
  await third.locator('main.client-mode').waitFor();
  await page.getByLabel('PIN', { exact: true }).fill('4826');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Client KX' }).waitFor();
  assert.equal(await other.locator('main.client-mode').count(), 1, 'the other tab stays in client mode');
  assertClean(env, log);
  await context.close();
});

test('a panic shows a calm page with Reload, and nothing stored is touched', async () => {
  const { context, page, log } = await openApp(env);
  await rateAll(page, [0.5, 0.5, 0.5, 0.5]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  const before = await page.evaluate(() => attuneRaw());
  await page.goto(env.origin + '/?attune-panic-test');
  await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  assert.match(await page.getByRole('alert').textContent(), /Your ratings are saved on this device/);
  assert.equal(await page.evaluate(() => attuneRaw()), before);
  // Reload really reloads (the query asks for the panic again, so the notice returns).
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
  await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  // The only errors are the panic's own message and the trap that follows it.
  const panics = log.errors.filter((e) => /panic test requested|unreachable/.test(e));
  assert.ok(panics.some((e) => /Attune stopped: .*panic test requested/.test(e)), log.errors.join('\n'));
  log.errors = log.errors.filter((e) => !panics.includes(e));
  assertClean(env, log);
  await context.close();
});

test('quick ratings saved by two tabs at once are both findable from a fresh tab', async () => {
  const { context, page, log } = await openApp(env);
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await other.getByRole('slider').first().waitFor();
  await rateAll(page, [0.9, 0.9, 0.9, 0.9]);
  await rateAll(other, [0.1, 0.2, 0.3, 0.4]);
  await Promise.all([
    page.getByRole('button', { name: 'Done', exact: true }).click(),
    other.getByRole('button', { name: 'Done', exact: true }).click(),
  ]);
  // Each is written as its own record, so neither can overwrite the other.
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.new.')).length === 2);
  await page.close();
  await other.close();
  const fresh = await context.newPage();
  await fresh.goto(env.origin + '/therapist.html#/clients');
  const list = fresh.getByTestId('unassigned');
  await list.waitFor();
  const text = await list.innerText();
  assert.match(text, /36\.0/);
  assert.match(text, /10\.0/);
  // The therapist page took both into the document.
  await fresh.waitForFunction(() => attuneStored().ratings.length === 2);
  // Each opens, and can be assigned from its review.
  await list.getByRole('button', { name: /Open the rating/ }).first().click();
  await fresh.getByTestId('total').waitFor();
  assertClean(env, log);
  await context.close();
});

test('typed note text survives a date change here and a save in another tab', async () => {
  const { context, page, log } = await openApp(env);
  await rateAll(page, [0.6, 0.6, 0.6, 0.6]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  await page.getByLabel('What the client said (optional)').fill('wanted more time on sleep');
  await page.getByLabel('What you will change (optional)').fill('start with sleep next week');
  await page.getByLabel('Session date').fill('2026-01-05T10:30');
  await page.getByLabel('Session date').blur();
  await page.waitForFunction(() => attuneStored().ratings[0].session_at.startsWith('2026-01-05'));
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await rateAll(other, [0.3, 0.3, 0.3, 0.3]);
  await other.getByRole('button', { name: 'Done', exact: true }).click();
  await other.getByTestId('thanks').waitFor();
  // The first tab takes in the other's rating (its recent list grows) ...
  await page.getByTestId('recent').locator('li').nth(1).waitFor();
  // ... and what was typed is still there.
  assert.equal(await page.getByLabel('What the client said (optional)').inputValue(), 'wanted more time on sleep');
  assert.equal(await page.getByLabel('What you will change (optional)').inputValue(), 'start with sleep next week');
  assert.match(await page.getByTestId('note').inputValue(), /sleep/);
  assertClean(env, log);
  await context.close();
});

test('client mode under a full quota: refused when the lock cannot be stored; a rating the client makes is kept', async () => {
  const { context, page, log } = await openApp(env);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); d.dismiss(); });
  await setPin(page, '4826');
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await page.getByRole('slider').first().waitFor();
  assert.ok(await fillStorage(page) > 0);
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.getByTestId('notice-banner').filter({ hasText: 'Client mode did not start' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.locked')), null);
  assert.equal(await page.locator('main.client-mode').count(), 0, 'not pretending to lock');
  // With room for the lock, client mode starts; then storage fills up again.
  await emptyFiller(page);
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.locator('main.client-mode').waitFor();
  await fillStorage(page);
  await rateAll(page, [0.2, 0.4, 0.6, 0.8]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  // The client sees nothing alarming.
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /not saved|full|error/i);
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).fill('4826');
  await page.getByRole('button', { name: 'Unlock' }).click();
  // The therapist gets the rating and the banner with the ways out.
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '20.0 / 40');
  const banner = page.getByTestId('unsaved-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /storage for Attune is full/);
  assert.deepEqual(dialogs, [], 'no "Leave site?" on the way to the review');
  await emptyFiller(page);
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await banner.waitFor({ state: 'detached' });
  const stored = await page.evaluate(() => attuneStored().ratings.map((r) => r.scores));
  assert.deepEqual(stored, [[20, 40, 60, 80]]);
  log.errors = log.errors.filter((e) => !/quota|QuotaExceeded/i.test(e));
  assertClean(env, log);
  await context.close();
});

test('the set-aside copy of unreadable data stays on the Data screen until dealt with', async () => {
  const { context, page, log } = await openApp(env);
  await page.evaluate(() => localStorage.setItem('attune.data', '{"schema":"attune","version":2,"clie'));
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByTestId('storage-banner').waitFor();
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await rateAll(page, [0.7, 0.7, 0.7, 0.7]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  await page.reload();
  await page.getByTestId('total').waitFor();
  // Saved over, reloaded: the therapist page still points at the copy.
  await page.getByTestId('quarantine-banner').waitFor();
  await page.getByRole('link', { name: 'See Data' }).click();
  const section = page.getByTestId('quarantine');
  await section.waitFor();
  const remove = section.getByRole('button', { name: 'Delete the copy' });
  assert.equal(await remove.isDisabled(), true, 'delete only after a download');
  const [dl] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the copy' }).click()]);
  assert.ok(dl.suggestedFilename().startsWith('attune.quarantine.'));
  await remove.click();
  await section.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.quarantine.')).length), 0);
  assertClean(env, log);
  await context.close();
});

/** A stored document with one client and `n` sessions a week apart. */
function history(n) {
  const ratings = Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 5 + 7 * i, 10)).toISOString().replace('.000Z', 'Z');
    const s = 60 + ((i * 37) % 40);
    return {
      id: `r-${i}`, recorded_at: at, session_at: at, client_id: 'c-1', scores: [s, 95, s - 10, 90],
      scale_id: 'srs-attune', scale_version: 1,
    };
  });
  return JSON.stringify({
    schema: 'attune', version: 2, last_backup_at: '2026-11-20T10:00:00Z',
    clients: [{ id: 'c-1', label: 'LW', archived: false, created_at: '2026-01-01T10:00:00Z', updated_at: '2026-01-01T10:00:00Z' }],
    ratings,
  });
}

test('no screen scrolls sideways at 360, 768, 820 and 1024 px wide, with 30 sessions of history', async () => {
  const { context, page, log } = await openApp(env);
  await page.evaluate((d) => localStorage.setItem('attune.data', d), history(30));
  const screens = ['/', '/therapist.html#/clients', '/therapist.html#/client/c-1', '/therapist.html#/review/r-29',
    '/therapist.html#/spoken', '/therapist.html#/data', '/therapist.html#/settings'];
  for (const width of [360, 768, 820, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const url of screens) {
      await page.goto(env.origin + url);
      await page.locator('main').first().waitFor();
      await page.locator('main h1').first().waitFor();
      const { sw, cw, inner } = await page.evaluate(() => ({
        sw: document.documentElement.scrollWidth,
        cw: document.documentElement.clientWidth,
        // A table in its own scrolling box hides columns just the same.
        inner: [...document.querySelectorAll('main *')].filter((el) => el.scrollWidth > el.clientWidth + 1
          && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)).map((el) => el.className),
      }));
      assert.ok(sw <= cw, `${url} at ${width}px scrolls sideways (${sw} > ${cw})`);
      assert.deepEqual(inner, [], `${url} at ${width}px has a box that scrolls sideways`);
    }
  }
  assertClean(env, log);
  await context.close();
});
