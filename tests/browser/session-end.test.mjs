// The last sixty seconds of a session, on an iPad (820×1180, touch) and a
// laptop (1280×800): Done never shows the client the therapist's screen, the
// review's first screen carries the sentence to say, the note is kept and
// exported, the chart reads at a glance, and every control is a full-size
// target. Screenshots of the review, the note and the chart are kept in
// tests/browser/artifacts/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  setup, teardown, openApp, rateAll, axe, assertClean, finishRating, addClient,
} from './harness.mjs';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DEVICES = {
  ipad: { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  laptop: { viewport: { width: 1280, height: 800 } },
};

/** Taps (touch) or clicks a slider at `fraction` of its width. */
async function mark(page, title, fraction, touch) {
  const s = page.getByRole('slider', { name: title });
  await s.scrollIntoViewIfNeeded();
  const box = await s.boundingBox();
  const x = box.x + Math.min(box.width * fraction, box.width - 0.5);
  if (touch) await page.touchscreen.tap(x, box.y + box.height / 2);
  else await page.mouse.click(x, box.y + box.height / 2);
}

async function rateWith(page, fractions, touch) {
  const titles = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];
  for (let i = 0; i < 4; i++) await mark(page, titles[i], fractions[i], touch);
}

/** Every visible button, link, input and select shorter than 44 px. */
const smallTargets = (page) => page.evaluate(() => [...document.querySelectorAll('button, a[href], input:not([type=checkbox]):not([type=hidden]), select, summary')]
  .filter((el) => el.offsetParent !== null && !el.closest('.skip-link'))
  .map((el) => ({ el: `${el.tagName.toLowerCase()} "${(el.textContent || el.id || el.name || '').trim().slice(0, 30)}"`, h: el.getBoundingClientRect().height }))
  .filter((t) => t.h < 44 - 0.5));

