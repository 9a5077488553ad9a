// The therapist's own view: the caseload (who needs attention first, and
// why), quick ratings assigned from it, sessions logged without a rating, and
// "My alliance" on a seeded caseload with figures worked out by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, axe, assertClean } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stored document (version 4) from clients and [clientId|null, daysAgo, scores] ratings. */
function doc(clients, ratings, unrated = []) {
  const now = Date.now();
  return JSON.stringify({
    schema: 'attune', version: 4, last_backup_at: iso(now - DAY),
    clients: clients.map(([id, label]) => ({ id, label, archived: false, created_at: iso(now - 400 * DAY) })),
    ratings: ratings.map(([client, daysAgo, scores], i) => ({
      id: `r-${i}`, recorded_at: iso(now - daysAgo * DAY), session_at: iso(now - daysAgo * DAY),
      client_id: client, scores, scale_id: 'srs-attune', scale_version: 1,
    })),
    unrated,
  });
}

async function seed(page, text, url) {
  // A device holding exactly this document: records from earlier seeds go,
  // or Attune would (rightly) take the document in beside them.
  await page.evaluate((t) => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('attune.r.')) localStorage.removeItem(k);
    localStorage.setItem('attune.data', t);
  }, text);
  await page.goto(env.origin + url);
  // A new fragment alone does not load the page again: make sure it reads the seed.
  await page.reload();
}

const caseRows = (page) => page.getByTestId('caseload').locator('tbody tr').evaluateAll((trs) =>
  trs.map((tr) => ({ label: tr.querySelector('.client-label').textContent, reason: tr.querySelector('[data-testid=case-reason]').textContent })));

test('the caseload puts who needs attention first, with the reason in words; filter and search', async () => {
  const { context, page, log } = await openApp(env);
  const high = [95, 95, 95, 95];
  await seed(page, doc(
    [['c-ok', 'OK'], ['c-gone', 'GN'], ['c-fall', 'FL']],
    [
      ['c-ok', 14, high], ['c-ok', 7, high],
      ['c-gone', 37, high], ['c-gone', 30, high],
      ['c-fall', 14, high], ['c-fall', 7, [80, 80, 60, 70]],
    ],
  ), '/therapist.html#/clients');
  await page.getByTestId('caseload').waitFor();
  const rows = await caseRows(page);
  assert.deepEqual(rows.map((r) => r.label), ['FL', 'GN', 'OK'], JSON.stringify(rows));
  assert.match(rows[0].reason, /sudden drop/i);
  assert.match(rows[1].reason, /30 days|3 weeks/i);
  assert.doesNotMatch(rows[2].reason, /drop|cutoff|weeks/i);
  // Filter by a flag, then search by label.
  await page.getByLabel('Show').selectOption({ label: 'Not seen for 3 weeks or more' });
  assert.deepEqual((await caseRows(page)).map((r) => r.label), ['GN']);
  await page.getByLabel('Show').selectOption({ label: 'All active clients' });
  await page.getByLabel('Find a client').fill('o');
  assert.deepEqual((await caseRows(page)).map((r) => r.label), ['OK']);
  assert.deepEqual(await axe(page), [], 'caseload');
  for (const width of [360, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(wide, false, `no sideways scrolling at ${width}px`);
  }
  assertClean(env, log);
  await context.close();
});

test('a quick rating is assigned from the caseload; a session without a rating is logged', async () => {
  const { context, page, log } = await openApp(env);
  await seed(page, doc([['c-1', 'QR']], [['c-1', 7, [90, 90, 90, 90]], [null, 0, [70, 80, 90, 60]]]), '/therapist.html#/clients');
  const list = page.getByTestId('unassigned');
  await list.getByRole('button', { name: /Open the rating/ }).click();
  await page.getByLabel('Client', { exact: true }).selectOption({ label: 'QR' });
  await page.waitForFunction(() => attuneStored().ratings.every((r) => r.client_id));
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByTestId('caseload').waitFor();
  assert.equal(await page.getByTestId('unassigned').count(), 0, 'nothing left to assign');
  const sessions = await page.getByTestId('caseload').locator('td[data-label="Sessions"]').first().textContent();
  assert.equal(sessions.trim(), '2');
  // No rating today, with a reason: kept and listed on the client's page.
  await page.getByRole('button', { name: 'QR', exact: true }).click();
  await page.getByRole('button', { name: 'No rating today' }).click();
  await page.getByLabel('Why (optional)').fill('crisis session');
  await page.getByRole('button', { name: 'Log the session' }).click();
  await page.getByTestId('unrated').filter({ hasText: 'crisis session' }).waitFor();
  const stored = await page.evaluate(() => attuneStored());
  assert.equal(stored.version, 5);
  assert.deepEqual(stored.unrated.map((u) => [u.client_id, u.reason]), [['c-1', 'crisis session']]);
  assert.deepEqual(await axe(page), [], 'client page with a session without a rating');
  assertClean(env, log);
  await context.close();
});

test('My alliance on a seeded caseload shows the figures worked out by hand', async () => {
  const { context, page, log } = await openApp(env);
  const clients = [['w1', 'W1'], ['w2', 'W2'], ['w3', 'W3'], ['w4', 'W4']];
  const scores = { w1: [100, 100, 100, 100], w2: [95, 95, 95, 95], w3: [80, 80, 80, 80], w4: [95, 95, 85, 95] };
  const ratings = [];
  for (const [id] of clients) for (let week = 6; week >= 1; week--) ratings.push([id, week * 7, scores[id]]);
  const unrated = [{ id: 'u-1', client_id: 'w1', at: iso(Date.now() - 3 * DAY), reason: 'ran out of time' }];
  await seed(page, doc(clients, ratings, unrated), '/therapist.html#/clients');
  await page.getByRole('link', { name: 'My alliance' }).click();
  await page.getByRole('heading', { name: 'My alliance' }).waitFor();
  const text = async (key) => (await page.getByTestId(`figure-${key}`).innerText()).replace(/\s+/g, ' ');
  // 24 sessions: W3 (total 32.0) and W4 (an item at 8.5) gave feedback every time: 12 of 24.
  assert.match(await text('feedback'), /12 of 24 sessions \(50%\)/);
  // W1 and W2 rate at the ceiling every time: 2 of 4 clients.
  assert.match(await text("ceiling"), /2 of 4 clients with 3 or more sessions \(50%\)/);
  // First sessions: 40.0, 38.0, 32.0 and 37.0 → median 37.5.
  assert.match(await text('first'), /37\.5/);
  // Only W4 has a lowest item (the others are level): Approach or Method.
  assert.match(await text('lowest'), /Approach or Method/);
  // One logged session without a rating: 24 of 25 rated.
  assert.match(await text('rated'), /24 of 25 sessions \(96%\)/);
  for (const key of ['feedback', 'ceiling', 'first', 'lowest', 'rated']) {
    assert.doesNotMatch(await text(key), /grade|score you|poor|fail/i, `${key}: never a grade`);
  }
  assert.deepEqual(await axe(page), [], 'my alliance');
  // Too few sessions: a shorter list says so instead of a number.
  await seed(page, doc(clients.slice(0, 1), ratings.slice(0, 3)), '/therapist.html#/alliance');
  await page.getByRole('heading', { name: 'My alliance' }).waitFor();
  assert.match(await text('feedback'), /too early/i);
  assertClean(env, log);
  await context.close();
});
