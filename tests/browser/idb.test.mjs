// The therapist page's records in IndexedDB: the once-per-device move from
// each earlier layout (records in localStorage, the single document, a
// device as the previous release's own build left it) with counts and
// checksums equal; two tabs editing at once, each keeping the other's work
// (told on a BroadcastChannel); client mode reaching every open tab within
// a second; a full IndexedDB quota (the unsaved banner, nothing lost); an
// old build's tab still writing localStorage after the move, taken in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import { setup, teardown, openApp, assertClean, addClient, setPin, fullIndexedDb } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86400000;

/** A version 5 document: two clients, three ratings, one logged session. */
function doc() {
  const now = Date.now();
  const r = (id, client, days, scores) => ({
    id, recorded_at: iso(now - days * DAY), session_at: iso(now - days * DAY),
    client_id: client, scores, scale_id: 'srs-attune', scale_version: 1,
  });
  return {
    schema: 'attune', version: 5, last_backup_at: iso(now - DAY),
    clients: [
      { id: 'c-ann', label: 'AN', archived: false, created_at: iso(now - 90 * DAY) },
      { id: 'c-bo', label: 'BO', archived: false, created_at: iso(now - 80 * DAY) },
    ],
    ratings: [r('r-1', 'c-ann', 21, [90, 85, 80, 88]), r('r-2', 'c-ann', 14, [91, 86, 81, 89]), r('r-3', 'c-bo', 7, [70, 60, 65, 72])],
    unrated: [{ id: 'u-1', client_id: 'c-bo', at: iso(now - 3 * DAY), reason: 'ran out of time' }],
  };
}

/** Every record entry (key → text) in localStorage. */
const localRecords = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('attune.r.')).sort().map((k) => [k, localStorage.getItem(k)])));

/** Every record entry (key → text) IndexedDB holds, read in a transaction of its own. */
const idbRecords = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('attune');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const store = db.transaction('records', 'readonly').objectStore('records');
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = () => {
      db.close();
      resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]]).filter(([k]) => k.startsWith('attune.r.'))));
    };
  };
}));

/** Count and SHA-256 of entries (key → text), in key order. */
function checksum(entries) {
  const keys = Object.keys(entries).sort();
  const h = crypto.createHash('sha256');
  for (const k of keys) h.update(`${k}\0${entries[k]}\0`);
  return { count: keys.length, sha256: h.digest('hex') };
}

async function openTherapist(page) {
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
}

test('records in localStorage move into IndexedDB once, with equal count and checksum, and leave localStorage', async () => {
  const { context, page, log } = await openApp(env);
  // The records layout as the previous release wrote it: a first start of
  // this build on the document would move it; here the records are seeded
  // from a first start with IndexedDB refused (the previous release's way).
  await fullIndexedDb(page, true);
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(doc()));
  await openTherapist(page);
  await page.waitForFunction(() => localStorage.getItem('attune.r.meta') !== null && localStorage.getItem('attune.data') === null);
  const before = await localRecords(page);
  assert.equal(Object.keys(before).length, 7, 'two clients, three ratings, a logged session, the meta entry');
  await fullIndexedDb(page, false);
  await page.reload();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.waitForFunction(() => attuneHome() === 'idb');
  assert.deepEqual(checksum(await idbRecords(page)), checksum(before), 'the same entries, byte for byte');
  assert.deepEqual(await localRecords(page), {}, 'the localStorage copies are gone');
  await page.getByText('AN', { exact: true }).first().waitFor();
  // A later start reads IndexedDB alone, the same data.
  await page.reload();
  await page.getByText('BO', { exact: true }).first().waitFor();
  assert.deepEqual(checksum(await idbRecords(page)), checksum(before));
  // The form reads localStorage only: it still knows this device holds
  // records, so it does not greet the therapist as new (no PIN is set here).
  await page.goto(env.origin + '/');
  await page.getByRole('slider').first().waitFor();
  await page.getByRole('button', { name: 'Done', exact: true }).waitFor();
  assert.equal(await page.getByTestId('first-open').count(), 0, 'no "New to Attune?" on a device whose records moved');
  assertClean(env, log);
  await context.close();
});

