// Data safety in a real browser: unreadable storage, a full quota, two tabs,
// and taking the data out (JSON, CSV, FHIR) and back in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, teardown, openApp, rateAll, axe, assertClean, finishRating } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DATA = 'attune.data';
const stored = (page) => page.evaluate((k) => localStorage.getItem(k), DATA);
const doc = async (page) => JSON.parse(await stored(page));

async function rateOnce(page, fractions = [0.8, 0.7, 0.6, 0.9]) {
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await rateAll(page, fractions);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  return page.url().split('/review/')[1];
}

/** Clicks `button` and returns the downloaded file's name and text. */
async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

const CORRUPT = {
  'truncated JSON': '{"schema":"attune","version":2,"clients":[],"ratings":[{"id":"x","recorded_at":"2026-01-0',
  'random bytes': Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'),
};

for (const [kind, blob] of Object.entries(CORRUPT)) {
  test(`${kind} in storage: quarantined byte for byte, explained, and new ratings still saved`, async () => {
    const { context, page, log } = await openApp(env);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DATA, blob]);
    // The form never reads the document; the therapist page does, and explains.
    await page.goto(env.origin + '/therapist.html#/clients');
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /could not read.*set aside unchanged/s);
    const copies = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.startsWith('attune.quarantine.')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(copies, [blob], 'the quarantined copy equals the original');
    // The copy is offered as a download, unchanged.
    const file = await download(page, 'Download the set-aside copy');
    assert.equal(file.text, blob);
    const id = await rateOnce(page);
    assert.deepEqual((await doc(page)).ratings.map((r) => r.id), [id]);
    const after = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.startsWith('attune.quarantine.')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(after, [blob], 'saving never touches the quarantined copy');
    log.errors = log.errors.filter((e) => !/could not read/.test(e));
    assertClean(env, log);
    await context.close();
  });
}

test('data from a newer version opens read-only: nothing rewritten, a new rating kept beside it', async () => {
  const { context, page, log } = await openApp(env);
  const future = fs.readFileSync(new URL('../fixtures/v4-future.json', import.meta.url), 'utf8');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DATA, future]);
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByTestId('storage-banner').filter({ hasText: 'newer version' }).waitFor();
  // The form writes the rating as its own record, never touching the document.
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await rateAll(page, [0.8, 0.7, 0.6, 0.9]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  // The therapist page shows it, says it cannot go into the newer document.
  await page.getByTestId('unsaved-banner').filter({ hasText: 'newer version' }).waitFor();
  assert.equal(await stored(page), future, 'the newer data is left exactly as it was');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.new.')).length), 1,
    'the rating is kept as its own record');
  const file = await download(page, 'Export now');
  const mine = JSON.parse(file.text).ratings.filter((r) => JSON.stringify(r.scores) === '[80,70,60,90]');
  assert.equal(mine.length, 1, 'Export now holds the unsaved rating');
  assertClean(env, log);
  await context.close();
});

test('a full quota: the save fails visibly, nothing stored is lost, Export now has the rating', async () => {
  const { context, page, log } = await openApp(env);
  const first = await rateOnce(page);
  const before = await stored(page);
  // Fill what is left of the quota with filler, largest pieces first.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      for (;;) {
        try { localStorage.setItem(`filler.${n++}`, 'x'.repeat(size)); } catch { break; }
      }
    }
    return n;
  });
  assert.ok(filled > 0);
  await page.getByRole('link', { name: 'Rate', exact: true }).click();
  await rateAll(page, [0.2, 0.3, 0.4, 0.5]);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const banner = page.getByTestId('unsaved-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Not saved yet: the browser's storage for Attune is full/);
  assert.equal(await stored(page), before, 'the last good copy is untouched');
  // Export now holds what is not stored: the new rating (the first is safe).
  const file = await download(page, 'Export now');
  const backup = JSON.parse(file.text);
  assert.equal(backup.ratings.length, 1);
  const second = backup.ratings[0].id;
  assert.notEqual(second, first);
  assert.deepEqual(backup.ratings[0].scores, [20, 30, 40, 50]);
  // Room again: "Try saving again" stores it; the therapist page holds both.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: /review/i }).click();
  await page.getByTestId('total').waitFor();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('attune.data')).ratings.length === 2);
  assert.deepEqual((await doc(page)).ratings.map((r) => r.id).sort(), [first, second].sort());
  log.errors = log.errors.filter((e) => !/quota|QuotaExceeded/i.test(e));
  assertClean(env, log);
  await context.close();
});

