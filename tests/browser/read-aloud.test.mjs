// Read aloud: the therapist sets a Spanish client's lines to be read aloud
// on the client's page; handed the device, that client finds a "Leer en
// voz alta" (Read aloud) button under each line, in Spanish and named after
// it, that asks the device's
// speech to say the line's Spanish title, then its low end, then its high
// end, in Spanish, never a number. A mark stops the reading. A client
// without the setting has no button; an English client set to read aloud
// hears the built-in English; a device without speech says so.
//
// Only the speech engine's voice output is replaced (speechSynthesis.speak
// records what it was asked to say; cancel is counted and still runs):
// everything else is the real page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, teardown, openApp, axe, assertClean, setPin, addClient, rateLines } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

// Attune's own Spanish (packs/es.json): the words the client sees and hears.
const ES = JSON.parse(fs.readFileSync(new URL('../../packs/es.json', import.meta.url), 'utf8')).languages[0].measures;
const ORS_ES = ES['ors-attune'].items;
const SRS_ES = ES['srs-attune'].items;
// Attune's own English (scales/srs-attune.json), built into the form.
const SRS_EN = JSON.parse(fs.readFileSync(new URL('../../scales/srs-attune.json', import.meta.url), 'utf8')).items;

/** Replaces the voice output only: what speak is asked to say is recorded. */
function recordSpeech() {
  window.attuneSpoken = [];
  window.attuneHushed = 0;
  const s = window.speechSynthesis;
  if (!s) return;
  s.speak = (u) => { window.attuneSpoken.push({ text: u.text, lang: u.lang }); };
  const cancel = s.cancel.bind(s);
  s.cancel = () => { window.attuneHushed += 1; cancel(); };
}

/** A device without speech (some webviews): no speechSynthesis at all. */
function noSpeech() {
  delete window.speechSynthesis;
  delete Window.prototype.speechSynthesis;
}