test('the single document (devices that skipped versions) moves into IndexedDB records, nothing lost', async () => {
  const { context, page, log } = await openApp(env);
  const original = doc();
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(original));
  await openTherapist(page);
  await page.waitForFunction(() => attuneHome() === 'idb' && localStorage.getItem('attune.data') === null);
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.clients, original.clients);
  assert.deepEqual(stored.ratings.map((r) => [r.id, r.scores]), original.ratings.map((r) => [r.id, r.scores]));
  assert.deepEqual(stored.unrated, original.unrated);
  assert.equal(stored.last_backup_at, original.last_backup_at);
  assert.deepEqual(Object.keys(await idbRecords(page)).sort(), [
    'attune.r.c.c-ann', 'attune.r.c.c-bo', 'attune.r.m.r-1', 'attune.r.m.r-2', 'attune.r.m.r-3', 'attune.r.meta', 'attune.r.u.u-1',
  ]);
  assert.deepEqual(await localRecords(page), {});
  await page.getByText('AN', { exact: true }).first().waitFor();
  assertClean(env, log);
  await context.close();
});

test("a device as the previous release's build left it moves with equal count and checksum", async () => {
  // localStorage exactly as the previous release (main before IndexedDB)
  // wrote it while a therapist worked: clients, a session by voice, a note,
  // settings with a PIN. Made by `node tests/browser/previous-release.mjs`
  // against that build (commit 2b61938, recorded in the fixture).
  const seed = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/previous-release.json'), 'utf8'));
  const { context, page, log } = await openApp(env);
  await page.evaluate((entries) => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }, seed.localStorage);
  const before = Object.fromEntries(Object.entries(seed.localStorage).filter(([k]) => k.startsWith('attune.r.')));
  assert.ok(Object.keys(before).length > 3, 'the seed holds records');
  await openTherapist(page);
  await page.waitForFunction(() => attuneHome() === 'idb');
  assert.deepEqual(checksum(await idbRecords(page)), checksum(before), 'the same entries, byte for byte');
  assert.deepEqual(await localRecords(page), {}, 'the localStorage copies are gone');
  for (const label of seed.labels) await page.getByRole('button', { name: label, exact: true }).waitFor();
  const stored = await page.evaluate(() => attuneStored());
  assert.ok(stored.ratings.some((r) => r.note?.client_feedback === 'felt heard today'), 'the note kept');
  // Settings (the PIN) stay where that build left them.
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.settings')), seed.localStorage['attune.settings']);
  assertClean(env, log);
  await context.close();
});

test("two tabs editing at once keep each other's work, each shown in the other without a reload", async () => {
  const { context, page, log } = await openApp(env);
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(doc()));
  await openTherapist(page);
  await page.waitForFunction(() => attuneHome() === 'idb');
  const second = await context.newPage();
  await openTherapist(second);
  // Both at once: neither waits for the other's save.
  await Promise.all([[page, 'T1'], [second, 'T2']].map(async ([p, label]) => {
    await p.getByLabel('New client', { exact: true }).fill(label);
    await p.getByRole('button', { name: 'Add client' }).click();
  }));
  await page.waitForFunction(() => attuneStored().clients.length === 4);
  assert.deepEqual((await page.evaluate(() => attuneStored())).clients.map((c) => c.label).sort(), ['AN', 'BO', 'T1', 'T2']);
  await page.getByRole('button', { name: 'T2', exact: true }).waitFor();
  await second.getByRole('button', { name: 'T1', exact: true }).waitFor();
  // An edit in one tab reaches the other.
  await second.getByRole('button', { name: 'Rename BO' }).click();
  await second.getByLabel('New label').fill('BK');
  await second.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'BK', exact: true }).waitFor();
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.clients.map((c) => c.label).sort(), ['AN', 'BK', 'T1', 'T2']);
  assert.equal(stored.ratings.length, 3);
  assertClean(env, log);
  await context.close();
});