test('two tabs saving at the same moment: both ratings kept, both reviews up to date', async () => {
  const { context, page, log } = await openApp(env);
  const other = await context.newPage();
  await other.goto(env.origin + '/');
  await other.getByRole('slider').first().waitFor();
  await rateAll(page, [0.9, 0.9, 0.9, 0.9]);
  await rateAll(other, [0.1, 0.2, 0.3, 0.4]);
  await Promise.all([
    page.getByRole('button', { name: 'Done', exact: true }).click(),
    other.getByRole('button', { name: 'Done', exact: true }).click(),
  ]);
  // Each rating is its own record: neither save can overwrite the other.
  for (const p of [page, other]) {
    await p.getByRole('button', { name: /review/i }).click();
    await p.getByTestId('recent').locator('li').nth(1).waitFor();
  }
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('attune.data')).ratings.length === 2);
  const totals = (await doc(page)).ratings.map((r) => r.scores.reduce((a, b) => a + b, 0)).sort();
  assert.deepEqual(totals, [100, 360]);
  assertClean(env, log);
  await context.close();
});

test('export then import into a fresh profile gives the identical history; CSV and FHIR read back', async () => {
  const a = await openApp(env);
  await a.page.getByRole('link', { name: 'Clients' }).click();
  await a.page.getByLabel('New client').fill('RT');
  await a.page.getByRole('button', { name: 'Add client' }).click();
  for (const f of [[0.9, 0.8, 0.7, 0.6], [0.5, 0.55, 0.6, 0.65]]) {
    await a.page.getByRole('link', { name: 'Clients' }).click();
    await a.page.getByRole('button', { name: 'RT', exact: true }).click();
    await a.page.getByRole('button', { name: 'Rate a session' }).click();
    await rateAll(a.page, f);
    await finishRating(a.page);
    await a.page.getByTestId('total').waitFor();
  }
  await rateOnce(a.page); // and one quick, unassigned rating
  await a.page.getByRole('link', { name: 'Data' }).click();
  await a.page.getByTestId('backup-reminder').waitFor();
  const backup = await download(a.page, 'Download backup (JSON)');
  assert.match(backup.name, /^attune-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await a.page.getByTestId('backup-reminder').waitFor({ state: 'detached' });
  const csv = await download(a.page, 'Download spreadsheet (CSV)');
  assert.equal(csv.text.charCodeAt(0), 0xfeff, 'UTF-8 BOM for spreadsheet programs');
  const lines = csv.text.slice(1).split(/\r?\n/).filter(Boolean);
  assert.equal(lines[0], 'client,session_at,recorded_at,Relationship,Goals and Topics,Approach or Method,Overall,total,band,client_feedback,therapist_response');
  assert.equal(lines.length, 4);
  const fhir = await download(a.page, 'Download FHIR R4 bundle');
  const bundle = JSON.parse(fhir.text);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'QuestionnaireResponse').length, 3);
  assert.deepEqual(await axe(a.page), [], 'data screen');
  const original = await doc(a.page);
  assertClean(env, a.log);
  await a.context.close();

  // A fresh profile: wrong files are refused with the problem named, then the backup imports.
  const b = await openApp(env);
  await b.page.getByRole('link', { name: 'Data' }).click();
  const input = b.page.getByLabel('Backup file (.json)');
  const bad = [
    ['not-json.json', 'hello', /cannot be imported/],
    ['wrong-shape.json', '{"schema":"something-else","version":1}', /schema/],
    ['future.json', fs.readFileSync(new URL('../fixtures/v4-future.json', import.meta.url), 'utf8'), /newer version/],
    ['out-of-range.json', backup.text.replace(/"scores":\[\d+/, '"scores":[105'), /outside 0–10/],
  ];
  for (const [name, text, message] of bad) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await b.page.locator('#import-error').filter({ hasText: message }).waitFor();
    assert.equal(await stored(b.page), null, `${name} changed nothing`);
  }
  await input.setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: Buffer.from(backup.text) });
  const preview = b.page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /3 new ratings, 0 already present, 1 new client/);
  await b.page.getByRole('button', { name: 'Import', exact: true }).click();
  await b.page.getByText('Imported: 3 new ratings').waitFor();
  const imported = await doc(b.page);
  const byId = (xs) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
  assert.deepEqual(byId(imported.ratings), byId(original.ratings));
  assert.deepEqual(byId(imported.clients), byId(original.clients));
  // Importing the same file again adds nothing.
  await input.setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: Buffer.from(backup.text) });
  await preview.waitFor();
  assert.match(await preview.textContent(), /0 new ratings, 3 already present/);
  assertClean(env, b.log);
  await b.context.close();
});

test('storage use and persistence are shown', async () => {
  const { context, page, log } = await openApp(env);
  await rateOnce(page);
  await page.getByRole('link', { name: 'Data' }).click();
  assert.match(await page.getByTestId('storage-use').textContent(), /Attune's records use \d+ (B|KB) of the about 10\.4 MB/);
  await page.getByTestId('persisted').filter({ hasText: /persistent storage/i }).waitFor();
  assertClean(env, log);
  await context.close();
});
