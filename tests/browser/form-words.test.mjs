// The form's own sentences in the client's language, and right-to-left:
// a Spanish client's form and thank-you say their buttons, hints and what a
// screen reader hears of a line (with a decimal comma) in Spanish, while
// the therapist's page stays English; a client set to a right-to-left
// pseudo-locale (a test pack, loaded in Settings) gets a form turned right
// to left, with its lines kept left = 0, no sideways scrolling from 360 to
// 1024 px, axe clean, and the same scores as an English client's for the
// same marks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, teardown, openApp, axe, assertClean, setPin, addClient, rateLines } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const here = path.dirname(fileURLToPath(import.meta.url));
const RTL_TEXT = fs.readFileSync(path.resolve(here, 'fixtures/rtl-pack.json'), 'utf8');
const RTL = JSON.parse(RTL_TEXT).languages[0];

const ORS = ['Individually', 'Interpersonally', 'Socially', 'Overall'];
const ORS_ES = ['En lo personal', 'En las relaciones cercanas', 'En lo social', 'En conjunto'];
const ORS_RTL = RTL.measures['ors-attune'].items.map((i) => i.title);
const MARKS = [0.3, 0.42, 0.55, 0.35];

/** True when the page scrolls sideways. */
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Sets the client `label`'s language of the measures on the client's page. */
async function setLanguage(page, label, tag) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByLabel('Language of the measures').selectOption(tag);
  await page.getByTestId('client-language-result').filter({ hasText: 'From the next rating' }).waitFor();
}

/** Starts a session for `label`: the device in client mode on the ORS. */
async function handOver(page, label, firstTitle) {
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('button', { name: 'Start session: hand to client for the ORS' }).click();
  await page.locator('main.client-mode').waitFor();
  await page.getByRole('slider', { name: firstTitle, exact: true }).waitFor();
}

/** Back to the therapist page with the PIN, from the button named `unlock`. */
async function unlock(page, unlockName) {
  await page.getByRole('button', { name: unlockName }).first().click();
  await page.getByLabel('PIN', { exact: true }).fill('4826');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: /the past week \(ORS\)/ }).waitFor();
}

/** The marks' values of the lines named `titles`. */
const values = (page, titles) => Promise.all(titles.map((t) => page.getByRole('slider', { name: t, exact: true }).getAttribute('aria-valuenow')));

