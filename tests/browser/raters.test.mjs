// Everyone in the room: a couple, a family (one skipped, a child with faces)
// and a group of eight rate in turn on one touch tablet in client mode; a
// reload mid-round resumes at the right person with nothing shown; the
// review shows them side by side (divergence flagged) or the group's spread.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, openApp, axe, assertClean, setPin, addClient, TABLET, rateAllLines,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const PIN = '4826';

/** All sliders on screen are blank: nobody's marks carried over. */
async function assertBlank(page, who) {
  const values = await page.getByRole('slider').evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow')));
  assert.ok(values.length > 0, `${who}: a form`);
  assert.deepEqual(values, values.map(() => null), `${who}: a blank form`);
}

/** Locked for the round: no navigation, no therapist screen, no figures. */
async function assertRoundOnly(page, where, others = []) {
  await page.getByTestId('round-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /ORS total|intake|cutoff|side by side|Session review|\/\s*40/i, `${where}: no figures`);
  for (const o of others) assert.ok(!text.includes(o), `${where}: no label of another client (${o})`);
}

/** One person's turn: the screen names them, Start, a blank form, marks, Done. */
async function turn(page, label, fractions) {
  await page.getByRole('heading', { name: `Please pass the tablet to ${label}.` }).waitFor();
  assert.equal(await page.getByRole('slider').count(), 0, 'nothing of the previous form between people');
  await page.getByRole('button', { name: `Start (${label})` }).click();
  await assertBlank(page, label);
  await rateAllLines(page, fractions);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
}

async function unlockToReview(page) {
  await page.getByRole('heading', { name: 'Thank you, everyone.' }).waitFor();
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /review|ORS/ }).waitFor();
}

/** A case of `kind` with `people` ([label, age group, collateral?]). */
async function makeCase(page, label, kind, people) {
  await addClient(page, label);
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByLabel('Kind of case').selectOption(kind);
  for (const [p, age = 'adult'] of people) {
    await page.getByLabel('New person (initials or a code)').fill(p);
    await page.getByLabel('Their age group').selectOption(age);
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByTestId('member').filter({ hasText: p }).waitFor();
  }
}

const stored = (page) => page.evaluate(() => attuneStored());

