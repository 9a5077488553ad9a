// Data safety in a real browser: unreadable storage, a full quota, two tabs,
// and taking the data out (JSON, CSV, FHIR) and back in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  setup, teardown, openApp, rateAll, axe, assertClean, finishRating, addClient, fullIndexedDb,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const DATA = 'attune.data';
const stored = (page) => page.evaluate(() => attuneRaw());
const doc = (page) => page.evaluate(() => attuneStored());

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
  const future = fs.readFileSync(new URL('../fixtures/v9-future.json', import.meta.url), 'utf8');
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
  await page.waitForFunction(() => attuneStored().ratings.length === 2);
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
  await page.waitForFunction(() => attuneStored().ratings.length === 2);
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
  assert.equal(lines[0], 'client,session,session_at,recorded_at,measure,rater,'
    + 'ORS: Individually,ORS: Interpersonally,ORS: Socially,ORS: Overall,'
    + 'SRS: Relationship,SRS: Goals and Topics,SRS: Approach or Method,SRS: Overall,'
    + 'total,band,client_feedback,therapist_response,therapist,wording');
  assert.equal(lines.length, 4);
  assert.ok(lines.slice(1).every((l) => /,SRS,client,,,,,\d/.test(l)), 'one SRS row per rating, the ORS columns blank');
  const fhir = await download(a.page, 'Download FHIR R4 bundle');
  const bundle = JSON.parse(fhir.text);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'QuestionnaireResponse').length, 3);
  assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'Questionnaire').length, 2, 'SRS and ORS');
  assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'Encounter').length, 3, 'a session each');
  // Each client's course of treatment is an EpisodeOfCare that its sessions point at.
  const urls = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
  const encounters = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Encounter');
  const withClient = encounters.filter((r) => r.subject);
  const episodes = bundle.entry.filter((e) => e.resource.resourceType === 'EpisodeOfCare');
  assert.equal(episodes.length, new Set(withClient.map((r) => r.subject.display)).size, 'one open episode per client');
  for (const r of withClient) {
    const ep = urls.get(r.episodeOfCare[0].reference);
    assert.equal(ep.resourceType, 'EpisodeOfCare');
    assert.equal(ep.status, 'active');
    assert.equal(ep.patient.display, r.subject.display);
  }
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
    ['future.json', fs.readFileSync(new URL('../fixtures/v9-future.json', import.meta.url), 'utf8'), /newer version/],
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
  assert.match(await preview.textContent(), /This file holds 3 new ratings and 1 new client; 0 ratings are already stored\./);
  await b.page.getByRole('button', { name: 'Import', exact: true }).click();
  await b.page.getByTestId('import-result').filter({ hasText: 'Imported 3 new ratings and 1 new client.' }).waitFor();
  const imported = await doc(b.page);
  const byId = (xs) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
  assert.deepEqual(byId(imported.ratings), byId(original.ratings));
  assert.deepEqual(byId(imported.clients), byId(original.clients));
  // Importing the same file again adds nothing.
  await input.setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: Buffer.from(backup.text) });
  await preview.waitFor();
  assert.match(await preview.textContent(), /This file holds 0 new ratings; 3 ratings are already stored\./);
  assertClean(env, b.log);
  await b.context.close();
});

