// Client mode (a tablet in a client's hands), the therapist PIN, auto-lock,
// and the calibrated 10 cm line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import {
  setup, teardown, openApp, rateAll, slider, axe, assertClean, finishRating, setPin,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

/** True when only the client's form (or thank-you / PIN prompt) shows. */
async function assertClientOnly(page, where) {
  await page.locator('main.client-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\bAB\b|\bZQ\b|Recent ratings|Session review/, `${where}: no labels or history`);
}

async function enterPin(page, pin) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('client mode: form only, no way out by URL, Back, reload or a second tab; PIN to leave', async () => {
  const { context, page, log } = await openApp(env);
  // Handing over without a PIN is refused with a pointer to settings.
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.getByText('Set a therapist PIN before handing the device to a client.').waitFor();
  // A short or mismatched PIN is refused.
  await page.getByLabel('New PIN (4 to 8 digits)').fill('12');
  await page.getByLabel('Repeat the PIN').fill('12');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('#pin-error').filter({ hasText: /4 to 8|at least 4|4–8/ }).waitFor();
  await setPin(page, '4826');
  const stored = await page.evaluate(() => localStorage.getItem('attune.settings'));
  assert.doesNotMatch(stored, /4826/, 'the PIN itself is never stored');
  assert.match(stored, /"iterations":600000/);
  // The stored hash is exactly PBKDF2-HMAC-SHA256(PIN, salt, 600000), checked
  // against Node's independent implementation.
  const rec = JSON.parse(stored).pin;
  assert.equal(rec.algorithm, 'PBKDF2-HMAC-SHA256');
  assert.equal(rec.salt.length, 32);
  assert.equal(pbkdf2Sync('4826', Buffer.from(rec.salt, 'hex'), rec.iterations, 32, 'sha256').toString('hex'), rec.hash);

  // Two clients with history, so there is something to hide.
  for (const label of ['AB', 'ZQ']) {
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('New client').fill(label);
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: label, exact: true }).waitFor();
  }
  await page.getByRole('button', { name: 'AB', exact: true }).click();
  const clientUrl = page.url();
  await page.getByRole('button', { name: 'Rate a session' }).click();
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await assertClientOnly(page, 'locked');

  // Every way out lands on the form.
  await page.goto(clientUrl);
  await assertClientOnly(page, 'typed URL');
  await page.goto(env.origin + '/#/clients');
  await assertClientOnly(page, 'clients URL');
  await page.goBack();
  await assertClientOnly(page, 'Back');
  await page.reload();
  await assertClientOnly(page, 'reload');
  const second = await context.newPage();
  await second.goto(clientUrl);
  await assertClientOnly(second, 'second tab');
  await second.close();
  await page.keyboard.press('Alt+ArrowLeft');
  await assertClientOnly(page, 'keyboard Back');

  // The client rates; the thank-you shows no results.
  await rateAll(page, [0.8, 0.7, 0.6, 0.9]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  await assertClientOnly(page, 'thank-you');
  assert.equal(await page.getByTestId('total').count(), 0);
  assert.deepEqual(await axe(page), [], 'thank-you screen');

  // A wrong PIN is refused; the right one opens the review of that rating.
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await enterPin(page, '0000');
  await page.getByRole('alert').filter({ hasText: 'Wrong PIN.' }).waitFor();
  await assertClientOnly(page, 'after a wrong PIN');
  assert.deepEqual(await axe(page), [], 'PIN prompt');
  await enterPin(page, '4826');
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '30.0 / 40');
  const doc = await page.evaluate(() => attuneStored());
  const ab = doc.clients.find((c) => c.label === 'AB');
  assert.equal(doc.ratings[0].client_id, ab.id, 'the rating belongs to the client chosen before handing over');
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.locked')), null);
  assertClean(env, log);
  await context.close();
});