test("a couple rate in turn on one tablet; a reload mid-round resumes with the right person; the review flags the divergence", async () => {
  const { context, page, log } = await openApp(env, TABLET);
  await setPin(page, PIN);
  await addClient(page, 'ZZ');
  await makeCase(page, 'JD', 'couple', [['KL']]);
  const presence = page.getByTestId('presence').getByRole('checkbox');
  assert.equal(await presence.count(), 2);
  for (let i = 0; i < 2; i++) assert.ok(await presence.nth(i).isChecked(), 'everyone ticked by default');
  assert.deepEqual(await axe(page), [], 'client page of a couple');
  await page.getByRole('button', { name: 'Start the round: ORS, in client mode' }).click();
  await assertRoundOnly(page, 'first handover', ['ZZ']);
  assert.deepEqual(await axe(page), [], 'the screen between raters');
  await turn(page, 'JD', [0.8, 0.8, 0.8, 0.8]);

  // The therapist steps in mid-round (PIN), sees where it stands, resumes.
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByTestId('round-paused').waitFor();
  assert.match(await page.getByTestId('round-paused').textContent(), /Done: JD\..*Now: KL/);
  await page.getByRole('button', { name: 'Continue the round in client mode' }).click();
  await assertRoundOnly(page, 'the round resumed', ['ZZ']);
  // A reload between the two: KL is next, and nothing of JD's shows.
  await page.reload();
  await assertRoundOnly(page, 'after a reload', ['ZZ']);
  await page.getByRole('heading', { name: 'Please pass the tablet to KL.' }).waitFor();
  await page.getByRole('button', { name: 'Start (KL)' }).click();
  await assertBlank(page, 'KL after the reload');
  // A reload mid-form keeps KL's own mark, and only theirs.
  const first = page.getByRole('slider').first();
  const box = await first.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height / 2);
  const mark = await first.getAttribute('aria-valuenow');
  await page.reload();
  await page.getByRole('slider').first().waitFor();
  assert.equal(await page.getByRole('slider').first().getAttribute('aria-valuenow'), mark, "KL's mark kept");
  assert.equal(await page.getByRole('slider').nth(1).getAttribute('aria-valuenow'), null);
  await rateAllLines(page, [0.3, 0.3, 0.3, 0.3]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await unlockToReview(page);

  // The ORS side by side: 32.0 against 12.0 is a divergence.
  await page.getByTestId('side-by-side').waitFor();
  assert.match(await page.getByTestId('divergence-flag').textContent(), /differ on the total/i);
  assert.match(await page.getByTestId('divergence-prompt').textContent(), /Say:/);
  const note = await page.getByTestId('raters-note').textContent();
  assert.match(note, /JD/); assert.match(note, /KL/);
  assert.deepEqual(await axe(page), [], 'review side by side');
  await page.screenshot({ path: new URL('./artifacts/couple-review.png', import.meta.url).pathname, fullPage: true });
  const doc = await stored(page);
  const ors = doc.ratings.filter((r) => r.measure === 'ors');
  assert.equal(ors.length, 2);
  assert.equal(new Set(ors.map((r) => r.session_id)).size, 1, 'one session');
  assert.deepEqual(ors.map((r) => r.rater?.type ?? 'client').sort(), ['client', 'member']);

  // The end of the session: the SRS round for the same session.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'JD', exact: true }).click();
  await page.getByTestId('session-open').waitFor();
  await page.getByRole('button', { name: 'Start the round: SRS, in client mode' }).click();
  await turn(page, 'JD', [0.95, 0.95, 0.95, 0.95]);
  await turn(page, 'KL', [0.95, 0.6, 0.95, 0.9]);
  await unlockToReview(page);
  await page.getByTestId('side-by-side').waitFor();
  assert.match(await page.getByTestId('side-by-side').textContent(), /SRS/);
  assert.match(await page.getByTestId('divergence-flag').textContent(), /Goals and Topics/);
  const srs = (await stored(page)).ratings.filter((r) => !r.measure);
  assert.equal(srs.length, 2);
  assert.equal(srs[0].session_id, ors[0].session_id, 'the SRS joins the same session');

  // The case's page: one line per person on each chart, each person's totals in the table.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'JD', exact: true }).click();
  const table = page.getByTestId('case-table');
  await table.waitFor();
  const heads = await table.locator('thead th').allTextContents();
  assert.ok(heads.some((h) => /JD/.test(h)) && heads.some((h) => /KL/.test(h)), `columns ${heads}`);
  assert.equal(await table.locator('tbody tr').count(), 1, 'one session');
  assert.match(await table.locator('tbody').textContent(), /32\.0/);
  assert.equal(await page.getByTestId('case-srs').getByTestId('case-line').count(), 2);
  assert.equal(await page.getByTestId('case-ors').getByTestId('case-line').count(), 2);
  assert.ok(await page.getByTestId('case-divergence').count() >= 1, 'the divergence in the table');
  assert.deepEqual(await axe(page), [], "the couple's page with both charts and the table");
  await page.screenshot({ path: new URL('./artifacts/couple-page.png', import.meta.url).pathname, fullPage: true });
  assertClean(env, log);
  await context.close();
});

