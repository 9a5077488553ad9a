// Mixed versions never lose a field. A tab still
// running the previous version (the single stored document, from before
// the records layout) keeps saving after another tab updated: its copy of
// the client and the session was read before the new version set the
// client's age group and typed the session's note. Its rename and date
// correction come later; at the new version's next start they are taken
// in field by field, and the age group and the note stay.
//
// The older build's write is simulated, not built: a second tab writes
// exactly the text the previous release stores (the whole document under
// `attune.data`, as `store::encode` of that release writes it: the schema
// and version 5, then the clients and ratings as it holds them, fields it
// holds at their default left out).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, assertClean, addClient } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

/** A timestamp as Attune writes it: milliseconds only when there are some. */
const stamp = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

test("an old tab's rename and date correction keep the new version's age group and note", async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'KL');
  await page.getByRole('button', { name: 'KL', exact: true }).click();
  // A session by voice: the ORS, then the SRS.
  await page.getByRole('button', { name: 'Start session: ORS by voice' }).click();
  for (const [t, v] of [['Individually', '5'], ['Interpersonally', '6'], ['Socially', '4'], ['Overall', '6']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('ors-total').waitFor();
  await page.getByRole('button', { name: 'SRS by voice' }).click();
  for (const [t, v] of [['Relationship', '9'], ['Goals and Topics', '8'], ['Approach or Method', '9'], ['Overall', '9']]) {
    await page.getByLabel(`${t} (0 to 10)`).fill(v);
  }
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => attuneStored()?.ratings?.length === 2);
  const srsId = (await page.evaluate(() => attuneStored())).ratings.find((r) => !r.measure).id;

  // The old tab was opened now: this is what it holds from here on.
  const held = await page.evaluate(() => attuneStored());

  // The updated tab: a note on the session, then the client's age group.
  await page.getByLabel('What the client said (optional)').fill('felt heard today');
  await page.getByLabel('What the client said (optional)').blur();
  await page.waitForFunction((id) => attuneStored().ratings.find((r) => r.id === id).note?.client_feedback === 'felt heard today', srsId);
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'KL', exact: true }).click();
  await page.getByLabel('Age group', { exact: true }).selectOption('child');
  await page.waitForFunction(() => attuneStored().clients[0].age_group === 'child');

  // The old tab, later: renames KL and moves the session back a day, and
  // stores its whole document, which knows neither the age group nor the note.
  const now = Date.now() + 1000;
  const client = { ...held.clients[0], label: 'KL2', updated_at: stamp(now) };
  assert.equal(client.age_group, undefined, 'the old copy has no age group');
  const day = 24 * 3600 * 1000;
  const ratings = held.ratings.map((r) => ({ ...r, session_at: stamp(Date.parse(r.session_at) - day), updated_at: stamp(now + 1) }));
  assert.ok(ratings.every((r) => r.note === undefined), 'the old copies have no note');
  const oldText = JSON.stringify({ schema: 'attune', version: 5, clients: [client], ratings, last_backup_at: held.last_backup_at ?? null });
  const oldTab = await context.newPage();
  await oldTab.goto(env.origin + '/');
  await oldTab.getByRole('slider').first().waitFor();
  await oldTab.evaluate((text) => localStorage.setItem('attune.data', text), oldText);
  await oldTab.close();

  // The new version's next start takes the old tab's edits in.
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => localStorage.getItem('attune.data') === null);
  const doc = await page.evaluate(() => attuneStored());
  assert.equal(doc.clients.length, 1);
  assert.equal(doc.clients[0].label, 'KL2', 'the rename is taken');
  assert.equal(doc.clients[0].age_group, 'child', 'the age group stays');
  const srs = doc.ratings.find((r) => r.id === srsId);
  assert.equal(srs.session_at, ratings.find((r) => r.id === srsId).session_at, 'the date correction is taken');
  assert.equal(srs.note?.client_feedback, 'felt heard today', 'the note stays');
  assert.equal(doc.ratings.length, 2);

  // As the therapist sees it: the client's page and the session's review.
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('button', { name: 'KL2', exact: true }).click();
  assert.equal(await page.getByLabel('Age group', { exact: true }).inputValue(), 'child');
  await page.goto(env.origin + `/therapist.html#/review/${srsId}`);
  await page.getByTestId('total').waitFor();
  assert.equal(await page.getByLabel('What the client said (optional)').inputValue(), 'felt heard today');

  // Every record now carries the schema version that wrote it.
  const versions = await page.evaluate(() => Object.entries(attuneEntries())
    .filter(([k]) => /^attune\.r\.[cmu]\./.test(k))
    .map(([, t]) => JSON.parse(t).v));
  assert.ok(versions.length === 3 && versions.every((v) => v === 8), `record versions ${versions}`);
  assertClean(env, log);
  await context.close();
});
