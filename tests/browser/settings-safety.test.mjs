// Client mode holds under faults in the settings record: an unreadable
// record never removes the PIN (it is set aside and the recovery code is
// the way in), a PIN change needs the current PIN, and the wrong-PIN
// back-off survives a reload even when localStorage is full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { setup, teardown, openApp, axe, assertClean } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const QUARANTINE = 'attune.settings.quarantine.';

/** Sets a PIN from Settings and returns the recovery code shown once. */
async function setPinGetCode(page, pin, current) {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  if (current !== undefined) await page.getByLabel('Current PIN (or the recovery code)').fill(current);
  await page.getByLabel('New PIN (4 to 8 digits)').fill(pin);
  await page.getByLabel('Repeat the PIN').fill(pin);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  const code = (await page.getByTestId('recovery-code-text').textContent()).trim();
  assert.match(code, /^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/, 'six groups of four, Crockford base32');
  await page.getByText('PIN saved.').waitFor();
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await page.getByTestId('recovery-code').waitFor({ state: 'detached' });
  return code;
}

const settingsText = (page) => page.evaluate(() => localStorage.getItem('attune.settings'));
const quarantined = (page) => page.evaluate((prefix) => Object.keys(localStorage)
  .filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)]), QUARANTINE);

/** PBKDF2-HMAC-SHA256 by Node, to check a stored record independently. */
function hashMatches(record, secret) {
  return pbkdf2Sync(secret, Buffer.from(record.salt, 'hex'), record.iterations, 32, 'sha256').toString('hex') === record.hash;
}

async function assertClientOnly(page, where) {
  await page.locator('main.client-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\bAB\b|Recent ratings|Session review/, `${where}: no client labels`);
}

async function enterPin(page, pin) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

async function handOver(page) {
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.getByRole('button', { name: 'Therapist: unlock' }).waitFor();
}

const corruptions = [
  ['bad JSON', (text) => text.slice(0, -9)],
  ['an unknown algorithm name', (text) => text.replace('"PBKDF2-HMAC-SHA256"', '"ARGON2ID-V2"')],
];

for (const [what, corrupt] of corruptions) {
  test(`settings with ${what} while locked: the prompt holds, the record is set aside, the recovery code opens`, async () => {
    const { page, context, log } = await openApp(env);
    const code = await setPinGetCode(page, '4826');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('New client').fill('AB');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: 'AB', exact: true }).waitFor();
    await handOver(page);
    const bad = corrupt(await settingsText(page));
    await page.evaluate((t) => localStorage.setItem('attune.settings', t), bad);

    // The form page (small decoder) keeps client mode.
    await page.reload();
    await assertClientOnly(page, 'form after the damage');
    await page.getByRole('button', { name: 'Therapist: unlock' }).click();

    // The therapist page: the prompt, a plain explanation, the copy set aside byte for byte.
    const banner = page.getByTestId('settings-banner');
    await banner.waitFor();
    await assertClientOnly(page, 'prompt');
    const copies = await quarantined(page);
    assert.equal(copies.length, 1, 'one copy set aside');
    assert.equal(copies[0][1], bad, 'the copy is the record, byte for byte');
    const said = await banner.textContent();
    assert.match(said, /settings could not be used/);
    assert.ok(said.includes(copies[0][0]), 'the banner names the copy');
    assert.match(said, /client mode stays on: unlock with the recovery code, then set a new PIN/);
    assert.equal(await settingsText(page), bad, 'the record itself is not overwritten');
    assert.deepEqual(await axe(page), [], 'prompt with the settings banner');

    // Neither the old PIN nor an empty one opens it (the record cannot be checked).
    await enterPin(page, '4826');
    await page.getByRole('alert').filter({ hasText: 'The stored PIN could not be read' }).waitFor();
    await page.reload();
    await page.getByTestId('settings-banner').waitFor();
    await enterPin(page, '');
    await page.getByRole('alert').filter({ hasText: 'The stored PIN could not be read' }).waitFor();
    await assertClientOnly(page, 'after an empty PIN');
    assert.equal(await page.evaluate(() => localStorage.getItem('attune.locked')), '1');
    assert.equal((await quarantined(page)).length, 1, 'a reload reuses the copy');

    // A wrong code is refused; the right one (typed loosely) opens Settings.
    await page.getByRole('button', { name: 'Use the recovery code' }).click();
    await page.getByLabel('Recovery code').fill('0000-0000-0000-0000-0000-0000');
    await page.getByRole('button', { name: 'Unlock with the code' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not the recovery code.' }).waitFor();
    await assertClientOnly(page, 'after a wrong code');
    await page.getByLabel('Recovery code').fill(code.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Unlock with the code' }).click();
    await page.getByText('Recovery code accepted: set a new PIN now.').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('attune.locked')), null);
    await page.getByTestId('settings-banner').waitFor();

    // Other settings wait for the new PIN (they would store a record without one).
    await page.getByLabel(/idle seconds/).fill('60');
    await page.getByRole('button', { name: 'Save auto-lock' }).click();
    await page.locator('#idle-error').filter({ hasText: 'Set a new PIN first' }).waitFor();
    assert.equal(await settingsText(page), bad);

    // A new PIN, without the old one: a fresh record; the copy stays.
    assert.equal(await page.getByLabel('Current PIN (or the recovery code)').count(), 0);
    const newCode = await setPinGetCode(page, '7391');
    assert.notEqual(newCode, code, 'a new code replaces the used one');
    await page.getByTestId('settings-banner').waitFor({ state: 'detached' });
    const fresh = JSON.parse(await settingsText(page));
    assert.ok(hashMatches(fresh.pin, '7391'), 'the new PIN is stored (as a hash)');
    assert.deepEqual(await quarantined(page), copies, 'the set-aside copy is untouched');
    const recovery = JSON.parse(await page.evaluate(() => localStorage.getItem('attune.recovery')));
    assert.ok(hashMatches(recovery, newCode.replaceAll('-', '')), 'only the new code\'s hash is stored');
    assert.doesNotMatch(JSON.stringify(await page.evaluate(() => ({ ...localStorage }))), new RegExp(newCode.replaceAll('-', '-?')));

    // Client mode works again with the new PIN.
    await handOver(page);
    await page.getByRole('button', { name: 'Therapist: unlock' }).click();
    await enterPin(page, '7391');
    await page.getByRole('button', { name: 'AB', exact: true }).waitFor();
    assertClean(env, log);
    await context.close();
  });
}

