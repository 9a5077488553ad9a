// One record per key: the single stored document moves
// into one entry per client, rating and logged session with nothing lost (in
// IndexedDB since the records moved there; in localStorage when IndexedDB
// refuses); a save writes only what changed; an unreadable record is set
// aside alone and the rest opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, openApp, assertClean, fullIndexedDb } from './harness.mjs';

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

/** Every record entry (key → text), wherever the records live. */
const recordEntries = (page) => page.evaluate(() => attuneEntries());

/** Writes `text` under a record's key where the records live (IndexedDB). */
const putRecord = (page, key, text) => page.evaluate(([k, t]) => new Promise((resolve, reject) => {
  const open = indexedDB.open('attune');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('records', 'readwrite');
    tx.objectStore('records').put(t, k);
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onabort = () => reject(tx.error);
  };
}), [key, text]);

async function seedAndOpen(page, text) {
  await page.evaluate((t) => localStorage.setItem('attune.data', t), text);
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
}

test('the stored document moves into one record per key, nothing lost, and is then removed', async () => {
  const { context, page, log } = await openApp(env);
  const original = doc();
  await seedAndOpen(page, JSON.stringify(original));
  await page.getByText('AN', { exact: true }).first().waitFor();
  await page.waitForFunction(() => localStorage.getItem('attune.data') === null);
  const entries = await recordEntries(page);
  assert.deepEqual(Object.keys(entries).sort(), [
    'attune.r.c.c-ann', 'attune.r.c.c-bo', 'attune.r.m.r-1', 'attune.r.m.r-2', 'attune.r.m.r-3', 'attune.r.meta', 'attune.r.u.u-1',
  ]);
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.clients, original.clients);
  assert.deepEqual(stored.ratings.map((r) => [r.id, r.scores]), original.ratings.map((r) => [r.id, r.scores]));
  assert.deepEqual(stored.unrated, original.unrated);
  assert.equal(stored.last_backup_at, original.last_backup_at);
  assertClean(env, log);
  await context.close();
});

test('a save writes only the record it changed (and the meta entry)', async () => {
  const { context, page, log } = await openApp(env);
  await seedAndOpen(page, JSON.stringify(doc()));
  await page.waitForFunction(() => 'attune.r.meta' in attuneEntries());
  const before = await recordEntries(page);
  await page.getByRole('button', { name: 'Rename BO' }).click();
  await page.getByLabel('New label').fill('BK');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => JSON.parse(attuneEntries()['attune.r.c.c-bo']).rec.label === 'BK');
  const after = await recordEntries(page);
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]).sort();
  assert.deepEqual(changed, ['attune.r.c.c-bo', 'attune.r.meta']);
  assert.equal(JSON.parse(after['attune.r.meta']).seq, JSON.parse(before['attune.r.meta']).seq + 1);
  assertClean(env, log);
  await context.close();
});

test('an unreadable record is set aside alone, byte for byte, and the rest opens', async () => {
  const { context, page, log } = await openApp(env);
  await seedAndOpen(page, JSON.stringify(doc()));
  await page.waitForFunction(() => 'attune.r.meta' in attuneEntries());
  const broken = '{"v":5,"n":1,"rec":{"id":"r-2","scores":[91,86';
  await putRecord(page, 'attune.r.m.r-2', broken);
  await page.reload();
  await page.getByTestId('quarantine-banner').waitFor();
  // The copy is kept exactly; the record's own key no longer holds it.
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.quarantine.'))
    .map((k) => localStorage.getItem(k)));
  assert.deepEqual(copies, [broken]);
  await page.waitForFunction(() => !('attune.r.m.r-2' in attuneEntries()));
  // The other ratings still open: AN's history keeps its other session.
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.ratings.map((r) => r.id), ['r-1', 'r-3']);
  await page.getByRole('link', { name: 'History of AN' }).click();
  await page.getByRole('heading', { name: /AN/ }).first().waitFor();
  assertClean(env, log);
  await context.close();
});

