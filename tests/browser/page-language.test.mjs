// The therapist page's own language: chosen in Settings, kept on the device
// and read before the page draws, so every screen (header, clients, a
// client's page, a session's review, the outcomes report, My alliance,
// data, settings) speaks it after a reload, with nothing of the English
// left in the page's own sentences; the form stays in its client's
// language (English here) while the form page's header is the therapist's,
// in Spanish; the same marks give the same totals; no sideways scrolling at
// 360 and 1024 px; English again on request, on both pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, axe, assertClean, setPin, addClient, rateAll, fillStorage, emptyFiller } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

/** True when the page scrolls sideways. */
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

// English words the page's own sentences use everywhere; none may be left
// on a screen in Spanish. The measures' item names (their own wording, in
// the client's language) and the client's label are taken out first.
const ENGLISH = /\b(the|and|your|with|from|this|that|is|are|of|to|Save|Settings|Clients|Data|Rate|session|sessions|rating|ratings)\b/;
const OWN_WORDING = /Relationship|Goals and Topics|Approach or Method|Overall|Individually|Interpersonally|Socially|Attune|\bAna\b|SRS|ORS/g;

/** The screen's text without the measures' own words, and any English left in it. */
async function englishLeft(page) {
  const text = (await page.locator('main').innerText()).replace(OWN_WORDING, '');
  const m = text.match(ENGLISH);
  return m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : null;
}

/** Checks a screen in Spanish: its heading, no English left, axe, no sideways scroll at 360 and 1024 px. */
async function checkScreen(page, heading) {
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  assert.equal(await englishLeft(page), null, `no English left on "${heading}"`);
  for (const width of [360, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await wide(page), false, `"${heading}" fits ${width} px`);
  }
  await page.setViewportSize({ width: 1000, height: 900 });
  assert.deepEqual(await axe(page), [], `axe on "${heading}"`);
}

test('the therapist page in Spanish: chosen in Settings, kept across a reload, every screen in Spanish, the form in its client\'s language, the same totals, English again', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await addClient(page, 'Ana');
  // A rating for Ana in English, on the form (its client has no language).
  await page.getByRole('button', { name: 'Ana', exact: true }).click();
  await page.getByRole('button', { name: 'Rate a session' }).click();
  await page.getByRole('slider').first().waitFor();
  await rateAll(page, [0.9, 0.8, 0.7, 0.85]);
  const done = page.getByRole('button', { name: 'Done', exact: true });
  await done.click();
  await page.getByTestId('thanks').waitFor();
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByRole('heading', { name: 'Session review' }).waitFor();
  const totalEn = await page.getByTestId('total').textContent();
  const reviewUrl = page.url();

  // Settings: the page's language.
  await page.getByRole('link', { name: 'Settings' }).click();
  const chooser = page.getByRole('combobox', { name: 'Language of this page' });
  assert.deepEqual(await chooser.locator('option').allTextContents(), ['English', 'Español']);
  await chooser.selectOption('es');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save language' }).click()]);
  await checkScreen(page, 'Configuración');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.getByRole('combobox', { name: 'Idioma de esta página' }).inputValue(), 'es');

  // Kept on the device: a reload reads it before the page draws.
  await page.reload();
  await checkScreen(page, 'Configuración');

  // Every screen of the page.
  await page.getByRole('link', { name: 'Clientes' }).click();
  await checkScreen(page, 'Clientes');
  await page.getByRole('button', { name: 'Ana', exact: true }).click();
  await page.getByRole('heading', { name: 'Ana', level: 1 }).waitFor();
  assert.equal(await englishLeft(page), null, 'no English left on the client\'s page');
  assert.deepEqual(await axe(page), [], 'axe on the client\'s page');
  await page.getByRole('link', { name: 'Datos' }).click();
  await checkScreen(page, 'Sus datos');
  await page.goto(env.origin + '/therapist.html#/outcomes');
  await checkScreen(page, 'Informe de resultados');
  await page.goto(env.origin + '/therapist.html#/alliance');
  await checkScreen(page, 'Mi alianza');

  // The review of the same rating: the same total, said in Spanish.
  await page.goto(reviewUrl);
  await page.getByRole('heading', { name: 'Revisión de la sesión' }).waitFor();
  assert.equal(await page.getByTestId('total').textContent(), totalEn.replace('.', ','), 'the same total, with the page\'s decimal mark');
  assert.equal(await englishLeft(page), null, 'no English left on the review');
  assert.deepEqual(await axe(page), [], 'axe on the review');

  // The form is the client's: English, as Ana has no language of her own.
  // Its header is the therapist's, in the therapist's Spanish, marked so.
  await page.goto(env.origin + '/');
  await page.getByRole('button', { name: 'Done', exact: true }).waitFor();
  assert.equal(await page.getByRole('slider', { name: 'Relationship', exact: true }).count(), 1);
  const nav = page.getByRole('navigation', { name: 'Principal' });
  await nav.getByRole('link', { name: 'Clientes' }).waitFor();
  await page.getByRole('button', { name: 'Entregar al cliente' }).waitFor();
  const header = page.locator('header.top');
  assert.equal(await header.getAttribute('lang'), 'es');
  assert.equal((await header.innerText()).replace(OWN_WORDING, '').match(ENGLISH), null, 'no English left in the form page\'s header');
  for (const width of [360, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await wide(page), false, `the form page fits ${width} px`);
  }
  await page.setViewportSize({ width: 1000, height: 900 });
  assert.deepEqual(await axe(page), [], 'axe on the form page');
  // Client mode refused (the lock cannot be stored): said in Spanish too.
  assert.ok(await fillStorage(page) > 0);
  await page.getByRole('button', { name: 'Entregar al cliente' }).click();
  const refused = page.getByTestId('notice-banner').filter({ hasText: 'El modo cliente no se inició' });
  await refused.waitFor();
  assert.equal(await refused.getAttribute('lang'), 'es', 'marked as the header is');
  assert.equal(await page.getByText('Client mode did not start').count(), 0);
  await emptyFiller(page);

  // English again.
  await page.goto(env.origin + '/therapist.html#/settings');
  await page.getByRole('combobox', { name: 'Idioma de esta página' }).selectOption('en');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Guardar idioma' }).click()]);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // And on the form page, whose static first paint is English again.
  await page.goto(env.origin + '/');
  await page.getByRole('button', { name: 'Hand to client' }).waitFor();
  await page.getByRole('button', { name: 'Done', exact: true }).waitFor();
  assert.equal(await page.locator('header.top').getAttribute('lang'), null);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('no-paint')), false, 'the static first paint is used again');
  assertClean(env, log);
  await context.close();
});
