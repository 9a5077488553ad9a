// A child seen alone: whether the ORS or the SRS is
// handed over in client mode, rated on this screen or given by voice, a
// client whose age group is child gets the child version (simple words,
// faces at the ends), and the rating is stored on it. Opening the start
// address meanwhile (a new tab, a relaunch) leads to the child's form,
// never to an adult form that would drop the child's marks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, openApp, axe, assertClean, setPin, addClient, fillStorage, emptyFiller, TABLET, rateLines,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const PIN = '4826';
const CHILD_ORS = ['Me', 'Family', 'School', 'Everything'];
const CHILD_SRS = ['Listening', 'What we talked about', 'What we did', 'Today overall'];

/** The child's version is on screen: its heading, its lines, a face at each end. */
async function assertChildForm(page, heading, titles, where) {
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  for (const t of titles) await page.getByRole('slider', { name: t, exact: true }).waitFor();
  assert.equal(await page.getByRole('slider').count(), 4, `${where}: four lines`);
  assert.equal(await page.getByTestId('face-sad').count(), 4, `${where}: a sad face on each line`);
  assert.equal(await page.getByTestId('face-happy').count(), 4, `${where}: a happy face on each line`);
  assert.ok(await page.getByTestId('face-happy').first().isVisible(), `${where}: the faces show`);
}

/** In client mode: nothing but the form, its thank-you or the PIN prompt. */
async function assertClientOnly(page, where) {
  await page.locator('main.client-mode').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, `${where}: no navigation`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /ORS total|intake|cutoff|Session review|\/\s*40/i, `${where}: no figures`);
}

async function unlock(page) {
  await page.getByRole('button', { name: 'Therapist: unlock' }).first().click();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** A client whose age group is child, with their page open. */
async function childClient(page, label) {
  await addClient(page, label);
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByLabel('Age group', { exact: true }).selectOption('child');
  await page.waitForFunction((l) => (attuneStored()?.clients || []).some((c) => c.label === l && c.age_group === 'child'), label);
}

const stored = (page) => page.evaluate(() => attuneStored());

test('a child seen alone, handed the tablet: the child ORS and SRS with faces, a reload and the start address keep the child form', async () => {
  const { context, page, log } = await openApp(env, TABLET);
  await setPin(page, PIN);
  await childClient(page, 'Kit');
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();

  await assertClientOnly(page, 'child ORS');
  await assertChildForm(page, 'How has your week been?', CHILD_ORS, 'child ORS');
  assert.deepEqual(await axe(page), [], 'the child ORS in client mode');
  await rateLines(page, CHILD_ORS.slice(0, 2), [0.5, 0.5], true);
  const marked = await page.getByRole('slider', { name: 'Family', exact: true }).getAttribute('aria-valuenow');
  assert.ok(marked, 'a mark on Family');

  // A reload keeps the child's version and marks, still in client mode.
  await page.reload();
  await assertClientOnly(page, 'child ORS after a reload');
  await assertChildForm(page, 'How has your week been?', CHILD_ORS, 'after a reload');
  assert.equal(await page.getByRole('slider', { name: 'Family', exact: true }).getAttribute('aria-valuenow'), marked);

  // The start address (a relaunch, a new tab) leads to the same child form.
  const second = await context.newPage();
  await second.goto(env.origin + '/');
  await assertClientOnly(second, 'the start address');
  await assertChildForm(second, 'How has your week been?', CHILD_ORS, 'the start address');
  assert.equal(await second.getByRole('slider', { name: 'Family', exact: true }).getAttribute('aria-valuenow'), marked, 'the marks are kept');
  await second.close();

  await rateLines(page, CHILD_ORS.slice(2), [0.5, 0.5], true);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await assertClientOnly(page, 'thank-you after the child ORS');
  await unlock(page);
  await page.getByTestId('ors-total').waitFor();
  assert.match(await page.getByTestId('ors-cutoff').textContent(), /child cutoff of 32\.0/);

  // The end of the session: the child SRS, handed over again.
  await page.getByRole('button', { name: 'Hand to client for the SRS' }).click();
  await assertClientOnly(page, 'child SRS');
  await assertChildForm(page, 'How was today?', CHILD_SRS, 'child SRS');
  await rateLines(page, CHILD_SRS, [0.9, 0.9, 0.9, 0.9], true);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await unlock(page);
  await page.getByTestId('total').waitFor();

  await page.waitForFunction(() => ((attuneStored() || {}).ratings || []).length === 2);
  const doc = await stored(page);
  const ors = doc.ratings.find((r) => r.measure === 'ors');
  const srs = doc.ratings.find((r) => !r.measure);
  assert.equal(ors.scale_id, 'ors-child-attune', 'the ORS is stored on the child version');
  assert.equal(srs.scale_id, 'srs-child-attune', 'the SRS is stored on the child version');
  assert.ok(ors.session_id && ors.session_id === srs.session_id, 'one session');
  assertClean(env, log);
  await context.close();
});

test('a child seen alone on this screen: "ORS here" and the SRS here give the child version, the review follows', async () => {
  const { context, page, log } = await openApp(env);
  await childClient(page, 'Jo');
  await page.getByRole('button', { name: 'Start session: ORS here' }).click();
  await assertChildForm(page, 'How has your week been?', CHILD_ORS, 'child ORS here');
  assert.deepEqual(await axe(page), [], 'the child ORS here');
  await rateLines(page, CHILD_ORS, [0.2, 0.3, 0.4, 0.5], false);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  assert.equal(await page.getByTestId('ors-total').count(), 0, 'no results after Done');
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('ors-total').waitFor();
  assert.match(await page.getByTestId('ors-cutoff').textContent(), /child cutoff of 32\.0/);

  await page.getByRole('button', { name: 'Rate the session (SRS) here' }).click();
  await assertChildForm(page, 'How was today?', CHILD_SRS, 'child SRS here');
  await rateLines(page, CHILD_SRS, [0.8, 0.8, 0.8, 0.8], false);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => ((attuneStored() || {}).ratings || []).length === 2);
  const ids = (await stored(page)).ratings.map((r) => r.scale_id).sort();
  assert.deepEqual(ids, ['ors-child-attune', 'srs-child-attune']);
  assertClean(env, log);
  await context.close();
});