test("a Spanish client's form and thank-you speak Spanish, with a decimal comma, while the therapist's page stays English", async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await addClient(page, 'ES');
  await setLanguage(page, 'ES', 'es');
  await handOver(page, 'ES', ORS_ES[0]);

  // The form's own sentences, in Spanish; none left in English.
  const form = page.locator('section.rate');
  assert.equal(await form.getAttribute('lang'), 'es');
  assert.equal(await form.getAttribute('dir'), 'ltr');
  const done = page.getByRole('button', { name: 'Listo', exact: true });
  assert.equal(await done.isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Done', exact: true }).count(), 0);
  await page.getByRole('button', { name: 'Terapeuta: desbloquear' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Therapist: unlock' }).count(), 0);
  // Marked Spanish too (it sits outside the form's section), so a screen reader says it in Spanish.
  assert.equal(
    await page.getByRole('button', { name: 'Terapeuta: desbloquear' }).evaluate((b) => b.closest('[lang]').lang),
    'es',
  );
  const hint = page.locator('section.rate .hint');
  await hint.filter({ hasText: 'Quedan 4 líneas por marcar' }).waitFor();
  // What a screen reader hears of a line: the end names and the mark, in Spanish.
  const first = page.getByRole('slider', { name: ORS_ES[0], exact: true });
  assert.equal(await first.getAttribute('aria-valuetext'), 'todavía sin marcar');
  assert.match(await page.locator('#item-0-ends').textContent(), /^Extremo izquierdo: .+\. Extremo derecho: .+$/);
  await first.focus();
  for (let i = 0; i < 45; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await first.getAttribute('aria-valuenow'), '4.5', 'the value itself stays a number');
  assert.equal(await first.getAttribute('aria-valuetext'), '4,5 de 10');
  await hint.filter({ hasText: 'Quedan 3 líneas por marcar' }).waitFor();
  await rateLines(page, ORS_ES.slice(1, 3), MARKS.slice(1, 3), false);
  await hint.filter({ hasText: 'Queda 1 línea por marcar' }).waitFor();
  await rateLines(page, ORS_ES.slice(3), MARKS.slice(3), false);
  assert.equal(await hint.textContent(), '');
  assert.deepEqual(await axe(page), [], 'Spanish form');

  await done.click();
  const thanks = page.getByTestId('thanks');
  await thanks.waitFor();
  assert.equal(await thanks.getAttribute('lang'), 'es');
  await page.getByRole('heading', { name: 'Gracias', level: 1 }).waitFor();
  assert.equal(
    (await thanks.locator('p').first().textContent()).trim(),
    'Sus respuestas quedaron guardadas. Por favor, devuelva el dispositivo a su terapeuta.',
  );
  assert.deepEqual(await axe(page), [], 'Spanish thank-you');

  // The therapist's page stays English.
  await unlock(page, 'Terapeuta: desbloquear');
  await page.getByRole('button', { name: 'Hand to client for the SRS' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('[lang="es"]').count(), 0, 'nothing of the therapist page is in Spanish');
  assertClean(env, log);
  await context.close();
});

test('a right-to-left client gets a form turned right to left whose lines keep 0 at the left, fit 360 to 1024 px, and score as in English', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  // The pseudo-locale pack, loaded in Settings as a therapist does.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Pack file (.json)').setInputFiles({ name: 'rtl-pack.json', mimeType: 'application/json', buffer: Buffer.from(RTL_TEXT) });
  await page.getByRole('status').filter({ hasText: 'is loaded' }).waitFor();
  await addClient(page, 'RT');
  await addClient(page, 'EN');
  await setLanguage(page, 'RT', 'ar-XB');

  await handOver(page, 'RT', ORS_RTL[0]);
  const form = page.locator('section.rate');
  assert.equal(await form.getAttribute('dir'), 'rtl');
  assert.equal(await form.getAttribute('lang'), 'ar-XB');
  assert.equal(await page.getByRole('button', { name: RTL.messages.done, exact: true }).count(), 1);
  // Each line keeps its geometry: left to right, 0 at the left whatever the words.
  const lines = page.locator('.vas');
  assert.equal(await lines.count(), 4);
  for (const dir of await lines.evaluateAll((ls) => ls.map((l) => getComputedStyle(l).direction))) assert.equal(dir, 'ltr');
  // Its ends stay under the ends they describe: the left end's words at the left.
  const ends = await page.locator('#item-0-ends').evaluate((p) => {
    const [l, r] = [p.querySelector('.anchor-left'), p.querySelector('.anchor-right')].map((e) => e.getBoundingClientRect());
    return { leftFirst: l.left < r.left, dir: getComputedStyle(p).direction };
  });
  assert.deepEqual(ends, { leftFirst: true, dir: 'ltr' });
  // Each end's own words run right to left (their punctuation at their start), in place.
  const endDirs = await page.locator('#item-0-ends .anchor-left > span, #item-0-ends .anchor-right > span')
    .evaluateAll((ss) => ss.map((s) => getComputedStyle(s).direction));
  assert.deepEqual(endDirs, ['rtl', 'rtl']);
  // The slider's keys are the same as in English: the right arrow moves the mark right, up the scale.
  const first = page.getByRole('slider', { name: ORS_RTL[0], exact: true });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await first.getAttribute('aria-valuenow'), '0.1');
  await page.keyboard.press('Home');
  assert.equal(await first.getAttribute('aria-valuenow'), '0.0');

  for (const width of [360, 768, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    assert.equal(await wide(page), false, `no sideways scrolling at ${width} px`);
  }
  await page.setViewportSize({ width: 1000, height: 900 });
  assert.deepEqual(await axe(page), [], 'right-to-left form');

  await rateLines(page, ORS_RTL, MARKS, false);
  const rtlValues = await values(page, ORS_RTL);
  await page.getByRole('button', { name: RTL.messages.done, exact: true }).click();
  const thanks = page.getByTestId('thanks');
  await thanks.waitFor();
  assert.equal(await thanks.getAttribute('dir'), 'rtl');
  assert.deepEqual(await axe(page), [], 'right-to-left thank-you');
  await unlock(page, RTL.messages['therapist-unlock']);
  const rtlTotal = await page.getByTestId('ors-total').textContent();

  await handOver(page, 'EN', ORS[0]);
  assert.equal(await form.getAttribute('dir'), 'ltr');
  assert.equal(await form.getAttribute('lang'), 'en');
  await rateLines(page, ORS, MARKS, false);
  const enValues = await values(page, ORS);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByTestId('thanks').waitFor();
  await unlock(page, 'Therapist: unlock');
  const enTotal = await page.getByTestId('ors-total').textContent();

  assert.ok(rtlValues.every((v) => v !== null));
  assert.deepEqual(rtlValues, enValues, 'the same marks, the same scores');
  assert.equal(rtlTotal, enTotal);
  assertClean(env, log);
  await context.close();
});