test('wrong PINs back off: after five, even the right PIN waits', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '123456');
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  for (let i = 1; i <= 5; i++) {
    await enterPin(page, '999999');
    const expected = i < 5 ? 'Wrong PIN.' : 'Try again in 30 s';
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
  }
  await enterPin(page, '123456');
  await page.getByRole('alert').filter({ hasText: /Too many wrong PINs\. Try again in \d+ s/ }).waitFor();
  await assertClientOnly(page, 'locked out');
  // The back-off survives a reload.
  await page.reload();
  await enterPin(page, '123456');
  await page.getByRole('alert').filter({ hasText: /Too many wrong PINs/ }).waitFor();
  assertClean(env, log);
  await context.close();
});

test('auto-lock fires after the configured idle time, not before', async () => {
  const { context, page, log } = await openApp(env);
  // The idle timer runs on the page's clock (setInterval, Date.now), so the
  // test drives that clock rather than wait in real time. Installed, then
  // the page reloaded, so the app's timer starts on it.
  await context.clock.install();
  await page.reload();
  await page.getByRole('slider').first().waitFor();
  await setPin(page, '2468');
  await page.getByLabel(/idle seconds/).fill('3');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  await page.locator('#idle-error').filter({ hasText: 'Use 0 (never) or 5 to 3600 seconds.' }).waitFor();
  await page.getByLabel(/idle seconds/).fill('5');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  await page.getByText('Saved.', { exact: true }).waitFor();
  // Time stops (a second on, well inside the 5 s since the last click); the
  // click on Clients is then the last input, at a known instant.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('New client').waitFor();
  const locked = async () => [
    await page.locator('main.client-mode').count(),
    await page.evaluate(() => localStorage.getItem('attune.locked') !== null),
  ];
  // 4 s idle: the timer has checked four times and must not have locked.
  await page.clock.runFor(4000);
  assert.deepEqual(await locked(), [0, false], 'still open 4 s after the last input');
  // By 6 s it has checked at least once past the 5 s.
  await page.clock.runFor(2000);
  await page.locator('main.client-mode').waitFor();
  assert.deepEqual(await locked(), [1, true], 'locked within 6 s of the last input');
  await page.clock.resume();
  await assertClientOnly(page, 'auto-locked');
  assertClean(env, log);
  await context.close();
});

for (const dpr of [1, 2, 3]) {
  test(`calibration: the line measures 100 mm ± 1 mm at device-pixel ratio ${dpr}`, async () => {
    const { context, page, log } = await openApp(env, { deviceScaleFactor: dpr, viewport: { width: 1000, height: 900 } });
    await page.getByRole('link', { name: 'Settings' }).click();
    const card = page.getByRole('slider', { name: 'Card outline width' });
    // Simulate a screen with 5.00 CSS px per real mm: the card is 428 px wide.
    // Reach it with the keyboard from the nominal width (Shift = 10 px steps).
    await card.focus();
    let width = Number(await card.getAttribute('aria-valuenow'));
    while (width < 428) {
      await page.keyboard.press(428 - width >= 10 ? 'Shift+ArrowRight' : 'ArrowRight');
      width = Number(await card.getAttribute('aria-valuenow'));
    }
    if (dpr === 1) {
      // Dragging the edge works too: drag it to exactly 428 px.
      const box = await card.boundingBox();
      await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 400, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + 428, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
    }
    const cardPx = (await card.boundingBox()).width;
    const pxPerMm = cardPx / 85.6;
    await page.getByRole('button', { name: 'Save calibration' }).click();
    await page.getByText('Saved: rating lines are now drawn 100 mm long').waitFor();
    await page.getByRole('link', { name: 'Rate', exact: true }).click();
    const lineMm = (await slider(page, 'Relationship').boundingBox()).width / pxPerMm;
    assert.ok(Math.abs(lineMm - 100) <= 1, `line is ${lineMm.toFixed(2)} mm (card ${cardPx} px)`);
    // The rating records the calibrated length and the ratio.
    await rateAll(page, [0.5, 0.5, 0.5, 0.5]);
    await finishRating(page);
    await page.getByTestId('total').waitFor();
    const line = await page.evaluate(() => attuneStored().ratings[0].line);
    assert.equal(line.calibrated, true);
    assert.equal(line.dpr_hundredths, dpr * 100);
    assert.ok(Math.abs(line.line_tenth_mm - 1000) <= 10, JSON.stringify(line));
    assertClean(env, log);
    await context.close();
  });
}
