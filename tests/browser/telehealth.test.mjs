// Telehealth: scores typed in as the client says them, and a presentation
// mode that is safe to screen-share.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, rateAll, slider, axe, assertClean, finishRating } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const stored = (page) => page.evaluate(() => attuneStored());

test('spoken entry: every kind of bad input is named; good input saves a back-dated rating', async () => {
  const { context, page, log } = await openApp(env);
  await page.getByRole('link', { name: 'Spoken entry' }).click();
  const field = (title) => page.getByLabel(`${title} (0 to 10)`);
  // The read-aloud script is there for each item, in the project's words.
  assert.match(await page.locator('.script').first().textContent(), /how you and I got on today/);
  const cases = [
    ['11', '11 is above 10'],
    ['-1', '-1 is below 0'],
    ['abc', 'abc is not a number'],
    ['7.35', '7.35 has more than one decimal'],
    ['10.1', '10.1 is above 10'],
  ];
  for (const [input, message] of cases) {
    await field('Relationship').fill(input);
    await field('Relationship').blur();
    const err = page.locator('#spoken-0-error');
    await err.filter({ hasText: message }).waitFor();
    assert.equal(await field('Relationship').getAttribute('aria-invalid'), 'true', input);
  }
  // Saving with a bad field saves nothing and puts focus on the first bad one.
  await page.getByRole('button', { name: 'Save scores' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'spoken-0');
  assert.equal(await stored(page), null);

  await field('Relationship').fill('7');
  await field('Goals and Topics').fill('8.5');
  await field('Approach or Method').fill('6,5');
  await field('Overall').fill('9');
  await page.getByLabel('Session date').fill('2026-01-05T09:00');
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '31.0 / 40');
  const doc = await stored(page);
  assert.equal(doc.ratings.length, 1);
  assert.deepEqual(doc.ratings[0].scores, [70, 85, 65, 90]);
  const local = await page.evaluate((iso) => {
    const d = new Date(iso);
    return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours()];
  }, doc.ratings[0].session_at);
  assert.deepEqual(local, [2026, 1, 5, 9], 'session date is the local time typed');
  assertClean(env, log);
  await context.close();
});

test('presentation mode: larger lines and no client label anywhere', async () => {
  const { context, page, log } = await openApp(env);
  for (const label of ['AB', 'CD']) {
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('New client').fill(label);
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: label, exact: true }).waitFor();
  }
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  const before = (await slider(page, 'Overall').boundingBox()).height;
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  assert.equal(await page.getByRole('button', { name: 'Presentation mode' }).getAttribute('aria-pressed'), 'true');
  const after = (await slider(page, 'Overall').boundingBox()).height;
  assert.ok(after > before * 1.2, `line hit area grows: ${before} → ${after}`);
  await rateAll(page, [0.6, 0.7, 0.8, 0.9]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  const visibleText = () => page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(await visibleText(), /\bAB\b|\bCD\b/, 'review shows no labels');
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByTestId('labels-hidden').waitFor();
  assert.doesNotMatch(await visibleText(), /\bAB\b|\bCD\b/, 'client list hidden');
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await page.getByRole('button', { name: 'AB', exact: true }).waitFor();
  assertClean(env, log);
  await context.close();
});
