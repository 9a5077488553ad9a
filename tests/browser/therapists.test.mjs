// A clinic's therapists on one device: the first therapist named takes the
// clients already here, each caseload is read apart with "All therapists"
// beside them, a new client joins the caseload of the therapist working now,
// and a transfer moves a client while the history keeps who saw each session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, assertClean, axe, setPin } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An SRS of `client` at `at`, every item `item` tenths. */
const srs = (id, client, at, item) => ({
  id, recorded_at: iso(at), session_at: iso(at), client_id: client,
  scores: [item, item, item, item], scale_id: 'srs-attune', scale_version: 1,
});

const stored = (page) => page.evaluate(() => attuneStored());

/** The labels of the caseload's rows, in order. */
const caseload = (page) => page.getByTestId('caseload').locator('.client-label').allTextContents();

test('therapists on one device: caseloads apart, all of them together, a transfer that keeps who saw each session', async () => {
  const { context, page, log } = await openApp(env);
  const now = Date.now();
  // Version 5 data: no therapist named anywhere yet.
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify({
    schema: 'attune', version: 5, last_backup_at: iso(now), unrated: [],
    clients: ['AA', 'BB', 'CC'].map((label) => ({ id: `c-${label}`, label, archived: false, created_at: iso(now - 30 * DAY) })),
    ratings: [
      srs('r-a1', 'c-AA', now - 20 * DAY, 90), srs('r-a2', 'c-AA', now - 13 * DAY, 92),
      srs('r-b1', 'c-BB', now - 12 * DAY, 88), srs('r-c1', 'c-CC', now - 11 * DAY, 91),
    ],
  }));
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByTestId('caseload').waitFor();
  // A device that names no therapist works as before: nothing to choose.
  assert.equal(await page.getByTestId('working-bar').count(), 0);
  assert.equal(await page.getByLabel('Whose clients').count(), 0);
  assert.deepEqual((await caseload(page)).sort(), ['AA', 'BB', 'CC']);

  // Name the therapists: the first takes the clients already here.
  await page.getByRole('link', { name: 'Settings' }).click();
  // Asked, not assumed: on a device that syncs these may be the whole clinic's.
  assert.equal(await page.getByLabel('Give them the 3 clients already on this device').isChecked(), true);
  await page.getByLabel("Therapist's name").fill('Dana');
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByText('Dana added, with the 3 clients already on this device.').waitFor();
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Dana');
  await page.getByLabel("Therapist's name").fill('dana');
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByText('Another therapist here already goes by “Dana”.').waitFor();
  await page.getByLabel("Therapist's name").fill('Lee');
  await page.getByLabel('Clinic lead (their own PIN opens every hand-over on this device)').check();
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByText('Lee added.').waitFor();
  assert.equal(await page.getByLabel('Lee is a clinic lead').isChecked(), true);
  assert.equal(await page.getByLabel('Dana is a clinic lead').isChecked(), false);
  let data = await stored(page);
  assert.deepEqual(data.clients.map((c) => c.therapist), ['Dana', 'Dana', 'Dana']);

  // Dana's caseload, and a new client joins it.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByTestId('caseload').waitFor();
  assert.equal(await page.getByLabel('Whose clients').inputValue(), 't:Dana');
  await page.getByLabel('New client').fill('DD');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByRole('button', { name: 'DD', exact: true }).waitFor();
  data = await stored(page);
  assert.equal(data.clients.find((c) => c.label === 'DD').therapist, 'Dana');
  assert.deepEqual((await caseload(page)).sort(), ['AA', 'BB', 'CC', 'DD']);
  assert.deepEqual(await axe(page), [], 'axe on the caseload with the therapists');

  // Lee starts work on this device: his caseload is empty, everyone's is whole.
  await page.getByLabel('Therapist working now').selectOption('Lee');
  await page.getByTestId('caseload-empty').waitFor();
  assert.equal(await page.getByLabel('Whose clients').inputValue(), 't:Lee');
  await page.getByLabel('Whose clients').selectOption({ label: 'All therapists' });
  await page.getByRole('button', { name: 'AA', exact: true }).waitFor();
  assert.deepEqual((await caseload(page)).sort(), ['AA', 'BB', 'CC', 'DD']);

  // AA moves to Lee; the sessions Dana held still say so.
  await page.getByRole('button', { name: 'AA', exact: true }).click();
  await page.getByText("In Dana's caseload.").waitFor();
  await page.getByLabel('Transfer to').selectOption('Lee');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByText("Moved to Lee's caseload. Earlier sessions still say they were Dana's.").waitFor();
  await page.getByText("In Lee's caseload.").waitFor();
  const seen = await page.getByTestId('history-table').locator('td.seen-by').allTextContents();
  assert.deepEqual(seen, ['Dana', 'Dana']);
  data = await stored(page);
  const aa = data.clients.find((c) => c.label === 'AA');
  assert.equal(aa.therapist, 'Lee');
  assert.deepEqual(data.ratings.filter((r) => r.client_id === aa.id).map((r) => r.therapist), ['Dana', 'Dana']);
  assert.equal(data.ratings.length, 4, 'no rating lost or added');
  assert.deepEqual(await axe(page), [], 'axe on the client page with the transfer');
  await page.setViewportSize({ width: 360, height: 800 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scrolling at 360 px');
  await page.setViewportSize({ width: 1000, height: 900 });

  // After a reload Lee is still working, and his caseload holds AA alone.
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByRole('button', { name: 'AA', exact: true }).waitFor();
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Lee');
  assert.deepEqual(await caseload(page), ['AA']);
  // A session Lee holds, entered by voice on this page, records him.
  await page.getByRole('button', { name: 'AA', exact: true }).click();
  await page.getByRole('button', { name: 'Enter spoken scores' }).click();
  for (const t of ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall']) {
    await page.getByLabel(`${t} (0 to 10)`).fill('9');
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => attuneStored().ratings.length === 5);
  const spoken = (await stored(page)).ratings.find((r) => !['r-a1', 'r-a2', 'r-b1', 'r-c1'].includes(r.id));
  assert.equal(spoken.therapist, 'Lee');
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('button', { name: 'AA', exact: true }).waitFor();
  // Dana's outcomes report and alliance are hers: the picker says whose.
  await page.getByRole('link', { name: 'My alliance' }).click();
  assert.equal(await page.getByLabel('Whose clients').inputValue(), 't:Lee');
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('link', { name: 'Outcomes report' }).click();
  assert.equal(await page.getByLabel('Whose clients').inputValue(), 't:Lee');

  assertClean(env, log);
  await context.close();
});

async function enterPin(page, pin) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Hands the device over from the therapist page and opens the PIN prompt. */
async function handOver(page) {
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).waitFor();
}

