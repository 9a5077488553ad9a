// Episodes of care and the outcomes report: a therapist ends an episode with
// a reason, a later session opens the next one (with a way to reopen the
// last instead), and the report on a hand-made caseload shows the figures
// worked out by hand, which the per-episode CSV reproduces.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, assertClean, axe } from './harness.mjs';
import { pdfText } from './pdf.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

/** One ORS and one SRS in session `session` at `at`, the ORS totalling `total` tenths. */
function session(id, client, at, total) {
  const each = Math.floor(total / 4);
  const base = { session_id: id, recorded_at: iso(at), session_at: iso(at), client_id: client, scale_version: 1 };
  return [
    { id: `${id}-o`, measure: 'ors', scores: [each, each, each, total - 3 * each], scale_id: 'ors-attune', ...base },
    { id: `${id}-s`, scores: [90, 90, 90, 90], scale_id: 'srs-attune', ...base },
  ];
}

async function seed(page, doc) {
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify({
    schema: 'attune', version: 5, last_backup_at: iso(Date.now()), unrated: [], ...doc,
  }));
}

const stored = (page) => page.evaluate(() => attuneStored());

test('a therapist ends an episode with a reason; a later session opens the next, and the last can be reopened instead', async () => {
  const { context, page, log } = await openApp(env);
  // Noon UTC, so the local day is the same in every time zone the test runs in.
  const noon = Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;
  const days = [60, 53, 46].map((d) => noon - d * DAY);
  await seed(page, {
    clients: [{ id: 'c-ann', label: 'AN', archived: false, created_at: iso(days[0] - DAY) }],
    ratings: days.flatMap((at, i) => session(`s${i}`, 'c-ann', at, 200 + 20 * i)),
  });
  await page.goto(env.origin + '/therapist.html#/client/c-ann');
  await page.reload();
  const status = page.getByTestId('episode-status');
  await status.waitFor();
  assert.equal(await status.textContent(), `Episode 1, open since ${ymd(days[0])}.`);

  await page.getByRole('button', { name: 'End episode' }).click();
  await page.getByRole('radio', { name: 'The client stopped coming' }).check();
  assert.equal(await page.getByLabel('Ended on').inputValue(), ymd(days[2]), 'the last session\'s day');
  await page.getByRole('button', { name: 'End the episode' }).click();
  await page.getByText(`Episode 1 ended on ${ymd(days[2])}: the client stopped coming.`).waitFor();
  const ends = (await stored(page)).episode_ends;
  assert.equal(ends.length, 1);
  assert.equal(ends[0].reason, 'unilateral');
  assert.equal(ends[0].ended_on, ymd(days[2]));
  assert.equal(ends[0].client_id, 'c-ann');

  // The client comes back: a session is logged a month later.
  await page.getByRole('button', { name: 'Session without a rating' }).click();
  const back = noon - 10 * DAY;
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, back);
  await page.getByLabel('When the session took place').fill(local);
  await page.getByRole('button', { name: 'Log the session' }).click();
  const notice = page.getByTestId('new-episode');
  await notice.waitFor();
  assert.match(await notice.textContent(), /^A session after the end of episode 1 started episode 2/);
  assert.match(await status.textContent(), /^Episode 2, open since /);
  assert.deepEqual(await axe(page), [], 'axe on the client page with the episode notice');

  // Reopen instead: one course of treatment again, the end kept as taken back.
  await page.getByRole('button', { name: 'Reopen the last episode instead' }).click();
  await page.getByText(`Episode 1, open since ${ymd(days[0])}.`).waitFor();
  assert.equal(await notice.count(), 0);
  const after = (await stored(page)).episode_ends;
  assert.equal(after.length, 1, 'kept, not removed');
  assert.equal(after[0].reopened, true);
  assertClean(env, log);
  await context.close();
});

