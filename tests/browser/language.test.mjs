// A client's language for the measures: the therapist sets a client's
// language to Spanish on the client's page (the therapist page stays in
// English); handed the device, that client rates the ORS and the SRS on
// lines worded in Spanish (each slider's accessible name is the Spanish
// title); the same marks give the same totals as another client's in
// English; each rating records its wording, shown in the client's history
// and kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, axe, assertClean, setPin, addClient, rateLines } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const ORS = ['Individually', 'Interpersonally', 'Socially', 'Overall'];
const SRS = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];
// Attune's own Spanish (packs/es.json).
const ORS_ES = ['En lo personal', 'En las relaciones cercanas', 'En lo social', 'En conjunto'];
const SRS_ES = ['Relación', 'Objetivos y temas', 'Enfoque o forma de trabajar', 'En conjunto'];
const ORS_MARKS = [0.3, 0.42, 0.55, 0.35];
const SRS_MARKS = [0.9, 0.85, 0.62, 0.9];

async function unlock(page, pin, name = 'Therapist: unlock') {
  await page.getByRole('button', { name }).first().click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

const values = (page, titles) => Promise.all(titles.map((t) => page.getByRole('slider', { name: t, exact: true }).getAttribute('aria-valuenow')));

/** True when the page scrolls sideways. */
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/**
 * A whole session for the client `label` in client mode: the ORS, its
 * review, the SRS, its review. `ors` and `srs` are the lines' titles the
 * client sees; `check` runs on each form before it is marked; `say` names
 * the form's Done and unlock buttons in the client's language. Returns the
 * marks' values and both totals as the reviews show them.
 */
async function session(page, label, ors, srs, check, say = { done: 'Done', unlock: 'Therapist: unlock' }) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: ors[0], exact: true }).waitFor();
  await check('ORS');
  await rateLines(page, ors, ORS_MARKS, false);
  const orsValues = await values(page, ors);
  await page.getByRole('button', { name: say.done, exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await unlock(page, '4826', say.unlock);
  await page.getByRole('heading', { name: /the past week \(ORS\)/ }).waitFor();
  const orsTotal = await page.getByTestId('ors-total').textContent();
  await page.getByRole('button', { name: 'Hand to client for the SRS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: srs[0], exact: true }).waitFor();
  await check('SRS');
  await rateLines(page, srs, SRS_MARKS, false);
  const srsValues = await values(page, srs);
  await page.getByRole('button', { name: say.done, exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await unlock(page, '4826', say.unlock);
  await page.getByRole('heading', { name: 'Session review' }).waitFor();
  const srsTotal = await page.getByTestId('total').textContent();
  return { orsValues, srsValues, orsTotal, srsTotal };
}

test('a Spanish client rates in Spanish while the therapist page stays English; the same marks give the same totals, and each rating records its language', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await addClient(page, 'ES');
  await addClient(page, 'EN');

  // The client's page: the language of the measures, chosen from the
  // built-in English and Attune's own Spanish (no pack loaded).
  await page.getByRole('button', { name: 'ES', exact: true }).click();
  const picker = page.getByLabel('Language of the measures');
  assert.deepEqual(await picker.locator('option').allTextContents(), [
    "English (en), Attune's own wording",
    "Español (es), Attune's own wording in Spanish (Español)",
  ]);
  await picker.selectOption('es');
  await page.getByTestId('client-language-result')
    .filter({ hasText: 'From the next rating, the measures are shown in Español (es)' }).waitFor();
  // The therapist's own page stays in English.
  await page.getByRole('heading', { name: 'Client ES' }).waitFor();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).waitFor();
  assert.deepEqual(await axe(page), [], "client's page with a language");

  const spanish = await session(page, 'ES', ORS_ES, SRS_ES, async (measure) => {
    // Every line's slider is named by its Spanish title; no English title is left.
    for (const t of measure === 'ORS' ? ORS_ES : SRS_ES) {
      assert.equal(await page.getByRole('slider', { name: t, exact: true }).count(), 1, `${measure}: "${t}"`);
    }
    for (const t of measure === 'ORS' ? ORS : SRS) {
      if (t === 'Overall') continue;
      assert.equal(await page.getByRole('slider', { name: t, exact: true }).count(), 0, `${measure}: no "${t}"`);
    }
    const heading = measure === 'ORS' ? '¿Cómo le ha ido en la última semana?' : '¿Cómo fue la sesión de hoy?';
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    // The measure's words carry their language, for screen readers' voices.
    await page.locator('.rate [lang="es"] h1').waitFor();
    assert.deepEqual(await axe(page), [], `${measure} form in Spanish`);
    // The Spanish words fit a phone's width without scrolling sideways.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await wide(page), false, `${measure} in Spanish at 360 px`);
    await page.setViewportSize(size);
  }, { done: 'Listo', unlock: 'Terapeuta: desbloquear' });

  const english = await session(page, 'EN', ORS, SRS, async (measure) => {
    const heading = measure === 'ORS' ? 'How has the past week been?' : "How was today's session?";
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    assert.equal(await page.locator('.rate [lang="en"] h1').count(), 1, 'English words, marked as English');
    assert.equal(await page.locator('.rate [lang="es"]').count(), 0);
  });

  // The same marks, the same scores and totals, whatever the words.
  assert.deepEqual(spanish.orsValues, english.orsValues);
  assert.deepEqual(spanish.srsValues, english.srsValues);
  assert.ok(spanish.orsValues.every((v) => v !== null) && spanish.srsValues.every((v) => v !== null));
  assert.equal(spanish.orsTotal, english.orsTotal);
  assert.equal(spanish.srsTotal, english.srsTotal);

  // The records: the Spanish client's two ratings name their wording, the other client's none.
  const doc = await page.evaluate(() => attuneStored());
  const id = (label) => doc.clients.find((c) => c.label === label).id;
  assert.equal(doc.clients.find((c) => c.label === 'ES').language, 'es');
  assert.equal('language' in doc.clients.find((c) => c.label === 'EN'), false);
  const es = doc.ratings.filter((r) => r.client_id === id('ES'));
  const en = doc.ratings.filter((r) => r.client_id === id('EN'));
  assert.equal(es.length, 2);
  for (const r of es) assert.deepEqual(r.wording, { language: 'es', name: 'Español', pack: 'attune-es', version: 1 });
  assert.equal(en.length, 2);
  for (const r of en) assert.equal('wording' in r, false);

  // The client's history says which language each session was rated in, across a reload.
  const language = async (label) => {
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: label, exact: true }).click();
    const table = page.getByTestId('history-table');
    await table.waitFor();
    return table.locator('td.language').allTextContents();
  };
  assert.deepEqual(await language('ES'), ['Español (es)']);
  assert.deepEqual(await language('EN'), [], 'no Language column where every session is in English');
  await page.reload();
  assert.deepEqual(await language('ES'), ['Español (es)']);
  assert.equal(await page.getByLabel('Language of the measures').inputValue(), 'es');
  assert.deepEqual(await axe(page), [], "client's page with a session in Spanish");
  assertClean(env, log);
  await context.close();
});