test('changing the PIN needs the current PIN or the recovery code', async () => {
  const { page, context, log } = await openApp(env);
  const code = await setPinGetCode(page, '4826');
  const before = JSON.parse(await settingsText(page));
  // An open settings screen is not proof (a stale unlocked tab, a client).
  await page.getByLabel('New PIN (4 to 8 digits)').fill('1111');
  await page.getByLabel('Repeat the PIN').fill('1111');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('#pin-error').filter({ hasText: 'Enter the current PIN (or the recovery code) to change it.' }).waitFor();
  assert.deepEqual(JSON.parse(await settingsText(page)).pin, before.pin, 'no change without the current PIN');
  // A wrong current PIN is refused and counts as a wrong PIN.
  await page.getByLabel('Current PIN (or the recovery code)').fill('0000');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('#pin-error').filter({ hasText: 'The current PIN is not right.' }).waitFor();
  const after = JSON.parse(await settingsText(page));
  assert.deepEqual(after.pin, before.pin);
  assert.equal(after.backoff.failed, 1, 'the wrong PIN counts towards the back-off');
  // The right one changes it.
  await setPinGetCode(page, '1111', '4826');
  assert.ok(hashMatches(JSON.parse(await settingsText(page)).pin, '1111'));
  // So does the recovery code made with the latest PIN… but not the spent one.
  await page.getByLabel('Current PIN (or the recovery code)').fill(code);
  await page.getByLabel('New PIN (4 to 8 digits)').fill('2222');
  await page.getByLabel('Repeat the PIN').fill('2222');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('#pin-error').filter({ hasText: 'That is not the recovery code.' }).waitFor();
  assert.ok(hashMatches(JSON.parse(await settingsText(page)).pin, '1111'));
  assertClean(env, log);
  await context.close();
});

test('wrong PINs with storage full: the back-off still holds after a reload', async () => {
  const { page, context, log } = await openApp(env);
  await setPinGetCode(page, '123456');
  await handOver(page);
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).waitFor();
  // Fill what is left of the quota, down to single characters.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      for (;;) {
        try { localStorage.setItem(`filler.${n++}`, 'x'.repeat(size)); } catch { break; }
      }
    }
    return n;
  });
  assert.ok(filled > 0);
  for (let i = 1; i <= 5; i++) {
    await enterPin(page, '999999');
    const expected = i < 5 ? 'Wrong PIN.' : 'Try again in 30 s';
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
  }
  const stored = JSON.parse(await settingsText(page)).backoff;
  assert.equal(stored.failed, 0, 'localStorage took none of it (the quota is full)');
  await page.reload();
  await enterPin(page, '123456');
  await page.getByRole('alert').filter({ hasText: /Too many wrong PINs\. Try again in \d+ s/ }).waitFor();
  await assertClientOnly(page, 'still waiting after the reload');
  log.errors = log.errors.filter((e) => !/quota|QuotaExceeded/i.test(e));
  assertClean(env, log);
  await context.close();
});
