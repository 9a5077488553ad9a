// The whole session: the ORS at the start (the past week), its review, the
// SRS at the end and its review; in client mode on a touch screen, resumed
// after a reload, and read over three sessions on the chart and the table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, openApp, axe, assertClean, setPin, addClient, TABLET, rateLines,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const ORS = ['Individually', 'Interpersonally', 'Socially', 'Overall'];
const SRS = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];

/** In client mode: nothing but the form, its thank-you or the PIN prompt. */
async function assertClientOnly(page, where) {
  await page.locator('main.client-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\bKL\b|ORS total|intake|cutoff|Session review|\/\s*40/i, `${where}: no labels, figures or history`);
}

async function unlock(page, pin) {
  await page.getByRole('button', { name: 'Therapist: unlock' }).first().click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** The stored document (therapist page writes it once records are taken in). */
const stored = (page) => page.evaluate(() => attuneStored());

test('a full session in client mode on a touch screen: ORS, hand back, ORS review, SRS, SRS review; no results shown to the client', async () => {
  const { context, page, log } = await openApp(env, TABLET);
  await setPin(page, '4826');
  await addClient(page, 'KL');
  await page.getByRole('button', { name: 'KL', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();

  // The client sees the ORS: the past week, on the same blank lines.
  await assertClientOnly(page, 'ORS form');
  await page.getByRole('heading', { name: 'How has the past week been?' }).waitFor();
  assert.match(await page.locator('.intro').textContent(), /past week/);
  for (const t of ORS) assert.equal(await page.getByRole('slider', { name: t, exact: true }).getAttribute('aria-valuenow'), null, `${t} starts blank`);
  assert.deepEqual(await axe(page), [], 'ORS form');
  await rateLines(page, ORS, [0.3, 0.4, 0.5, 0.35], true);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await assertClientOnly(page, 'thank-you after the ORS');

  // Handed back: the PIN, then the ORS review.
  await unlock(page, '4826');
  await page.getByRole('heading', { name: /the past week \(ORS\)/ }).waitFor();
  const total = parseFloat(await page.getByTestId('ors-total').textContent());
  assert.ok(total > 13 && total < 18, `ORS total ${total} from marks at 30/40/50/35 %`);
  assert.match(await page.getByTestId('ors-cutoff').textContent(), /below the adult cutoff of 25\.0/);
  assert.match(await page.getByTestId('ors-intake').textContent(), /intake|baseline|first/i);
  await page.getByTestId('ors-prompt').getByText('Say:').waitFor();
  assert.deepEqual(await axe(page), [], 'ORS review');

  // The end of the session: the SRS, handed over again.
  await page.getByRole('button', { name: 'Hand to client for the SRS' }).click();
  await assertClientOnly(page, 'SRS form');
  await page.getByRole('heading', { name: "How was today's session?" }).waitFor();
  for (const t of SRS) assert.equal(await page.getByRole('slider', { name: t, exact: true }).getAttribute('aria-valuenow'), null, `${t} starts blank`);
  await rateLines(page, SRS, [0.9, 0.85, 0.95, 0.9], true);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await assertClientOnly(page, 'thank-you after the SRS');
  await unlock(page, '4826');
  await page.getByRole('heading', { name: 'Session review' }).waitFor();
  await page.getByTestId('total').waitFor();

  // One session holds both measures.
  await page.waitForFunction(() => ((attuneStored() || {}).ratings || []).length === 2);
  const doc = await stored(page);
  assert.equal(doc.version, 8);
  const [ors, srs] = [doc.ratings.find((r) => r.measure === 'ors'), doc.ratings.find((r) => !r.measure)];
  assert.ok(ors && srs, 'an ORS and an SRS');
  assert.equal(ors.scale_id, 'ors-attune');
  assert.ok(ors.session_id && ors.session_id === srs.session_id, 'the same session');
  assert.equal(ors.client_id, srs.client_id);

  // The client's page: the session is complete, nothing waits.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'KL', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).waitFor();
  assert.equal(await page.getByTestId('session-open').count(), 0);
  assertClean(env, log);
  await context.close();
});

test('a session resumes after a reload: the ORS marks, then the SRS still to come', async () => {
  const { context, page, log } = await openApp(env);
  // A rating begun on the form and left: starting a session never wipes it unasked.
  await rateLines(page, SRS.slice(0, 1), [0.4], false);
  await addClient(page, 'RS');
  await page.getByRole('button', { name: 'RS', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: ORS here' }).click();
  await page.getByText('The form holds marks of a rating not yet finished.').waitFor();
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await page.getByRole('heading', { name: "How was today's session?" }).waitFor();
  assert.ok(await page.getByRole('slider', { name: 'Relationship', exact: true }).getAttribute('aria-valuenow'), 'the mark is still there');
  await page.getByRole('button', { name: 'Clear all marks' }).click();
  assert.equal(await page.getByRole('slider', { name: 'Relationship', exact: true }).getAttribute('aria-valuenow'), null);
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'RS', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: ORS here' }).click();
  await page.getByRole('heading', { name: 'How has the past week been?' }).waitFor();
  await rateLines(page, ORS.slice(0, 2), [0.6, 0.7], false);
  const before = await page.getByRole('slider', { name: 'Interpersonally', exact: true }).getAttribute('aria-valuenow');
  assert.ok(before, 'marked');

  // A reload mid-ORS keeps the measure, the marks and the blank lines.
  await page.reload();
  await page.getByRole('heading', { name: 'How has the past week been?' }).waitFor();
  assert.equal(await page.getByRole('slider', { name: 'Interpersonally', exact: true }).getAttribute('aria-valuenow'), before);
  assert.equal(await page.getByRole('slider', { name: 'Socially', exact: true }).getAttribute('aria-valuenow'), null);
  await rateLines(page, ORS.slice(2), [0.5, 0.6], false);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  assert.equal(await page.getByTestId('ors-total').count(), 0, 'no results after Done');
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('ors-total').waitFor();

  // Away and back: the client's page offers the SRS of today's session,
  // after a reload too.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'RS', exact: true }).click();
  await page.getByTestId('session-open').waitFor();
  await page.reload();
  await page.getByTestId('session-open').waitFor();
  assert.deepEqual(await axe(page), [], 'client page with a session open');
  await page.getByRole('button', { name: 'Rate the session (SRS) here' }).click();
  await page.getByRole('heading', { name: "How was today's session?" }).waitFor();
  // A reload on the SRS keeps it the SRS of that session.
  await page.reload();
  await page.getByRole('heading', { name: "How was today's session?" }).waitFor();
  await rateLines(page, SRS, [0.8, 0.8, 0.8, 0.8], false);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => {
    const d = (attuneStored() || {});
    const rs = d.ratings || [];
    return rs.length === 2 && rs[0].session_id && rs[0].session_id === rs[1].session_id;
  });
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'RS', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: ORS here' }).waitFor();
  assert.equal(await page.getByTestId('session-open').count(), 0, 'nothing waits once the SRS is in');
  assertClean(env, log);
  await context.close();
});

/** `YYYY-MM-DDTHH:MM` in the page's time zone, `days` ago. */
const localDaysAgo = (page, days) => page.evaluate((d) => {
  const t = new Date(Date.now() - d * 86400000);
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
}, days);

test('three weekly sessions with a rising ORS: reliable improvement on the chart and in the table', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'WK');
  // ORS marks at 30 %, 40 % and 50 % of each line: totals about 12, 16 and 20.
  const weeks = [[0.3, 14], [0.4, 7], [0.5, 0]];
  for (const [f, daysAgo] of weeks) {
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'WK', exact: true }).click();
    await page.getByRole('button', { name: 'Start session: ORS here' }).click();
    await rateLines(page, ORS, [f, f, f, f], false);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('button', { name: /review/i }).click();
    await page.getByTestId('ors-total').waitFor();
    await page.getByRole('button', { name: 'Rate the session (SRS) here' }).click();
    await rateLines(page, SRS, [0.9, 0.9, 0.9, 0.9], false);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('button', { name: /review/i }).click();
    await page.getByTestId('total').waitFor();
    if (daysAgo > 0) {
      // Paper-style back-dating on the SRS review moves the whole session.
      const local = await localDaysAgo(page, daysAgo);
      await page.getByLabel('Session date').fill(local);
      await page.getByLabel('Session date').blur();
      await page.waitForFunction((n) => {
        const rs = attuneStored().ratings;
        const old = rs.filter((r) => Date.now() - Date.parse(r.session_at) > (n - 1) * 86400000);
        return old.length >= 2 && old.length % 2 === 0;
      }, daysAgo);
    }
  }
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'WK', exact: true }).click();

  // The chart: three ORS points, the intake band and the cutoff, an
  // improvement marker on the last, and a text alternative saying so.
  const chart = page.getByTestId('ors-chart');
  await chart.waitFor();
  assert.equal(await page.getByTestId('ors-point').count(), 3);
  assert.equal(await page.getByTestId('change-band').count(), 1);
  assert.equal(await page.getByTestId('ors-cutoff-line').count(), 1);
  assert.ok(await page.getByTestId('change-marker').count() >= 1, 'a reliable-change marker');
  const points = await page.getByTestId('ors-point').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.match(points.at(-1), /reliable improvement/i, points.at(-1));
  // The SRS chart shares the date axis: its three points sit at the same x.
  const xs = (id) => page.getByTestId(id).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().x + e.getBoundingClientRect().width / 2)));
  assert.deepEqual(await xs('ors-point'), await xs('chart-point'), 'ORS and SRS of a session line up');
  await page.getByTestId('ors-point').last().focus();
  assert.match(await page.getByTestId('ors-readout').textContent(), /reliable improvement/i);

  // The table: one row per session with both totals, newest first.
  const rows = page.getByTestId('history-table').locator('tbody tr');
  assert.equal(await rows.count(), 3);
  const ors = await rows.locator('td.ors').allTextContents();
  const totals = ors.map(parseFloat);
  assert.ok(totals[0] - totals[2] >= 5, `ORS ${ors.join(', ')}: up 5.0 or more since intake`);
  assert.match(await rows.first().locator('td.outcome').textContent(), /reliable improvement.*since intake/i);
  assert.match(await rows.last().locator('td.outcome').textContent(), /intake/i);
  for (const t of await rows.locator('td.total').allTextContents()) assert.match(t, /\d+\.\d/, 'an SRS total in every row');
  assert.deepEqual(await axe(page), [], 'client page with the ORS chart and the session table');

  // The progress note of the latest SRS names its ORS beside the intake.
  await rows.first().locator('th a').click();
  await page.getByTestId('total').waitFor();
  assert.match(await page.getByTestId('note').inputValue(), /ORS total: \d+\.\d\/40 \(intake \d+\.\d, reliable improvement\)\. SRS total: /);
  // The printable report carries the ORS chart beside the SRS chart.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'WK', exact: true }).click();
  await page.getByRole('link', { name: 'Report to print' }).click();
  await page.getByTestId('report').getByTestId('ors-chart').waitFor();
  assert.equal(await page.getByTestId('ors-point').count(), 3);
  assert.equal(await page.getByTestId('chart-point').count(), 3);
  assert.deepEqual(await axe(page), [], 'report with the ORS');
  assertClean(env, log);
  await context.close();
});