const spoken = (page) => page.evaluate(() => window.attuneSpoken);
const hushed = (page) => page.evaluate(() => window.attuneHushed);
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The therapist's way out of client mode, named in the client's language. */
async function unlock(page, pin, name = 'Terapeuta: desbloquear') {
  await page.getByRole('button', { name }).first().click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** The Read aloud button's own words, in the client's language. */
const READ = { es: 'Leer en voz alta', en: 'Read aloud' };

/** Presses each line's Read aloud button and checks what the device was asked to say. */
async function readEach(page, items, measure, lang = 'es') {
  for (const item of items) {
    await page.evaluate(() => { window.attuneSpoken = []; });
    const button = page.getByRole('button', { name: `${READ[lang]} ${item.title}`, exact: true });
    // The button's words are marked with their language (a screen reader's voice follows it).
    assert.equal(await button.getAttribute('lang'), lang, `${measure}: the button's lang`);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await page.waitForFunction(() => window.attuneSpoken.length >= 3);
    const said = await spoken(page);
    assert.deepEqual(said.map((u) => u.text), [item.title, item.left, item.right], `${measure}: ${item.title}`);
    for (const u of said) {
      assert.equal(u.lang, lang, `${measure}: "${u.text}" in ${lang}`);
      assert.doesNotMatch(u.text, /\d/, `${measure}: no number in "${u.text}"`);
    }
  }
  // By keyboard too: the button is a real one.
  await page.evaluate(() => { window.attuneSpoken = []; });
  await page.getByRole('button', { name: `${READ[lang]} ${items[0].title}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.attuneSpoken.length >= 3);
  assert.equal((await spoken(page))[0].text, items[0].title);
}

test("a Spanish client's lines are read aloud in Spanish, title then ends, never a number; a mark stops the reading; a client without the setting has no button", async () => {
  const { context, page, log } = await openApp(env);
  await context.addInitScript(recordSpeech);
  await setPin(page, '4826');
  await addClient(page, 'ES');
  await addClient(page, 'EN');

  // The client's page: Spanish, and the lines read aloud.
  await page.getByRole('button', { name: 'ES', exact: true }).click();
  await page.getByLabel('Language of the measures').selectOption('es');
  await page.getByTestId('client-language-result').filter({ hasText: 'Español' }).waitFor();
  const aloud = page.getByRole('checkbox', { name: 'Read the lines aloud on the form' });
  assert.equal(await aloud.isChecked(), false);
  await aloud.check();
  // Kept on the client: still set after a reload.
  await page.reload();
  await page.getByRole('heading', { name: 'Client ES' }).waitFor();
  await page.getByRole('checkbox', { name: 'Read the lines aloud on the form', checked: true }).waitFor();
  assert.deepEqual(await axe(page), [], "client's page with read-aloud");

  // Handed over for the ORS: a button under each line.
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: ORS_ES[0].title, exact: true }).waitFor();
  // In Spanish, as the rest of the form: no English button for a Spanish client.
  assert.equal(await page.getByRole('button', { name: /^Leer en voz alta/ }).count(), 4);
  assert.equal(await page.getByRole('button', { name: /Read aloud/ }).count(), 0);
  await readEach(page, ORS_ES, 'ORS');
  assert.deepEqual(await axe(page), [], 'ORS form with Read aloud');
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await wide(page), false, 'no sideways scroll at 360 px');
  await page.setViewportSize(size);

  // A mark stops the reading (the client has answered).
  await page.getByRole('button', { name: `Leer en voz alta ${ORS_ES[1].title}`, exact: true }).click();
  const before = await hushed(page);
  await rateLines(page, ORS_ES.map((i) => i.title), [0.3, 0.4, 0.5, 0.6], false);
  assert.ok((await hushed(page)) > before, 'speech cancelled on a mark');
  await page.getByRole('button', { name: 'Listo', exact: true }).click();
  await page.getByTestId('thanks').waitFor();

  // The SRS at the end of the session: read aloud the same way.
  await unlock(page, '4826');
  await page.getByRole('button', { name: 'Hand to client for the SRS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: SRS_ES[0].title, exact: true }).waitFor();
  await readEach(page, SRS_ES, 'SRS');
  await rateLines(page, SRS_ES.map((i) => i.title), [0.9, 0.8, 0.7, 0.9], false);
  await page.getByRole('button', { name: 'Listo', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await unlock(page, '4826');
  await page.getByRole('heading', { name: 'Session review' }).waitFor();

  // A client without the setting: no button, nothing said.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Read the lines aloud on the form', checked: false }).waitFor();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: 'Individually', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /Read aloud/ }).count(), 0, 'no Read aloud for EN');
  assert.equal(await page.getByText('cannot read the lines aloud').count(), 0);
  assertClean(env, log);
  await context.close();
});

test("an English client set to read aloud, rated from the client's page (Rate a session): the built-in English words, lang en", async () => {
  const { context, page, log } = await openApp(env);
  await context.addInitScript(recordSpeech);
  await setPin(page, '4826');
  await addClient(page, 'KID');
  await page.getByRole('button', { name: 'KID', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Read the lines aloud on the form' }).check();
  await page.getByRole('button', { name: 'Rate a session' }).click();
  await page.getByRole('slider', { name: SRS_EN[0].title, exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Read aloud/ }).count(), 4);
  await readEach(page, SRS_EN, 'SRS', 'en');
  assert.deepEqual(await axe(page), [], 'English form with Read aloud');
  // Done stops the reading too.
  await page.getByRole('button', { name: `Read aloud ${SRS_EN[3].title}`, exact: true }).click();
  await rateLines(page, SRS_EN.map((i) => i.title), [0.9, 0.8, 0.7, 0.9], false);
  const before = await hushed(page);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.waitForFunction((n) => window.attuneHushed > n, before);
  assertClean(env, log);
  await context.close();
});

test('a device without speech shows no Read aloud button and says so once', async () => {
  const { context, page, log } = await openApp(env);
  await context.addInitScript(noSpeech);
  await setPin(page, '4826');
  await addClient(page, 'KID');
  await page.getByRole('button', { name: 'KID', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Read the lines aloud on the form' }).check();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: 'Individually', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => 'speechSynthesis' in window), false, 'the device has no speech');
  await page.getByText('This device cannot read the lines aloud.').waitFor();
  assert.equal(await page.getByText('This device cannot read the lines aloud.').count(), 1);
  assert.equal(await page.getByRole('button', { name: /Read aloud/ }).count(), 0);
  assert.deepEqual(await axe(page), [], 'form without speech');
  assertClean(env, log);
  await context.close();
});