test('storage use and persistence are shown', async () => {
  const { context, page, log } = await openApp(env);
  await rateOnce(page);
  await page.getByRole('link', { name: 'Data' }).click();
  assert.match(await page.getByTestId('storage-use').textContent(), /Attune's records use (under 0\.1 MB|\d+\.\d MB) of the about 10\.5 MB this browser allows \((under 1 %|\d+ %)\)\./);
  await page.getByTestId('persisted').filter({ hasText: /persistent storage/i }).waitFor();
  assertClean(env, log);
  await context.close();
});

test('the therapist page asks the browser to keep its storage once there is something to keep', async () => {
  const { context, page, log } = await openApp(env);
  // Count the page's calls to the browser's own persist(), which still answers.
  await context.addInitScript(() => {
    const real = navigator.storage.persist.bind(navigator.storage);
    window.attunePersistCalls = 0;
    navigator.storage.persist = () => { window.attunePersistCalls += 1; return real(); };
  });
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByLabel('New client').waitFor();
  assert.equal(await page.evaluate(() => window.attunePersistCalls), 0, 'nothing stored yet: nothing asked');
  await addClient(page, 'P. Q.');
  await page.waitForFunction(() => window.attunePersistCalls === 1);
  // Once per page, whatever the browser answered (headless Chromium refuses).
  await addClient(page, 'R. S.');
  assert.equal(await page.evaluate(() => window.attunePersistCalls), 1);
  await page.getByRole('link', { name: 'Data' }).click();
  await page.getByTestId('persisted').filter({ hasText: 'Persistent storage is not granted' }).waitFor();
  assertClean(env, log);
  await context.close();
});

// ---- importing through the import plan ----

const input = (page) => page.getByLabel('Backup file (.json)');
/** Chooses `bytes` (a Buffer or a string, as UTF-8) as the backup file. */
async function choose(page, bytes, name = 'backup.json') {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  await input(page).setInputFiles({ name, mimeType: 'application/json', buffer });
}
const previewText = async (page) => {
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  return preview.textContent();
};
const importButton = (page) => page.getByRole('button', { name: 'Import', exact: true });
const resultText = async (page, re) => {
  const result = page.getByTestId('import-result').filter({ hasText: re });
  await result.waitFor();
  return result.textContent();
};
const rating = (id, scores, clientId) => ({
  id, recorded_at: '2026-03-02T16:50:00Z', session_at: '2026-03-02T16:50:00Z',
  ...(clientId ? { client_id: clientId } : {}), scores, scale_id: 'srs-attune', scale_version: 1,
});
const envelope = (clients, ratings) => JSON.stringify({ schema: 'attune', version: 3, clients, ratings, last_backup_at: null });

test('a backup copy that differs from a stored rating is reported, kept out and downloadable', async () => {
  const { context, page, log } = await openApp(env);
  const id = await rateOnce(page);
  const original = await doc(page);
  const file = structuredClone(original);
  Object.assign(file.ratings.find((r) => r.id === id), { scores: [10, 20, 30, 40], updated_at: '2030-01-01T00:00:00Z' });
  await page.getByRole('link', { name: 'Data' }).click();
  await choose(page, JSON.stringify(file));
  assert.match(await previewText(page), /1 rating differs from the stored one; the stored one is kept\./);
  const copies = await download(page, 'Download the differing copies');
  assert.match(copies.name, /^attune-differing-copies-\d{4}-\d{2}-\d{2}\.json$/);
  const copy = JSON.parse(copies.text);
  assert.deepEqual(copy.ratings.map((r) => [r.id, r.scores]), [[id, [10, 20, 30, 40]]]);
  await importButton(page).click();
  assert.match(await resultText(page, /Nothing new to import/), /the stored one is kept/);
  assert.deepEqual(await doc(page), original, 'the stored scores are unchanged');
  assert.deepEqual((await doc(page)).ratings[0].scores, [80, 70, 60, 90]);
  assertClean(env, log);
  await context.close();
});

test('a label change in a backup is listed and applied only when accepted', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'JD');
  const original = await doc(page);
  const file = structuredClone(original);
  file.clients[0].label = 'JX';
  await page.getByRole('link', { name: 'Data' }).click();
  await choose(page, JSON.stringify(file));
  assert.match(await previewText(page), /1 client has another label in the file \(“JD” → “JX”\); labels change only if you confirm\./);
  const accept = page.getByRole('checkbox', { name: "Use the file's labels for these clients" });
  assert.equal(await accept.isChecked(), false, 'not accepted unless ticked');
  assert.deepEqual(await axe(page), [], 'import preview');
  await importButton(page).click();
  await resultText(page, /Nothing new to import; the stored data is unchanged\./);
  assert.deepEqual(await doc(page), original, 'not ticked: the stored label is kept');
  // Again, this time accepting the new label.
  await choose(page, JSON.stringify(file));
  await previewText(page);
  await accept.check();
  await importButton(page).click();
  await resultText(page, /1 client renamed\./);
  assert.deepEqual((await doc(page)).clients.map((c) => c.label), ['JX']);
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'JX', exact: true }).waitFor();
  assertClean(env, log);
  await context.close();
});