test('the outcomes report shows the figures worked out by hand, and the per-episode CSV reproduces them', async () => {
  const { context, page, log } = await openApp(env);
  const noon = Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;
  // Ten adults, each one ended episode: intake 15.0 … 24.0, last ORS 6.0 higher.
  // Change: +6.0 for all (reliable improvement 10 of 10); crossing the adult
  // cutoff 25.0 from below: intakes 19.0 … 24.0 (last 25.0 … 30.0), 6 of 10.
  // Effect size: mean change 6.0 / sample SD of the intakes (√(82.5 / 9) =
  // 3.0277) = 1.98; r = 1, so the 95 % CI is d ± 1.96·√(d²/2n) = 1.11 to 2.85.
  const clients = [];
  const ratings = [];
  const episode_ends = [];
  for (let k = 0; k < 10; k++) {
    const id = `c-${k}`;
    clients.push({ id, label: `P${k}`, archived: false, created_at: iso(noon - 120 * DAY) });
    ratings.push(...session(`a${k}`, id, noon - 100 * DAY, 150 + 10 * k));
    ratings.push(...session(`b${k}`, id, noon - 60 * DAY, 210 + 10 * k));
    episode_ends.push({
      id: `e-${k}`, client_id: id, ended_on: ymd(noon - 59 * DAY), reason: k < 8 ? 'planned' : 'unilateral',
      created_at: iso(noon - 59 * DAY),
    });
  }
  await seed(page, { clients, ratings, episode_ends });
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByRole('link', { name: 'Outcomes report' }).click();
  await page.getByRole('heading', { name: 'Outcomes report' }).waitFor();
  const cell = async (key, group = 'all') => (await page.getByTestId(`figure-${key}-${group}`).textContent()).trim();
  assert.equal(await cell('episodes'), '10');
  assert.equal(await cell('ended-episodes'), '10');
  assert.equal(await cell('effect-size'), '1.98, 95 % CI 1.11 to 2.85 (n = 10)');
  assert.equal(await cell('reliable-improvement'), '10 of 10 (100%) (n = 10)');
  assert.equal(await cell('clinically-significant-improvement'), '6 of 10 (60%) (n = 10)');
  assert.equal(await cell('dropout'), '2 of 10 (20%) (n = 10)');
  assert.equal(await cell('intake-ors'), '19.5 (n = 10)');
  assert.match(await cell('effect-size', 'child'), /^None among 0|^Too few to tell/);
  const notComputed = await page.getByTestId('not-computed').textContent();
  assert.match(notComputed, /Relative effect size/);
  assert.deepEqual(await axe(page), [], 'axe on the report');
  // Nothing scrolls sideways, the page or any box in it, from a phone to a wide screen.
  for (const width of [360, 768, 1024, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth > window.innerWidth,
      boxes: [...document.querySelectorAll('main *')].filter((el) => el.scrollWidth > el.clientWidth + 1
        && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)).map((el) => el.className),
    }));
    assert.deepEqual(wide, { page: false, boxes: [] }, `at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The per-episode CSV alone gives the same effect size.
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download every episode (CSV)' }).click(),
  ]);
  const csv = await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const [head, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
  assert.equal(rows.length, 10);
  const intake = rows.map((r) => Number(r.intake_ors));
  const change = rows.map((r) => Number(r.last_ors) - Number(r.intake_ors));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(intake.reduce((a, x) => a + (x - mean(intake)) ** 2, 0) / (intake.length - 1));
  assert.equal((mean(change) / sd).toFixed(2), '1.98');

  // Printed (A4, print media): the figures and their words, none of the buttons.
  const text = (await pdfText(await page.pdf({ format: 'A4', printBackground: true }))).join(' ');
  assert.match(text, /Outcomes report/);
  assert.match(text, /1\.98, 95 % CI 1\.11 to 2\.85 \(n = 10\)/, 'the effect size');
  assert.match(text, /6 of 10 \(60%\)/, 'clinically significant improvement');
  assert.match(text, /Not computed, and why/);
  for (const word of ['Download the figures', 'Print or save as PDF', 'Last 3 months']) {
    assert.ok(!text.includes(word), `"${word}" is not printed`);
  }
  assertClean(env, log);
  await context.close();
});

test('a client not seen for weeks is ended as "stopped coming" from the caseload in one step', async () => {
  const { context, page, log } = await openApp(env);
  const noon = Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;
  const last = noon - 30 * DAY;
  await seed(page, {
    clients: [
      { id: 'c-gone', label: 'GO', archived: false, created_at: iso(noon - 90 * DAY) },
      { id: 'c-here', label: 'HE', archived: false, created_at: iso(noon - 90 * DAY) },
    ],
    ratings: [...session('g0', 'c-gone', noon - 44 * DAY, 200), ...session('g1', 'c-gone', last, 210),
      ...session('h0', 'c-here', noon - 2 * DAY, 200)],
  });
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  const stop = page.getByRole('button', { name: "End GO's episode: stopped coming" });
  await stop.waitFor();
  assert.equal(await page.getByRole('button', { name: "End HE's episode: stopped coming" }).count(), 0, 'seen two days ago');
  await stop.click();
  await stop.waitFor({ state: 'detached' });
  const ends = (await stored(page)).episode_ends;
  assert.equal(ends.length, 1);
  assert.deepEqual([ends[0].client_id, ends[0].reason], ['c-gone', 'unilateral']);
  // Dated on the last session's local day, not today.
  const lastDay = await page.evaluate((ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, last);
  assert.equal(ends[0].ended_on, lastDay);
  assertClean(env, log);
  await context.close();
});

test('a returning client\'s ORS is read from the new episode\'s own intake, and from the first one once it is reopened', async () => {
  const { context, page, log } = await openApp(env);
  const noon = Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;
  // Episode 1: 20.0, then 24.8 on the day it ended; episode 2: 30.0, then 24.0.
  const days = [120, 113, 30, 23].map((d) => noon - d * DAY);
  const totals = [200, 248, 300, 240];
  await seed(page, {
    clients: [{ id: 'c-back', label: 'BK', archived: false, created_at: iso(days[0] - DAY) }],
    ratings: days.flatMap((at, i) => session(`r${i}`, 'c-back', at, totals[i])),
    episode_ends: [{ id: 'e-1', client_id: 'c-back', ended_on: ymd(days[1]), reason: 'planned', created_at: iso(days[1]) }],
  });
  await page.goto(env.origin + '/therapist.html#/review/r3-o');
  await page.reload();
  const intake = page.getByTestId('ors-intake');
  await intake.waitFor();
  // Within episode 2: down 6.0 from 30.0, a reliable deterioration (over the
  // whole history it would read up 4.0 from 20.0, no reliable change).
  assert.equal(await intake.textContent(), 'Down 6.0 since intake (30.0).');
  assert.equal(await page.getByTestId('ors-category').textContent(), 'Reliable deterioration');

  // Reopened on the client's page, the four sessions are one course again.
  await page.goto(env.origin + '/therapist.html#/client/c-back');
  await page.getByRole('button', { name: 'Reopen the last episode instead' }).click();
  await page.getByTestId('episode-status').filter({ hasText: 'Episode 1, open since' }).waitFor();
  await page.goto(env.origin + '/therapist.html#/review/r3-o');
  await intake.waitFor();
  assert.equal(await intake.textContent(), 'Up 4.0 since intake (20.0).');
  assertClean(env, log);
  await context.close();
});

test('the caseload and the intake sentence read a returning client\'s new episode, and a closed course is not flagged', async () => {
  const { context, page, log } = await openApp(env);
  const noon = Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;
  // BK: episode 1 (SRS 38.0 twice), ended on its last day; episode 2 opened
  // two days ago (ORS 30.0, SRS 36.0: 2.0 below episode 1's last SRS).
  const days = [120, 113, 2].map((d) => noon - d * DAY);
  const high = (r) => (r.measure ? r : { ...r, scores: [95, 95, 95, 95] });
  const ratings = [
    ...session('b0', 'c-back', days[0], 200).map(high),
    ...session('b1', 'c-back', days[1], 248).map(high),
    ...session('b2', 'c-back', days[2], 300),
  ];
  // DN: one session 60 days ago (SRS 30.0, below the cutoff), ended that day
  // as stopped coming, nothing since.
  const done = noon - 60 * DAY;
  ratings.push(...session('d0', 'c-done', done, 200).map((r) => (r.measure ? r : { ...r, scores: [75, 75, 75, 75] })));
  await seed(page, {
    clients: [
      { id: 'c-back', label: 'BK', archived: false, created_at: iso(days[0] - DAY) },
      { id: 'c-done', label: 'DN', archived: false, created_at: iso(done - DAY) },
    ],
    ratings,
    episode_ends: [
      { id: 'e-b', client_id: 'c-back', ended_on: ymd(days[1]), reason: 'planned', created_at: iso(days[1]) },
      { id: 'e-d', client_id: 'c-done', ended_on: ymd(done), reason: 'unilateral', created_at: iso(done) },
    ],
  });
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByTestId('caseload').waitFor();
  const row = (label) => page.getByTestId('caseload').locator('tbody tr').filter({ has: page.getByRole('button', { name: label, exact: true }) });
  // Within episode 2: one session, nothing flagged (over the whole history,
  // a drop of 2.0 since the last session of the course before).
  assert.equal(await row('BK').getAttribute('data-flags'), '');
  assert.equal(await row('BK').getByTestId('case-reason').textContent(), 'Nothing flagged at the last session');
  assert.equal((await row('BK').locator('td[data-label="Sessions"]').innerText()).trim(), '1 in episode 2');
  // A closed course: the end in words, no flag, no "stopped coming" to offer.
  assert.equal(await row('DN').getAttribute('data-flags'), '');
  assert.equal(await row('DN').getByTestId('case-reason').textContent(), `Episode 1 ended on ${ymd(done)}: the client stopped coming.`);
  assert.equal(await page.getByRole('button', { name: "End DN's episode: stopped coming" }).count(), 0);
  assert.deepEqual(await axe(page), [], 'caseload with a closed course');

  // The new episode's first ORS says which episode it opens.
  await page.goto(env.origin + '/therapist.html#/review/b2-o');
  const intake = page.getByTestId('ors-intake');
  await intake.waitFor();
  assert.equal(await intake.textContent(), 'First ORS of episode 2 (intake).');
  assertClean(env, log);
  await context.close();
});