test('a family of three with one skipped; the child rates with faces and is scored like an adult', async () => {
  const { context, page, log } = await openApp(env, TABLET);
  await setPin(page, PIN);
  await makeCase(page, 'Sam', 'family', [['Dad'], ['Kit', 'child']]);
  await page.getByRole('button', { name: 'Start the round: ORS, in client mode' }).click();
  await turn(page, 'Sam', [0.6, 0.6, 0.6, 0.6]);
  // The therapist skips Dad.
  await page.getByRole('heading', { name: 'Please pass the tablet to Dad.' }).waitFor();
  await page.getByRole('button', { name: 'Therapist: skip Dad' }).click();
  // Kit gets the child version: simple words, faces at the ends, no numbers.
  await page.getByRole('heading', { name: 'Please pass the tablet to Kit.' }).waitFor();
  await page.getByRole('button', { name: 'Start (Kit)' }).click();
  await page.getByRole('heading', { name: 'How has your week been?' }).waitFor();
  assert.equal(await page.getByTestId('face-sad').count(), 4);
  assert.equal(await page.getByTestId('face-happy').count(), 4);
  assert.ok(await page.getByTestId('face-sad').first().isVisible());
  assert.deepEqual(await axe(page), [], 'the child form');
  await page.screenshot({ path: new URL('./artifacts/child-form.png', import.meta.url).pathname, fullPage: true });
  await assertBlank(page, 'Kit');
  await rateAllLines(page, [0.5, 0.5, 0.5, 0.5]);
  // Scored like an adult's line: the middle is 5.0.
  for (const v of await page.getByRole('slider').evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow')))) {
    assert.ok(Math.abs(Number(v) - 5) <= 0.1, `middle of the line reads ${v}`);
  }
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await unlockToReview(page);
  const side = page.getByTestId('side-by-side');
  await side.waitFor();
  const heads = await side.locator('thead th').allTextContents();
  assert.deepEqual(heads.slice(1), ['Sam', 'Kit'], 'the two who rated, Dad skipped');
  // The items in the ORS's own words, as the note has them, whoever's
  // version (Kit's is the child one) the review was opened on.
  const items = (await side.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.replace(' (apart)', ''));
  assert.deepEqual(items.slice(0, 4), ['Individually', 'Interpersonally', 'Socially', 'Overall']);
  // Each person read on their own: their intake and their own cutoff.
  const people = await page.getByTestId('people-outcomes').locator('li').allTextContents();
  assert.equal(people.length, 2, JSON.stringify(people));
  assert.match(people[0], /^Sam: /);
  assert.match(people[1], /^Kit: .*child cutoff/);
  for (const p of people) assert.match(p, /intake/i, p);
  const doc = await stored(page);
  assert.equal(doc.ratings.length, 2);
  const kit = doc.ratings.find((r) => r.scale_id === 'ors-child-attune');
  assert.ok(kit, "Kit's rating is on the child ORS");
  assert.equal(kit.rater.type, 'member');
  assertClean(env, log);
  await context.close();
});

test('a group of eight rate in turn; the review shows the spread and who is below the cutoff, never a ranking', async () => {
  const { context, page, log } = await openApp(env, TABLET);
  await setPin(page, PIN);
  const members = ['AL', 'BO', 'CY', 'DI', 'EV', 'FO', 'GU', 'HA'];
  await makeCase(page, 'Tue group', 'group', members.map((m) => [m]));
  await page.getByRole('button', { name: 'Start the round: ORS, in client mode' }).click();
  for (const [i, m] of members.entries()) await turn(page, m, Array(4).fill(0.4 + 0.05 * i));
  await unlockToReview(page);
  await page.getByTestId('group-spread').waitFor();
  assert.match(await page.getByTestId('group-spread').textContent(), /8 rated/);
  // The SRS at the end: the group version, about the leader and the group.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Tue group', exact: true }).click();
  await page.getByRole('button', { name: 'Start the round: SRS, in client mode' }).click();
  await page.getByRole('button', { name: 'Start (AL)' }).click();
  await page.getByRole('heading', { name: "How was today's group?" }).waitFor();
  await rateAllLines(page, [0.95, 0.95, 0.95, 0.95]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('button', { name: 'Start (BO)' }).click();
  await rateAllLines(page, [0.7, 0.7, 0.7, 0.7]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  for (const m of members.slice(2)) {
    await page.getByRole('heading', { name: `Please pass the tablet to ${m}.` }).waitFor();
    await page.getByRole('button', { name: `Therapist: skip ${m}` }).click();
  }
  await unlockToReview(page);
  const spread = page.getByTestId('group-spread');
  await spread.waitFor();
  assert.match(await spread.textContent(), /2 rated/);
  assert.match(await page.getByTestId('below-cutoff').textContent(), /BO/);
  assert.doesNotMatch(await page.getByTestId('below-cutoff').textContent(), /AL/);
  assert.deepEqual(await axe(page), [], 'group review');
  // The group's page: the median and the range, not eight tangled lines.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Tue group', exact: true }).click();
  await page.getByTestId('case-ors').waitFor();
  assert.equal(await page.getByTestId('case-ors').getByTestId('case-line').count(), 0);
  assert.equal(await page.getByTestId('case-ors').getByTestId('case-median-line').count(), 1);
  assert.ok(await page.getByTestId('case-ors').getByTestId('case-range-band').count() >= 1);
  assert.ok(await page.getByTestId('case-spread').count() >= 1, 'the spread in the table');
  assert.deepEqual(await axe(page), [], "the group's page");
  assertClean(env, log);
  await context.close();
});