test('bad items in a backup are refused with their reasons and nothing else changes', async () => {
  const { context, page, log } = await openApp(env);
  await addClient(page, 'JD');
  const original = await doc(page);
  const jd = original.clients[0];
  const at = '2026-01-05T09:00:00Z';
  const long = 'x'.repeat(5000);
  const file = envelope(
    [jd,
      { id: 'n1', label: 'Jane Doe', archived: false, created_at: at },
      { id: 'n2', label: long, archived: false, created_at: at },
      { id: 'n3', label: 'jd', archived: false, created_at: at },
      { id: 'n4', label: 'JD ', archived: false, created_at: at }],
    [rating('three', [50, 60, 70]), rating('five', [50, 60, 70, 80, 90])],
  );
  await page.getByRole('link', { name: 'Data' }).click();
  await choose(page, file);
  const text = await previewText(page);
  assert.match(text, /Nothing in this file is new\./);
  assert.match(text, /Not imported: Rating three\. It has 3 scores; .* has 4 items\./);
  assert.match(text, /Not imported: Rating five\. It has 5 scores; .* has 4 items\./);
  assert.match(text, /Not imported: Client “Jane Doe”\. This looks like a full name\./);
  assert.match(text, /Not imported: Client “x{24}…”\. Keep it short: at most 16 characters\./);
  assert.match(text, /Not imported: Client “jd”\. Another client already uses “jd”\./);
  assert.match(text, /Not imported: Client “JD”\. Another client already uses “JD”\./, 'a trailing space makes no new label');
  assert.ok(!text.includes(long), 'the long label is not shown in full');
  await importButton(page).click();
  await resultText(page, /Nothing new to import; the stored data is unchanged\./);
  assert.deepEqual(await doc(page), original, 'nothing else altered');
  assertClean(env, log);
  await context.close();
});

test('a Latin-1 file is refused with its reason; a UTF-16 backup with a byte-order mark imports', async () => {
  const { context, page, log } = await openApp(env);
  await page.getByRole('link', { name: 'Data' }).click();
  const text = envelope([{ id: 'c1', label: 'Zoé', archived: false, created_at: '2026-01-05T09:00:00Z' }],
    [rating('r1', [80, 62, 50, 73], 'c1')]);
  const latin1 = Buffer.from(text, 'latin1');
  assert.ok(latin1.includes(0xe9));
  await choose(page, latin1);
  const alert = page.getByRole('alert').filter({ hasText: /not UTF-8 text \(byte \d+ cannot be read\).*Nothing was changed\./ });
  await alert.waitFor();
  assert.equal(await page.getByTestId('import-preview').count(), 0, 'no preview for a refused file');
  assert.equal(await stored(page), null, 'nothing stored');
  await choose(page, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  assert.match(await previewText(page), /This file holds 1 new rating and 1 new client/);
  await importButton(page).click();
  await resultText(page, /Imported 1 new rating and 1 new client\./);
  const d = await doc(page);
  assert.deepEqual(d.clients.map((c) => c.label), ['Zoé']);
  assert.deepEqual(d.ratings.map((r) => r.scores), [[80, 62, 50, 73]]);
  assertClean(env, log);
  await context.close();
});

test('an import the quota cannot hold says only that it was not saved, and changes nothing', async () => {
  const { context, page, log } = await openApp(env);
  await rateOnce(page);
  const before = await stored(page);
  await page.getByRole('link', { name: 'Data' }).click();
  await page.getByTestId('rating-count').filter({ hasText: /^1 rating stored\./ }).waitFor();
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      for (;;) {
        try { localStorage.setItem(`filler.${n++}`, 'x'.repeat(size)); } catch { break; }
      }
    }
  });
  // The records live in IndexedDB: full too.
  await fullIndexedDb(page, true);
  await choose(page, envelope([], [rating('big-1', [80, 62, 50, 73]), rating('big-2', [10, 20, 30, 40])]));
  assert.match(await previewText(page), /This file holds 2 new ratings/);
  await importButton(page).click();
  const alert = page.getByTestId('import-error').filter({ hasText: /Nothing was imported: the browser's storage for Attune is full\. The stored data is unchanged\./ });
  await alert.waitFor();
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /Imported/, 'never "Imported" beside "not saved"');
  assert.equal(await page.getByTestId('import-result').textContent(), '');
  assert.equal(await page.getByTestId('unsaved-banner').count(), 0, 'no unsaved banner for an import that did not happen');
  assert.equal(await stored(page), before, 'the store is unchanged');
  assert.match(await page.getByTestId('rating-count').textContent(), /^1 rating stored\./, 'the count leaves out the unsaved import');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await fullIndexedDb(page, false);
  assertClean(env, log);
  await context.close();
});

