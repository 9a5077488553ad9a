// The therapist's side: clients, discussion prompts, the note snippet, and a
// client's history (table and chart), driven as a therapist would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, rateAll, axe, assertClean, finishRating } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

/** Adds a client from the Clients screen. */
async function addClient(page, label) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('New client').fill(label);
  await page.getByRole('button', { name: 'Add client' }).click();
}

/** Opens a client's history from the Clients screen. */
async function openClient(page, label) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: `Client ${label}` }).waitFor();
}

/** Starts a rating for a client, marks the four lines and presses Done. */
async function rateFor(page, label, fractions) {
  await openClient(page, label);
  await page.getByRole('button', { name: 'Rate a session' }).click();
  await rateAll(page, fractions);
  await finishRating(page);
  await page.getByTestId('prompt').waitFor();
}

/** The history table's rows as [session, 4 items, total, alerts]. */
async function historyRows(page) {
  await page.getByTestId('history-table').waitFor();
  return page.getByTestId('history-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
}

test('clients: a full name is refused, a code is added, renamed and archived', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'Jane Doe');
  assert.match(await page.getByRole('alert').first().textContent(), /full name/);
  assert.equal(await page.getByTestId('client-list').locator('li').count(), 0);
  await page.getByLabel('New client').fill('C-07');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByRole('button', { name: 'C-07', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Rename C-07' }).click();
  await page.getByLabel('New label').fill('KM');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'KM', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Archive KM' }).click();
  assert.equal(await page.getByTestId('client-list').locator('li').count(), 0, 'archived clients are hidden');
  await page.getByLabel(/Show archived clients/).check();
  await page.getByRole('button', { name: 'Restore KM' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'KM', exact: true }).waitFor();
  assert.deepEqual(await axe(page), []);
  assertClean(env, log);
  await context.close();
});

test('three sessions with a drop: prompts, chart marker, note copied, back-dating, reload', async () => {
  const { context, page, log } = await openApp(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  await addClient(page, 'JD');

  // Session 1: high marks; the first session with this client.
  await rateFor(page, 'JD', [0.95, 0.95, 0.95, 0.95]);
  assert.equal((await page.getByTestId('total').textContent()).trim(), '38.0 / 40');
  assert.equal(await page.getByTestId('prompt').getAttribute('data-situation'), 'First session');

  // Session 2: every item 9.0, total 36.0, a fall of 2.0 → a drop.
  await rateFor(page, 'JD', [0.9, 0.9, 0.9, 0.9]);
  assert.equal(await page.getByTestId('prompt').getAttribute('data-situation'), 'Drop');

  // Session 3: Approach or Method falls to 5.0 → a sudden drop about that item.
  await rateFor(page, 'JD', [0.9, 0.9, 0.5, 0.9]);
  const prompt = page.getByTestId('prompt');
  assert.equal(await prompt.getAttribute('data-situation'), 'Sudden drop');
  assert.match(await prompt.textContent(), /Approach or Method/);
  assert.equal(await prompt.locator('ol.steps li').count(), 3, 'three steps');
  assert.match(await page.getByTestId('status-detail').textContent(), /Approach or Method/);
  assert.match(await page.getByTestId('say').textContent(), /^Say: .*Approach or Method/);

  // The note: two optional fields, then Copy.
  await page.getByLabel('What the client said (optional)').fill('the session felt too structured');
  await page.getByLabel('What you will change (optional)').fill('Agreed to leave the first ten minutes open');
  const expected = /^\d{4}-\d\d-\d\d, client JD\nSRS total: 32\.0\/40; lowest item: Approach or Method \(5\.0\/10\)\. Client's feedback: "the session felt too structured"\. Therapist's response: "Agreed to leave the first ten minutes open"\.$/;
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid=note]').value), expected.source);
  const note = await page.getByTestId('note').inputValue();
  assert.match(note, expected);
  await page.getByRole('button', { name: 'Copy note' }).click();
  await page.getByTestId('copy-status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), note);
  assert.deepEqual(await axe(page), [], 'review with prompt and note');

  // History: newest first; the chart marks both drops.
  await openClient(page, 'JD');
  let rows = await historyRows(page);
  assert.deepEqual(rows.map((r) => r[5]), ['32.0 / 40', '36.0 / 40', '38.0 / 40']);
  // Every alert the domain knows, in words.
  assert.match(rows[0][6], /Below cutoff/);
  assert.match(rows[0][6], /Sudden drop/);
  assert.match(rows[0][6], /Approach or Method \(5\.0\)/);
  assert.match(rows[1][6], /^Drop of 2\.0 since last session$/);
  assert.equal(rows[2][6], '');
  assert.equal(await page.getByTestId('drop-marker').count(), 2);
  const chart = page.getByTestId('trend-chart');
  assert.match(await page.locator('figure.chart figcaption').textContent(), /3 sessions .* 2 drops \(1 sudden\)/);
  assert.deepEqual(await axe(page), [], 'history');

  // A paper rating entered afterwards: a quick rating, assigned and back-dated at review.
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await rateAll(page, [0.7, 0.7, 0.7, 0.7]);
  await finishRating(page);
  await page.getByLabel('Client', { exact: true }).selectOption({ label: 'JD' });
  await page.getByLabel('Session date').fill('2020-03-02T10:30');
  await page.getByLabel('Session date').blur();
  await page.waitForFunction(() => attuneStored().ratings
    .some((r) => r.session_at.startsWith('2020-03-02') && r.client_id));
  await openClient(page, 'JD');
  rows = await historyRows(page);
  assert.deepEqual(rows.map((r) => r[5]), ['32.0 / 40', '36.0 / 40', '38.0 / 40', '28.0 / 40'], 'the back-dated session is the oldest');
  assert.ok(rows[3][0].startsWith('2020-03-02'), rows[3][0]);
  // 28.0 → 38.0 is a rise, so still two drops, now in a four-point line.
  assert.equal(await page.getByTestId('drop-marker').count(), 2);
  const points = (await chart.locator('polyline.total-line').getAttribute('points')).split(' ');
  assert.equal(points.length, 4);
  const ys = points.map((p) => Number(p.split(',')[1]));
  assert.ok(ys[0] > ys[1], 'the chart starts with the back-dated (lowest) session');

  // Everything survives a reload.
  await page.reload();
  rows = await historyRows(page);
  assert.equal(rows.length, 4);
  assertClean(env, log);
  await context.close();
});

test('a future session date is refused with a message and changes nothing', async () => {
  const { context, page, log } = await openApp(env);
  await rateAll(page, [0.5, 0.5, 0.5, 0.5]);
  await finishRating(page);
  // The review's page takes the form's record into the document first.
  await page.waitForFunction(() => attuneStored() !== null);
  const before = await page.evaluate(() => attuneRaw());
  await page.getByLabel('Session date').fill('2999-01-01T10:00');
  await page.getByLabel('Session date').blur();
  await page.getByRole('alert').filter({ hasText: 'cannot be in the future' }).waitFor();
  assert.equal(await page.evaluate(() => attuneRaw()), before);
  assertClean(env, log);
  await context.close();
});