test('a child seen alone by voice: the child questions are read aloud and the scores stored on the child version', async () => {
  const { context, page, log } = await openApp(env);
  await childClient(page, 'Bo');
  await page.getByRole('button', { name: 'Start session: ORS by voice' }).click();
  await page.getByRole('heading', { name: 'Enter spoken scores: the past week (ORS)' }).waitFor();
  assert.match(await page.locator('.script').first().textContent(), /Sad face: this past week was hard for me/);
  for (const [t, v] of [['Me', '5'], ['Family', '6'], ['School', '4'], ['Everything', '6']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('ors-total').waitFor();
  assert.match(await page.getByTestId('ors-cutoff').textContent(), /child cutoff of 32\.0/);
  await page.getByRole('button', { name: 'SRS by voice' }).click();
  await page.getByRole('heading', { name: 'Enter spoken scores', exact: true }).waitFor();
  for (const [t, v] of [['Listening', '9'], ['What we talked about', '8'], ['What we did', '9'], ['Today overall', '9']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  const ids = (await stored(page)).ratings.map((r) => r.scale_id).sort();
  assert.deepEqual(ids, ['ors-child-attune', 'srs-child-attune']);
  assertClean(env, log);
  await context.close();
});

test('a child seen alone, an SRS of its own from their page ("Rate a session", spoken scores): the child version', async () => {
  const { context, page, log } = await openApp(env);
  await childClient(page, 'Al');
  await page.getByRole('button', { name: 'Rate a session' }).click();
  await assertChildForm(page, 'How was today?', CHILD_SRS, 'Rate a session');
  await rateLines(page, CHILD_SRS, [0.7, 0.7, 0.7, 0.7], false);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('total').waitFor();
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Al', exact: true }).click();
  await page.getByRole('button', { name: 'Enter spoken scores' }).click();
  for (const [t, v] of [['Listening', '9'], ['What we talked about', '8'], ['What we did', '9'], ['Today overall', '9']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => ((attuneStored() || {}).ratings || []).length === 2);
  const doc = await stored(page);
  assert.deepEqual(doc.ratings.map((r) => r.scale_id), ['srs-child-attune', 'srs-child-attune']);
  assert.ok(doc.ratings.every((r) => r.client_id === doc.clients[0].id), "both are the child's");
  assertClean(env, log);
  await context.close();
});

test('a child alone whose rating cannot be stored anywhere gets the thank-you once, never a second Done', async () => {
  const { context, page, log } = await openApp(env, TABLET);
  // Leaving with a rating held only in memory asks first.
  page.on('dialog', (d) => d.accept());
  await setPin(page, PIN);
  await childClient(page, 'Kit');
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await assertChildForm(page, 'How has your week been?', CHILD_ORS, 'child ORS');
  await rateLines(page, CHILD_ORS, [0.5, 0.6, 0.7, 0.8], true);
  // Both storages full: the rating can be held in memory only.
  assert.ok(await fillStorage(page, ['local', 'session']) > 0);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Done', exact: true }).count(), 0, 'no second Done');
  assert.equal(await page.getByRole('slider').count(), 0, 'the filled form is gone from the child');
  await emptyFiller(page, ['local', 'session']);
  assertClean(env, log);
  await context.close();
});
