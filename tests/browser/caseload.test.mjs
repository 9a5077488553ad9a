// The therapist's own view: the caseload (who needs attention first, and
// why), quick ratings assigned from it, sessions logged without a rating, and
// "My alliance" on a seeded caseload with figures worked out by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, axe, assertClean, forgetRecords } from './harness.mjs';

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
  await forgetRecords(page);
  await page.evaluate((t) => localStorage.setItem('attune.data', t), text);
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
  await page.getByRole('button', { name: 'Session without a rating' }).click();
  await page.getByLabel('Why (optional)').fill('crisis session');
  await page.getByRole('button', { name: 'Log the session' }).click();
  await page.getByTestId('unrated').filter({ hasText: 'crisis session' }).waitFor();
  const stored = await page.evaluate(() => attuneStored());
  assert.equal(stored.version, 8);
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

test('a session without a rating counts as a session, can be back-dated, and "not seen" counts calendar days', async () => {
  // A device in New York on Monday 22 June 2026 at 09:00.
  const { context, page, log } = await openApp(env, { timezoneId: 'America/New_York' });
  await page.clock.setFixedTime(new Date('2026-06-22T13:00:00Z'));
  const rated = (id, client, at) => ({
    id, recorded_at: at, session_at: at, client_id: client,
    scores: [95, 95, 95, 95], scale_id: 'srs-attune', scale_version: 1,
  });
  await seed(page, JSON.stringify({
    schema: 'attune', version: 4, last_backup_at: '2026-06-21T12:00:00Z',
    clients: [
      { id: 'c-nd', label: 'ND', archived: false, created_at: '2026-01-01T12:00:00Z' },
      { id: 'c-lg', label: 'LG', archived: false, created_at: '2026-01-01T12:00:00Z' },
    ],
    ratings: [
      // Monday three weeks ago at 17:00 New York time: 21 calendar days,
      // though only 20 days and 16 hours have passed.
      rated('r-nd', 'c-nd', '2026-06-01T21:00:00Z'),
      // 25 days ago.
      rated('r-lg', 'c-lg', '2026-05-28T13:00:00Z'),
    ],
    unrated: [],
  }), '/therapist.html#/clients');
  await page.getByTestId('caseload').waitFor();
  const row = (label) => page.getByTestId('caseload').locator('tbody tr')
    .filter({ has: page.getByRole('button', { name: label, exact: true }) });
  assert.match(await row('ND').getByTestId('case-reason').innerText(), /Not seen for 21 days/);
  assert.match(await row('LG').getByTestId('case-reason').innerText(), /Not seen for 25 days/);

  // LG was in fact seen on Saturday without a rating: logged afterwards.
  await page.getByRole('button', { name: 'LG', exact: true }).click();
  await page.getByRole('button', { name: 'Session without a rating' }).click();
  await page.getByLabel('When the session took place').fill('2026-06-20T10:00');
  await page.getByLabel('Why (optional)').fill('client declined');
  await page.getByRole('button', { name: 'Log the session' }).click();
  await page.getByText('Logged: a session without a rating on 2026-06-20 10:00.').waitFor();
  const stored = await page.evaluate(() => attuneStored().unrated);
  assert.deepEqual(stored.map((u) => [u.client_id, u.at, u.reason]), [['c-lg', '2026-06-20T14:00:00Z', 'client declined']]);

  // A date in the future is refused, and nothing is logged.
  await page.getByRole('button', { name: 'Session without a rating' }).click();
  await page.getByLabel('When the session took place').fill('2026-06-24T10:00');
  await page.getByRole('button', { name: 'Log the session' }).click();
  await page.getByRole('status').filter({ hasText: /future/i }).waitFor();
  assert.equal((await page.evaluate(() => attuneStored().unrated)).length, 1);

  // The caseload counts it everywhere a session counts.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByTestId('caseload').waitFor();
  assert.doesNotMatch(await row('LG').getByTestId('case-reason').innerText(), /Not seen/);
  assert.equal((await row('LG').locator('td[data-label="Sessions"]').innerText()).trim(), '2');
  assert.equal((await row('LG').locator('td[data-label="Last session"]').innerText()).trim(), '2026-06-20 10:00');
  assert.equal((await row('LG').locator('td[data-label="Last total"]').innerText()).trim(), '38.0 / 40');
  assertClean(env, log);
  await context.close();
});

test('the caseload is a table on a laptop, above the fold under the banner and checklist, and stacked rows below 1024 px', async () => {
  const { context, page, log } = await openApp(env, { viewport: { width: 1280, height: 800 } });
  const clients = [['k1', 'AB'], ['k2', 'CD'], ['k3', 'EF'], ['k4', 'GH'], ['k5', 'IJ'], ['k6', 'KL']];
  const ratings = clients.flatMap(([id], i) => [[id, 30 + i, [95, 95, 95, 95]], [id, 3 + i, [80, 85, 75, 90]]]);
  // Backed up 40 days ago, no PIN: the backup banner and the checklist show.
  const text = JSON.parse(doc(clients, ratings));
  text.last_backup_at = iso(Date.now() - 40 * DAY);
  await seed(page, JSON.stringify(text), '/therapist.html#/clients');
  await page.getByTestId('caseload').waitFor();
  await page.getByTestId('backup-banner').waitFor();
  await page.getByTestId('checklist').waitFor();

  const layout = () => page.getByTestId('caseload').evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th')];
    const first = table.querySelector('tbody tr');
    const cells = [...first.children];
    const box = (el) => el.getBoundingClientRect();
    return {
      rowDisplay: getComputedStyle(first).display,
      headsShown: heads.map((h) => box(h).width > 0 && box(h).height > 0),
      headsCut: heads.filter((h) => h.scrollWidth > h.clientWidth).map((h) => h.textContent),
      headX: heads.map((h) => Math.round(box(h).left)),
      cellX: cells.map((c) => Math.round(box(c).left)),
      firstRowBottom: box(first).bottom,
      scrollY: window.scrollY,
      wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
  for (const width of [1920, 1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const l = await layout();
    assert.equal(l.rowDisplay, 'table-row', `${width}px: rows are table rows`);
    assert.deepEqual(l.headsShown, [true, true, true, true, true, true], `${width}px: every heading shown`);
    assert.deepEqual(l.headsCut, [], `${width}px: no heading cut off`);
    assert.deepEqual(l.cellX, l.headX, `${width}px: each cell under its heading`);
    assert.equal(l.wide, false, `${width}px: no sideways scrolling`);
    if (width === 1280) {
      assert.equal(l.scrollY, 0);
      assert.ok(l.firstRowBottom <= 800, `the first client is above the fold at 1280×800 (bottom ${l.firstRowBottom})`);
    }
  }
  for (const width of [1000, 768, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const l = await layout();
    assert.notEqual(l.rowDisplay, 'table-row', `${width}px: stacked rows`);
    assert.equal(l.wide, false, `${width}px: no sideways scrolling`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(await axe(page), [], 'caseload at 1280 px');
  assertClean(env, log);
  await context.close();
});