/** Waits until client mode is over, then opens the caseload. */
async function unlockedTo(page, env) {
  await page.waitForFunction(() => localStorage.getItem('attune.locked') === null);
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByLabel('Therapist working now').waitFor();
}

async function setTherapistPin(page, name, pin, current) {
  if (current !== undefined) await page.getByLabel(`${name}'s current PIN, or the device PIN`).fill(current);
  await page.getByLabel(`${name}'s own PIN (4 to 8 digits)`).fill(pin);
  await page.getByLabel(`Repeat ${name}'s PIN`).fill(pin);
  await page.getByRole('button', { name: `Save ${name}'s PIN` }).click();
}

test("each therapist's own PIN opens only their own hand-over (a lead's opens any) and makes them the one working", async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '9090');
  for (const [name, lead] of [['Dana', false], ['Lee', false], ['Kim', true]]) {
    await page.getByLabel("Therapist's name").fill(name);
    if (lead) await page.getByLabel('Clinic lead (their own PIN opens every hand-over on this device)').check();
    await page.getByRole('button', { name: 'Add therapist' }).click();
    await page.getByText(`${name} added`).waitFor();
  }
  for (const [name, pin] of [['Dana', '2468'], ['Lee', '1357'], ['Kim', '8642']]) {
    await setTherapistPin(page, name, pin);
    await page.getByText(`${name}'s PIN saved.`).waitFor();
  }
  const stored = await page.evaluate(() => localStorage.getItem('attune.therapists'));
  assert.doesNotMatch(stored, /2468|1357|8642/, 'no PIN is stored, only its hash');
  assert.deepEqual(await axe(page), [], 'axe on Settings with the therapists and their PINs');

  // Dana was working when she handed it over: Lee's PIN is not hers.
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Dana');
  await handOver(page);
  await enterPin(page, '1357');
  await page.getByRole('alert').filter({ hasText: 'Wrong PIN.' }).waitFor();
  assert.notEqual(await page.evaluate(() => localStorage.getItem('attune.locked')), null, 'still in client mode');
  await enterPin(page, '2468');
  await unlockedTo(page, env);
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Dana');

  // Lee works next: Dana's PIN does not open his hand-over; the lead's does,
  // and the lead is then the one working.
  await page.getByLabel('Therapist working now').selectOption('Lee');
  await handOver(page);
  await enterPin(page, '2468');
  await page.getByRole('alert').filter({ hasText: 'Wrong PIN.' }).waitFor();
  await enterPin(page, '8642');
  await unlockedTo(page, env);
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Kim');

  // The device PIN opens any hand-over and changes nobody.
  await handOver(page);
  await enterPin(page, '9090');
  await unlockedTo(page, env);
  assert.equal(await page.getByLabel('Therapist working now').inputValue(), 'Kim');

  // No colleague replaces Dana's PIN without hers (or the device PIN).
  await page.getByRole('link', { name: 'Settings' }).click();
  await setTherapistPin(page, 'Dana', '1111', '1357');
  await page.getByText("That is neither Dana's current PIN nor the device PIN.").waitFor();
  // The wrong PIN counts towards the back-off, as at the PIN prompt.
  const failed = () => page.evaluate(() => JSON.parse(localStorage.getItem('attune.settings')).backoff.failed);
  assert.equal(await failed(), 1);
  await setTherapistPin(page, 'Dana', '1111', '2468');
  await page.getByText("Dana's PIN saved.").waitFor();
  assert.equal(await failed(), 0);

  assertClean(env, log);
  await context.close();
});