for (const [device, options] of Object.entries(DEVICES)) {
  const touch = !!options.hasTouch;

  test(`${device}: Done in presentation mode and on the plain form shows the client nothing of the results`, async () => {
    const { context, page, log } = await openApp(env, options);
    await addClient(page, 'MP');
    await page.getByRole('button', { name: 'MP', exact: true }).click();
    await page.getByRole('button', { name: 'Rate a session' }).click();
    // Presentation mode, as when the screen is shared in a call.
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await rateWith(page, [0.3, 0.5, 0.4, 0.6], touch);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByTestId('thanks').waitFor();
    const shared = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(shared, /\/\s*40|cutoff|poor|fair|good|Say:|\bMP\b|Recent/i, 'nothing of the results on a shared screen');
    assert.match(shared, /stop sharing/i, 'the therapist is told to stop sharing first');
    assert.deepEqual(await axe(page), [], 'thank-you in presentation mode');
    // The review opens only on the therapist's deliberate step.
    await page.getByRole('button', { name: /review/i }).click();
    await page.getByTestId('total').waitFor();
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    // And on the plain form.
    await page.getByRole('link', { name: 'Rate', exact: true }).click();
    await rateWith(page, [0.9, 0.9, 0.9, 0.9], touch);
    await finishRating(page);
    await page.getByTestId('total').waitFor();
    assertClean(env, log);
    await context.close();
  });

  test(`${device}: a low score's review shows "Say:" on the first screen; the note is kept and exported; the chart has dates and focusable points`, async () => {
    const { context, page, log } = await openApp(env, options);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
    await addClient(page, 'TK');
    const sessions = [[0.95, 0.95, 0.95, 0.95], [0.9, 0.85, 0.9, 0.9], [0.8, 0.8, 0.5, 0.7]];
    for (const [i, f] of sessions.entries()) {
      await page.getByRole('link', { name: 'Clients' }).click();
      await page.getByRole('button', { name: 'TK', exact: true }).click();
      await page.getByRole('button', { name: 'Rate a session' }).click();
      await rateWith(page, f, touch);
      await finishRating(page);
      await page.getByTestId('total').waitFor();
      // Weekly sessions: the earlier two back-dated 14 and 7 days, as paper ratings are.
      const weeksAgo = sessions.length - 1 - i;
      if (weeksAgo > 0) {
        const local = await page.evaluate((w) => {
          const d = new Date(Date.now() - w * 7 * 86400000);
          const p = (n) => String(n).padStart(2, '0');
          return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
        }, weeksAgo);
        await page.getByLabel('Session date').fill(local);
        await page.getByLabel('Session date').blur();
        await page.waitForFunction((day) => attuneStored().ratings
          .some((r) => new Date(r.session_at).getDate() === day), Number(local.slice(8, 10)));
      }
    }
    // First screen: the status and the sentence to say, without scrolling.
    await page.evaluate(() => window.scrollTo(0, 0));
    const say = page.getByTestId('say');
    assert.match(await say.textContent(), /^Say: /);
    const box = await say.boundingBox();
    const height = options.viewport.height;
    assert.ok(box.y + box.height <= height, `"Say:" ends at ${box.y + box.height} px, below the ${height} px screen`);
    const status = page.getByTestId('status');
    assert.equal((await status.textContent()).trim(), 'Below cutoff: worth talking about');
    // A calm colour: no red for the client's feedback.
    const color = await status.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g).map(Number);
    assert.ok(!(r > 150 && g < 80 && b < 80), `status colour ${color} is not red`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${device}-review.png`) });
    assert.deepEqual(await smallTargets(page), [], 'every control on the review is at least 44 px tall');

    // The note: typed, kept with the rating across a reload, exported in the CSV.
    await page.getByLabel('What the client said (optional)').fill('it felt rushed at the end');
    await page.getByLabel('What you will change (optional)').fill('we will stop ten minutes earlier');
    await page.getByLabel('What you will change (optional)').blur();
    await page.waitForFunction(() => attuneStored().ratings
      .some((r) => r.note && r.note.therapist_response === 'we will stop ten minutes earlier'));
    await page.reload();
    await page.getByTestId('total').waitFor();
    assert.equal(await page.getByLabel('What the client said (optional)').inputValue(), 'it felt rushed at the end');
    const note = await page.getByTestId('note').inputValue();
    assert.match(note, /^\d{4}-\d\d-\d\d, client TK\n/);
    assert.match(note, /Client's feedback: "it felt rushed at the end"/);
    assert.doesNotMatch(note, /not yet recorded|No client comment/, 'no filler');
    await page.getByRole('heading', { name: 'Progress note' }).scrollIntoViewIfNeeded();
    await page.locator('section.note').screenshot({ path: path.join(ARTIFACTS, `${device}-note.png`) });
    assert.deepEqual(await axe(page), [], 'review with a note');
    await page.getByRole('link', { name: 'Data' }).click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download spreadsheet (CSV)' }).click()]);
    const csv = fs.readFileSync(await dl.path(), 'utf8');
    assert.match(csv, /it felt rushed at the end/);
    assert.match(csv, /we will stop ten minutes earlier/);

    // The chart: a date under each session, a point to focus for each.
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'TK', exact: true }).click();
    const chart = page.getByTestId('trend-chart');
    await chart.waitFor();
    const dates = await chart.locator('.date-tick').allTextContents();
    // A week apart, the three sessions each get their date on the axis.
    assert.equal(dates.length, 3, `date ticks: ${dates}`);
    assert.equal(new Set(dates).size, 3, `distinct dates: ${dates}`);
    assert.ok(dates.every((d) => /\d/.test(d)), `date ticks: ${dates}`);
    const points = page.getByTestId('chart-point');
    assert.equal(await points.count(), 3);
    await points.nth(2).focus();
    const readout = await page.getByTestId('chart-readout').textContent();
    assert.match(readout, /\d{4}/, 'the focused point names its date');
    assert.match(readout, /28\.0/, "and its total");
    await page.getByLabel(/Show each item/).check();
    await page.getByTestId('item-panels').waitFor();
    await page.locator('figure.chart').screenshot({ path: path.join(ARTIFACTS, `${device}-chart.png`) });
    assert.deepEqual(await axe(page), [], 'history with chart and item panels');
    assert.deepEqual(await smallTargets(page), [], 'every control on the history is at least 44 px tall');
    assertClean(env, log);
    await context.close();
  });
}

test('the header fits one row at 768 px; inputs and PIN fields are full-size targets', async () => {
  const { context, page, log } = await openApp(env, { viewport: { width: 768, height: 1024 } });
  for (const url of ['/', '/therapist.html#/clients', '/therapist.html#/settings', '/therapist.html#/data', '/therapist.html#/spoken']) {
    await page.goto(env.origin + url);
    await page.locator('main h1').first().waitFor();
    const rows = await page.evaluate(() => {
      const tops = [...document.querySelectorAll('header.top > *:not(.skip-link)')].map((el) => Math.round(el.getBoundingClientRect().top));
      return new Set(tops.map((t) => Math.round(t / 10))).size;
    });
    assert.equal(rows, 1, `${url}: the header wraps onto ${rows} rows`);
    assert.deepEqual(await smallTargets(page), [], `${url}: targets under 44 px`);
  }
  assertClean(env, log);
  await context.close();
});

test('spoken entry asks for a number, names the client and what is wrong with a score', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'RQ');
  await page.getByRole('button', { name: 'RQ', exact: true }).click();
  await page.getByRole('button', { name: 'Enter spoken scores' }).click();
  await page.getByTestId('spoken-client').filter({ hasText: 'For client RQ' }).waitFor();
  const script = await page.locator('.script').first().textContent();
  assert.match(script, /0.*10/, `asks for a number from 0 to 10: ${script}`);
  assert.doesNotMatch(script, /mark|line/i, 'no line over a phone call');
  await page.getByLabel(/Relationship/).fill('-1');
  await page.getByLabel(/Relationship/).blur();
  await page.getByText('-1 is below 0').waitFor();
  await page.getByLabel(/Relationship/).fill('10.5');
  await page.getByLabel(/Relationship/).blur();
  await page.getByText('10.5 is above 10').waitFor();
  assertClean(env, log);
  await context.close();
});

test('a new therapist gets a starting point and a checklist that ticks itself', async () => {
  const { context, page, log } = await openApp(env);
  await page.getByTestId('first-open').getByRole('link', { name: 'Set it up first' }).click();
  const list = page.getByTestId('checklist');
  await list.waitFor();
  assert.match(await list.innerText(), /Add a client\s*\(to do\)/);
  await page.getByLabel('New client').fill('NB');
  await page.getByRole('button', { name: 'Add client' }).click();
  await list.locator('li.done').filter({ hasText: 'Add a client' }).waitFor();
  await list.getByRole('button', { name: 'Hide this list' }).click();
  await list.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  assert.equal(await page.getByTestId('checklist').count(), 0, 'stays hidden');
  assertClean(env, log);
  await context.close();
});