test('a session by voice (telehealth): the ORS and the SRS typed in as the client says them, in one session', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'TV');
  await page.getByRole('button', { name: 'TV', exact: true }).click();
  await page.getByRole('button', { name: 'Start session: ORS by voice' }).click();
  await page.getByRole('heading', { name: 'Enter spoken scores: the past week (ORS)' }).waitFor();
  assert.match(await page.locator('.script').first().textContent(), /past week/);
  for (const [t, v] of [['Individually', '5'], ['Interpersonally', '6.5'], ['Socially', '4'], ['Overall', '6.5']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  assert.deepEqual(await axe(page), [], 'spoken ORS entry');
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('ors-total').waitFor();
  assert.equal((await page.getByTestId('ors-total').textContent()).trim(), '22.0 / 40');
  await page.getByRole('button', { name: 'SRS by voice' }).click();
  await page.getByRole('heading', { name: 'Enter spoken scores', exact: true }).waitFor();
  for (const [t, v] of [['Relationship', '9'], ['Goals and Topics', '8'], ['Approach or Method', '9'], ['Overall', '9']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '35.0 / 40');
  const doc = await stored(page);
  assert.equal(doc.ratings.length, 2);
  const [o, s] = [doc.ratings.find((r) => r.measure === 'ors'), doc.ratings.find((r) => !r.measure)];
  assert.deepEqual(o.scores, [50, 65, 40, 65]);
  assert.ok(o.session_id && o.session_id === s.session_id, 'one session');
  assertClean(env, log);
  await context.close();
});

test('"clients here who started like this" runs past the client\'s latest session, drawn unlike the intake line', async () => {
  const { context, page, log } = await openApp(env);
  const DAY = 86400000;
  const start = Date.parse('2026-01-05T10:00:00Z');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ors = (id, client, session, week, total) => {
    const each = Math.floor(total / 4);
    const scores = [each, each, each, total - 3 * each];
    const at = iso(start + week * 7 * DAY);
    return { id, measure: 'ors', session_id: session, recorded_at: at, session_at: at, client_id: client, scores, scale_id: 'ors-attune', scale_version: 1 };
  };
  const clients = [{ id: 'c-me', label: 'ME', archived: false, created_at: iso(start - DAY) }];
  const ratings = [ors('m0', 'c-me', 'sm0', 0, 170), ors('m1', 'c-me', 'sm1', 1, 175)];
  // Ten earlier clients who started at 17.0 and rose 1.0 a session for six sessions.
  for (let c = 0; c < 10; c++) {
    clients.push({ id: `c-${c}`, label: `P${c}`, archived: false, created_at: iso(start - 100 * DAY) });
    for (let i = 0; i < 6; i++) ratings.push(ors(`o${c}-${i}`, `c-${c}`, `s${c}-${i}`, i - 20, 170 + 10 * i));
  }
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify({
    schema: 'attune', version: 5, last_backup_at: iso(start), clients, ratings, unrated: [],
  }));
  await page.goto(env.origin + '/therapist.html#/client/c-me');
  await page.reload();
  const path = page.getByTestId('expected-path');
  await path.waitFor({ state: 'attached' });
  const drawn = await page.evaluate(() => {
    const pts = document.querySelector('[data-testid=expected-path] polyline').getAttribute('points').trim().split(/\s+/).map((p) => Number(p.split(',')[0]));
    const dots = [...document.querySelectorAll('.ors-chart .ors-dot')].map((d) => Number(d.getAttribute('cx')));
    const style = (sel) => { const s = getComputedStyle(document.querySelector(sel)); return [s.stroke, s.strokeDasharray, s.strokeWidth].join(' '); };
    return { pts, dots, expected: style('.ors-chart .expected-line'), intake: style('.ors-chart .intake') };
  });
  assert.equal(drawn.dots.length, 2, 'the client has had two sessions');
  assert.equal(drawn.pts.length, 6, 'the path goes on to session 6');
  assert.ok(drawn.pts[5] > drawn.dots[1], 'past the latest session');
  assert.notEqual(drawn.expected, drawn.intake, 'a style of its own');
  assert.match(await page.locator('.ors-chart').first().textContent(), /sessions 1 to 6, past this client's latest session \(2\)/);
  assert.deepEqual(await axe(page), [], 'client page with the path');
  assertClean(env, log);
  await context.close();
});