/** `[low, high]` bytes a shown size may stand for ("1.2 MB", "under 0.1 MB", "12 B"). */
function bytesOf(text) {
  const units = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 };
  const under = text.match(/^under ([\d.]+) (\w+)$/);
  if (under) return [1, Number(under[1]) * units[under[2]]];
  const [, n, u] = text.match(/^([\d.]+) (\w+)$/);
  if (u === 'B') return [Number(n), Number(n)];
  return [(Number(n) - 0.05) * units[u], (Number(n) + 0.05) * units[u]];
}
/** Checks that `used` of `total` at `percent` can all be true at once. */
function consistent(used, total, percent) {
  const [ulo, uhi] = bytesOf(used);
  const [tlo, thi] = bytesOf(total);
  assert.ok(ulo > 0, `non-zero: ${used}`);
  assert.ok(ulo <= thi, `${used} fits in ${total}`);
  if (percent === 'under 1 %') assert.ok(ulo / thi < 0.01, `${used} of ${total} is under 1 %`);
  else {
    const p = Number(percent.replace(' %', ''));
    assert.ok(Math.floor((ulo / thi) * 100) <= p && p <= Math.floor((uhi / tlo) * 100), `${used} of ${total} is ${percent}`);
  }
  return [ulo, uhi];
}

test('the storage figures after an import are non-zero and agree with each other', async () => {
  const { context, page, log } = await openApp(env);
  await page.getByRole('link', { name: 'Data' }).click();
  const ratings = Array.from({ length: 2000 }, (_, i) => rating(`bulk-${i}`, [80, 62, 50, 73]));
  const file = envelope([], ratings);
  await choose(page, file);
  await previewText(page);
  await importButton(page).click();
  await resultText(page, /Imported 2000 new ratings\./);
  // Every stored data entry, key and text, in UTF-16 units as the quota counts them.
  const storedChars = await page.evaluate(() => Object.entries(attuneEntries())
    .concat(localStorage.getItem('attune.data') === null ? [] : [['attune.data', localStorage.getItem('attune.data')]])
    .reduce((n, [k, t]) => n + k.length + t.length, 0));
  const records = await page.getByTestId('storage-use').textContent();
  const m = records.match(/^Attune's records use (.+) of the about (.+) this browser allows \((.+)\)\.$/);
  assert.ok(m, records);
  const [rlo, rhi] = consistent(m[1], m[2], m[3]);
  assert.ok(rhi >= storedChars * 2, `the records figure (${m[1]}) includes the import (${storedChars * 2} bytes)`);
  const site = page.getByTestId('site-use');
  await site.waitFor();
  const s = (await site.textContent()).match(/^The browser reports (.+) used of (.+) for this site \((.+)\)\.$/);
  assert.ok(s, await site.textContent());
  const [, shi] = consistent(s[1], s[2], s[3]);
  assert.ok(shi >= rlo, `the site's use (${s[1]}) is not below the records' (${m[1]})`);
  assert.doesNotMatch(records + (await site.textContent()), /\b0(\.0)? (B|KB|MB|GB)\b/, 'no zero figure');
  assertClean(env, log);
  await context.close();
});

test('an import into data from a newer version says it was not saved and leaves that data alone', async () => {
  const { context, page, log } = await openApp(env);
  const future = fs.readFileSync(new URL('../fixtures/v9-future.json', import.meta.url), 'utf8');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DATA, future]);
  await page.goto(env.origin + '/therapist.html#/data');
  await page.getByTestId('storage-banner').filter({ hasText: 'newer version' }).waitFor();
  const count = await page.getByTestId('rating-count').textContent();
  await choose(page, envelope([], [rating('new-1', [80, 62, 50, 73])]));
  assert.match(await previewText(page), /This file holds 1 new rating/);
  await importButton(page).click();
  await page.getByTestId('import-error').filter({ hasText: /^Nothing was imported: the stored data comes from a newer version of Attune \(version \d+\), so it is open read-only and nothing new is saved\. The stored data is unchanged\.$/ }).waitFor();
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /Imported/);
  assert.equal(await page.getByTestId('unsaved-banner').count(), 0);
  assert.equal(await page.getByTestId('rating-count').textContent(), count, 'the count leaves out the unsaved import');
  assert.equal(await stored(page), future, 'the newer data is left exactly as it was');
  assertClean(env, log);
  await context.close();
});