test('two tabs saving records at once keep both', async () => {
  const { context, page, log } = await openApp(env);
  await seedAndOpen(page, JSON.stringify(doc()));
  await page.waitForFunction(() => 'attune.r.meta' in attuneEntries());
  const second = await context.newPage();
  await second.goto(env.origin + '/therapist.html#/clients');
  await second.getByRole('heading', { name: 'Clients' }).waitFor();
  // Each tab adds a client; neither reloads.
  for (const [p, label] of [[page, 'T1'], [second, 'T2']]) {
    await p.getByLabel('New client', { exact: true }).fill(label);
    await p.getByRole('button', { name: 'Add client' }).click();
  }
  await page.waitForFunction(() => attuneStored().clients.length === 4);
  const labels = (await page.evaluate(() => attuneStored())).clients.map((c) => c.label).sort();
  assert.deepEqual(labels, ['AN', 'BO', 'T1', 'T2']);
  // The first tab shows the second tab's client without a reload.
  await page.getByText('T2', { exact: true }).first().waitFor();
  assertClean(env, log);
  await context.close();
});

test('a document too large to sit beside all its records moves in steps, nothing lost', async () => {
  const { context, page, log } = await openApp(env);
  const base = doc();
  const now = Date.now();
  base.ratings = Array.from({ length: 2000 }, (_, i) => ({
    id: `bulk-${i}`, recorded_at: iso(now - (2000 - i) * 3600000), session_at: iso(now - (2000 - i) * 3600000),
    client_id: i % 2 ? 'c-ann' : 'c-bo', scores: [80, 70, 60, 75], scale_id: 'srs-attune', scale_version: 1,
  }));
  const text = JSON.stringify(base);
  // Leave 400,000 units free beside the document: its 2,000 ratings need
  // about 770,000 as records, so they could never all be written while it
  // is still there.
  const left = await page.evaluate((t) => {
    localStorage.setItem('attune.data', t);
    const used = Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
    localStorage.setItem('filler', 'x'.repeat(5 * 1024 * 1024 - 400_000 - used - 'filler'.length));
    return Object.keys(localStorage).filter((k) => k.startsWith('attune.r.')).length;
  }, text);
  assert.equal(left, 0);
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.waitForFunction(() => localStorage.getItem('attune.data') === null);
  const stored = await page.evaluate(() => attuneStored());
  assert.equal(stored.ratings.length, 2000);
  assert.deepEqual(stored.ratings.map((r) => r.id), base.ratings.map((r) => r.id), 'every rating, in order');
  assert.deepEqual(stored.clients.map((c) => c.id), ['c-ann', 'c-bo']);
  assert.equal(await page.getByTestId('storage-banner').count(), 0, 'no unsaved banner');
  assertClean(env, log);
  await context.close();
});

test('a move cut short by a full storage, finished once there is room, keeps every client label', async () => {
  const { context, page, log } = await openApp(env);
  const base = doc();
  const now = Date.now();
  base.ratings = Array.from({ length: 400 }, (_, i) => ({
    id: `bulk-${i}`, recorded_at: iso(now - (400 - i) * 3600000), session_at: iso(now - (400 - i) * 3600000),
    client_id: i % 2 ? 'c-ann' : 'c-bo', scores: [80, 70, 60, 75], scale_id: 'srs-attune', scale_version: 1,
  }));
  // 3,000 units free: room for a few ratings' records, never for the
  // clients' (written last), so the first start leaves the move half done;
  // IndexedDB full too, so the records stay in localStorage.
  await fullIndexedDb(page, true);
  await page.evaluate((t) => {
    localStorage.setItem('attune.data', t);
    const used = Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
    localStorage.setItem('filler', 'x'.repeat(5 * 1024 * 1024 - 3_000 - used - 'filler'.length));
  }, JSON.stringify(base));
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('attune.r.m.')));
  assert.ok(await page.evaluate(() => localStorage.getItem('attune.data') !== null), 'the rest waits in the document');
  // Room again (a backup saved and old data removed, say); the next start finishes the move.
  await page.evaluate(() => localStorage.removeItem('filler'));
  await fullIndexedDb(page, false);
  await page.reload();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.waitForFunction(() => localStorage.getItem('attune.data') === null);
  const stored = await page.evaluate(() => attuneStored());
  assert.deepEqual(stored.clients.map((c) => c.label).sort(), ['AN', 'BO'], 'labels kept, no stand-in');
  assert.equal(stored.ratings.length, 400);
  await page.getByText('AN', { exact: true }).first().waitFor();
  assert.equal(await page.getByText('(unreadable)').count(), 0, 'no stand-in on screen');
  assertClean(env, log);
  await context.close();
});
