// Wording packs in Settings: a bad pack is refused with what is wrong and
// changes nothing; a good one is loaded, survives a reload, and can be
// removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, teardown, openApp, axe, assertClean } from './harness.mjs';

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