test('a hostile backup: a new client\'s people are checked and its session ids never join another client', async () => {
  const { context, page, log } = await openApp(env);
  const m = (id, measure, sid, client, at) => ({
    id, ...(measure === 'ors' ? { measure: 'ors' } : {}), session_id: sid,
    recorded_at: at, session_at: at, client_id: client, scores: [60, 70, 80, 90],
    scale_id: measure === 'ors' ? 'ors-attune' : 'srs-attune', scale_version: 1,
  });
  // Stored: JD's session s-1 with three measures.
  const at1 = '2026-02-02T16:00:00Z';
  const stored = {
    schema: 'attune', version: 5, last_backup_at: '2026-02-03T00:00:00Z',
    clients: [{ id: 'c-jd', label: 'JD', archived: false, created_at: '2026-01-05T09:00:00Z' }],
    ratings: [m('o-1', 'ors', 's-1', 'c-jd', at1), m('o-1b', 'ors', 's-1', 'c-jd', at1), m('r-1', 'srs', 's-1', 'c-jd', at1)],
    unrated: [],
  };
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(stored));
  await page.goto(env.origin + '/therapist.html#/data');
  await page.reload();
  // The file: a new couple whose person has a 20,000-character label, and
  // whose session reuses JD's session id.
  const at2 = '2026-03-09T10:00:00Z';
  const file = {
    schema: 'attune', version: 5, last_backup_at: null,
    clients: [{
      id: 'c-nw', label: 'NW', kind: 'couple', archived: false, created_at: '2026-03-01T09:00:00Z',
      members: [{ id: 'p-1', label: 'Q'.repeat(20000), created_at: '2026-03-01T09:00:00Z' }],
    }],
    ratings: [m('o-9', 'ors', 's-1', 'c-nw', at2), m('r-9', 'srs', 's-1', 'c-nw', at2)],
    unrated: [],
  };
  await choose(page, JSON.stringify(file));
  const preview = await previewText(page);
  assert.match(preview, /Person “Q{24}…” of client “NW”/, 'the huge label is named (cut) in the preview');
  assert.ok(preview.length < 3000, 'the preview does not carry the huge label');
  await importButton(page).click();
  assert.match(await resultText(page, /Imported 2 new ratings \(1 ORS, 1 SRS\) and 1 new client\./), /Not imported: Person “Q{24}…” of client “NW”/);
  const after = await doc(page);
  const nw = after.clients.find((c) => c.id === 'c-nw');
  assert.deepEqual(nw.members ?? [], [], 'the person with the huge label is not imported');
  const sid = (id) => after.ratings.find((r) => r.id === id).session_id;
  assert.equal(sid('o-9'), sid('r-9'), 'the new client\'s measures stay one session');
  assert.notEqual(sid('r-9'), 's-1', 'never the stored client\'s session');

  // Correcting the new client's session date moves only the new client's measures.
  await page.goto(env.origin + '/therapist.html#/review/r-9');
  await page.getByLabel('Session date').fill('2026-03-08T10:00');
  await page.getByLabel('Session date').blur();
  await page.waitForFunction(() => attuneStored().ratings.find((r) => r.id === 'o-9').session_at !== '2026-03-09T10:00:00Z');
  const moved = await doc(page);
  for (const id of ['o-1', 'o-1b', 'r-1']) {
    assert.equal(moved.ratings.find((r) => r.id === id).session_at, at1, `${id} of JD stays on its date`);
  }
  assertClean(env, log);
  await context.close();
});

test('two copies set aside in the same millisecond both show when they were set aside', async () => {
  const { context, page, log } = await openApp(env, { timezoneId: 'UTC' });
  await page.evaluate(() => {
    localStorage.setItem('attune.quarantine.1780000000123', '{"broken": ');
    localStorage.setItem('attune.quarantine.1780000000123-2', '{"also broken": ');
  });
  await page.goto(env.origin + '/therapist.html#/data');
  await page.reload();
  const list = page.getByTestId('quarantine');
  await list.waitFor();
  const text = await list.innerText();
  assert.doesNotMatch(text, /unknown time/);
  assert.equal(text.match(/2026-05-28 20:26/g)?.length, 2, text);
  assertClean(env, log);
  await context.close();
});