test('client mode started in one tab reaches every open therapist tab within a second', async () => {
  const { context, page, log } = await openApp(env);
  await setPin(page, '4826');
  await addClient(page, 'AB');
  const second = await context.newPage();
  await openTherapist(second);
  await second.getByRole('button', { name: 'AB', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Hand to client' }).click();
  const start = Date.now();
  await second.getByRole('heading', { name: 'Therapist PIN' }).waitFor({ timeout: 1000 });
  assert.ok(Date.now() - start < 1000);
  assert.equal(await second.getByRole('button', { name: 'AB', exact: true }).count(), 0, 'nothing of the caseload');
  assertClean(env, log);
  await context.close();
});

test('a full IndexedDB quota (emulated, see fullIndexedDb): the unsaved banner with its ways out, nothing lost, saved once there is room', async () => {
  const { context, page, log } = await openApp(env);
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(doc()));
  await openTherapist(page);
  await page.waitForFunction(() => attuneHome() === 'idb');
  const before = await idbRecords(page);
  await fullIndexedDb(page, true);
  await page.getByLabel('New client', { exact: true }).fill('FU');
  await page.getByRole('button', { name: 'Add client' }).click();
  const banner = page.getByTestId('unsaved-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /storage for Attune is full/);
  await banner.getByRole('button', { name: 'Export now' }).waitFor();
  assert.deepEqual(await idbRecords(page), before, 'nothing half written');
  // The client stays on screen (in memory).
  await page.getByRole('button', { name: 'FU', exact: true }).waitFor();
  await fullIndexedDb(page, false);
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.waitForFunction(() => attuneStored().clients.some((c) => c.label === 'FU'));
  assert.equal(Object.keys(await idbRecords(page)).length, Object.keys(before).length + 1);
  log.errors = log.errors.filter((e) => !/quota|QuotaExceeded/i.test(e));
  assertClean(env, log);
  await context.close();
});

test("an old build's tab still saving to localStorage after the move has its writes taken in", async () => {
  const { context, page, log } = await openApp(env);
  const original = doc();
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(original));
  await openTherapist(page);
  await page.waitForFunction(() => attuneHome() === 'idb' && localStorage.getItem('attune.data') === null);
  // The old tab (the previous release: records in localStorage) saves a new
  // client and a rename; its meta entry is written last, as that build does.
  const now = Date.now();
  const oldTab = await context.newPage();
  await oldTab.goto(env.origin + '/');
  await oldTab.getByRole('slider').first().waitFor();
  await oldTab.evaluate(({ now, created }) => {
    const stamp = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    localStorage.setItem('attune.r.c.c-old', JSON.stringify({ v: 5, n: 2, rec: { id: 'c-old', label: 'OL', archived: false, created_at: stamp(now) } }));
    localStorage.setItem('attune.r.c.c-bo', JSON.stringify({ v: 5, n: 1, rec: { id: 'c-bo', label: 'BZ', archived: false, created_at: created, updated_at: stamp(now) } }));
    localStorage.setItem('attune.r.meta', JSON.stringify({ schema: 'attune', layout: 'records', version: 5, seq: 9, last_backup_at: null }));
  }, { now, created: original.clients[1].created_at });
  // Taken in while open: shown, stored in IndexedDB, gone from localStorage.
  await page.getByRole('button', { name: 'OL', exact: true }).waitFor();
  await page.getByRole('button', { name: 'BZ', exact: true }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith('attune.r.')));
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.clients.map((c) => c.label).sort(), ['AN', 'BZ', 'OL']);
  assert.equal(stored.ratings.length, 3);
  const idb = await idbRecords(page);
  assert.ok('attune.r.c.c-old' in idb);
  assertClean(env, log);
  await context.close();
});
