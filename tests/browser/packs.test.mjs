// Wording packs in Settings: a bad pack is refused with what is wrong and
// changes nothing; a good one is loaded, survives a reload, and can be
// removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, teardown, openApp, axe, assertClean, addClient } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = JSON.parse(fs.readFileSync(path.resolve(here, '../../docs/wording-pack.sample.json'), 'utf8'));

/** The sample pack with a second language, Spanish, whose SRS has one title of its own. */
function withSpanish() {
  const pack = structuredClone(SAMPLE);
  const es = structuredClone(pack.languages[0]);
  es.language = 'es';
  es.name = 'Español';
  es.measures['srs-attune'].items[0].title = 'Relación';
  pack.languages.push(es);
  return pack;
}

const stored = (page) => page.evaluate(() => localStorage.getItem('attune.pack'));

async function choosePack(page, pack, name = 'pack.json') {
  const text = typeof pack === 'string' ? pack : JSON.stringify(pack, null, 2);
  await page.getByLabel('Pack file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a bad pack is refused with its reason and a good one is loaded, kept across a reload and removed', async () => {
  const { context, page, log } = await openApp(env);
  await page.goto(env.origin + '/therapist.html#/settings');
  const now = page.getByTestId('pack-now');
  await now.filter({ hasText: "No pack is loaded: the measures use Attune's own wording, in English." }).waitFor();

  // A language tag that is not one: refused, named, nothing stored.
  const bad = withSpanish();
  bad.languages[1].language = 'spanish';
  await choosePack(page, bad);
  await page.getByRole('alert').filter({
    hasText: 'The pack was not loaded: language 2: "spanish" is not a language tag (like "es", "es-419" or "pt-BR"). Nothing was changed.',
  }).waitFor();
  assert.equal(await stored(page), null);
  assert.match(await now.textContent(), /No pack is loaded/);

  // An item missing: named by its place.
  const short = withSpanish();
  short.languages[1].measures['ors-attune'].items.pop();
  await choosePack(page, short);
  await page.getByRole('alert').filter({
    hasText: 'language 2 (es) › ORS ("ors-attune"): the items must be "individual", "interpersonal", "social", "overall" in this order; the pack has "individual", "interpersonal", "social".',
  }).waitFor();
  assert.equal(await stored(page), null);

  // A good pack.
  await choosePack(page, withSpanish());
  await page.getByRole('status').filter({ hasText: "The pack “Attune's own wording (sample pack)” is loaded." }).waitFor();
  assert.equal(await page.getByTestId('pack-error').textContent(), '');
  const loaded = "Loaded: “Attune's own wording (sample pack)”, version 1. Languages: English (en), Español (es).";
  await now.filter({ hasText: loaded }).waitFor();
  assert.deepEqual(JSON.parse(await stored(page)), withSpanish());
  await axe(page);

  // A bad pack now leaves the good one in place.
  await choosePack(page, '{"format": "attune-wording-pack", "format_version": 7}');
  await page.getByRole('alert').filter({ hasText: 'this pack is in format 7, made for a newer Attune' }).waitFor();
  assert.deepEqual(JSON.parse(await stored(page)), withSpanish());

  await page.reload();
  await now.filter({ hasText: loaded }).waitFor();

  await page.getByRole('button', { name: 'Remove the pack' }).click();
  await page.getByRole('status').filter({ hasText: "The pack is removed: Attune's own wording is used again." }).waitFor();
  await now.filter({ hasText: 'No pack is loaded' }).waitFor();
  assert.equal(await stored(page), null);
  assertClean(env, log);
  await context.close();
});

test("a pack chosen as the device's wording changes the form for every client without a language of their own, and survives a reload", async () => {
  const { context, page, log } = await openApp(env);
  const pack = structuredClone(SAMPLE);
  pack.id = 'clinic-licensed';
  pack.name = 'Clinic licensed wording';
  const srs = pack.languages[0].measures['srs-attune'];
  srs.heading = 'How was our session today? (clinic wording)';
  srs.items[0].title = 'Our relationship';
  await page.goto(env.origin + '/therapist.html#/settings');
  await choosePack(page, pack);
  await page.getByRole('status').filter({ hasText: '“Clinic licensed wording” is loaded.' }).waitFor();

  // Loading a pack alone changes no form: the therapist chooses its use.
  await page.goto(env.origin + '/');
  await page.getByRole('heading', { name: "How was today's session?", level: 1 }).waitFor();
  await page.getByRole('slider', { name: 'Relationship', exact: true }).waitFor();

  await page.goto(env.origin + '/therapist.html#/settings');
  const every = page.getByLabel('Wording for every client without a language of their own');
  await every.selectOption({ label: 'English (en), Clinic licensed wording' });
  await page.getByTestId('device-wording-result').filter({
    hasText: 'From the next rating, clients without a language of their own see English (en), Clinic licensed wording. Your pages stay in English.',
  }).waitFor();
  await axe(page);

  await page.goto(env.origin + '/');
  await page.getByRole('heading', { name: 'How was our session today? (clinic wording)', level: 1 }).waitFor();
  await page.getByRole('slider', { name: 'Our relationship', exact: true }).waitFor();
  assert.equal(await page.getByRole('slider', { name: 'Relationship', exact: true }).count(), 0);
  await axe(page);

  // Kept across a reload, and the static first paint (the built-in heading)
  // is not shown meanwhile.
  await page.reload();
  await page.getByRole('heading', { name: 'How was our session today? (clinic wording)', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('no-paint')), true);

  // Back to Attune's own English.
  await page.goto(env.origin + '/therapist.html#/settings');
  await page.getByLabel('Wording for every client without a language of their own')
    .selectOption({ label: "English (en), Attune's own wording" });
  await page.getByTestId('device-wording-result').filter({ hasText: "Clients without a language of their own see Attune's own English." }).waitFor();
  await page.goto(env.origin + '/');
  await page.getByRole('heading', { name: "How was today's session?", level: 1 }).waitFor();
  await page.getByRole('slider', { name: 'Relationship', exact: true }).waitFor();
  assertClean(env, log);
  await context.close();
});

test("a device's wording whose pack is removed is named as missing, and a client's page says the English that is shown", async () => {
  const { context, page, log } = await openApp(env);
  const pack = structuredClone(SAMPLE);
  pack.id = 'clinic-licensed';
  pack.name = 'Clinic licensed wording';
  await page.goto(env.origin + '/therapist.html#/settings');
  await choosePack(page, pack);
  await page.getByRole('status').filter({ hasText: '“Clinic licensed wording” is loaded.' }).waitFor();
  const every = page.getByLabel('Wording for every client without a language of their own');
  await every.selectOption({ label: 'English (en), Clinic licensed wording' });
  await page.getByTestId('device-wording-result').filter({ hasText: 'clients without a language of their own see English (en), Clinic licensed wording' }).waitFor();

  await page.getByRole('button', { name: 'Remove the pack' }).click();
  await page.getByRole('status').filter({ hasText: "The pack is removed: Attune's own wording is used again." }).waitFor();
  await every.locator('option:checked').filter({ hasText: 'en: not on this device, English is shown' }).waitFor({ state: 'attached' });

  // The client's page offers what the form shows: Attune's English.
  await addClient(page, 'NL');
  await page.getByRole('button', { name: 'NL', exact: true }).click();
  const picker = page.getByLabel('Language of the measures');
  await picker.waitFor();
  assert.deepEqual(await picker.locator('option').allTextContents(), [
    "English (en), Attune's own wording",
    "Español (es), Attune's own wording in Spanish (Español)",
  ]);
  await picker.selectOption('es');
  await page.getByTestId('client-language-result').filter({ hasText: 'shown in Español (es)' }).waitFor();
  await picker.selectOption('');
  await page.getByTestId('client-language-result').filter({ hasText: 'The measures are shown in English.' }).waitFor();
  await axe(page);

  await page.goto(env.origin + '/');
  await page.getByRole('heading', { name: "How was today's session?", level: 1 }).waitFor();
  await page.getByRole('slider', { name: 'Relationship', exact: true }).waitFor();
  assertClean(env, log);
  await context.close();
});
