// Sync between devices against a real CouchDB-compatible server:
// pouchdb-server 4.2.0 on loopback (couch.mjs), reached through the app's own
// origin under /couchdb/ (server.mjs's proxy, which can also cut the line).
// Each browser context is a separate device with its own storage.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { startCouch, localIdsFromLog } from './couch.mjs';
import { DIST, CHROMIUM_ARGS, openApp, rateAll, finishRating } from './harness.mjs';

const PASSPHRASE = 'otter lantern meadow 42';
let env;
let couch;
before(async () => {
  couch = await startCouch();
  const { server, origin, proxy } = await serve(DIST, 0, { couch });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  env = { server, origin, proxy, browser };
});
after(async () => {
  await env.browser.close();
  await new Promise((r) => env.server.close(r));
  await couch.stop();
});
// Each test gets a clinic database of its own (members-only _security), so
// nothing a device of an earlier test still does can reach it.
beforeEach(async () => {
  env.proxy.restore();
  env.db = await couch.newDb();
  env.proxy.log.length = 0;
});

/**
 * The only console errors allowed are the browser's own reports of requests
 * the test's proxy cut, stalled or answered with an error on purpose (its log
 * says which); every other console or page error fails the test.
 */
function watchDevice(device) {
  device.netErrors = [];
  device.otherErrors = [];
  const watch = (p) => p.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (url.includes('/couchdb/') && /Failed to load resource/.test(m.text())) device.netErrors.push(url);
    else device.otherErrors.push(`${m.text()} ${url}`);
  });
  device.context.pages().forEach(watch);
  device.context.on('page', watch);
}

async function newDevice() {
  const d = await openApp(env);
  watchDevice(d);
  return d;
}

function assertDeviceClean(d) {
  assert.deepEqual(d.log.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'page errors');
  assert.deepEqual(d.otherErrors, [], 'console errors');
  // Each failed request is one the proxy failed on purpose.
  const failed = new Set(env.proxy.log.filter((e) => e.action !== 'pass' && e.action !== 'guard').map((e) => e.path));
  const unexplained = d.netErrors.filter((u) => !failed.has(new URL(u).pathname.replace(/^\/couchdb/, '')));
  assert.deepEqual(unexplained, [], 'failed requests the proxy did not fail');
}

const settings = (page) => page.goto(env.origin + '/therapist.html#/settings');
const status = (page) => page.getByTestId('sync-status');

/** Fills the sync form and turns sync on, as the therapist does. */
async function turnOn(page, passphrase = PASSPHRASE) {
  await settings(page);
  await page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await page.getByLabel('Database').fill(env.db);
  await page.getByLabel('CouchDB user name').fill(couch.user);
  await page.getByLabel('CouchDB password').fill(couch.password);
  await page.getByLabel('Clinic passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Turn sync on' }).click();
}

/** Presses "Sync now" and waits until a run has finished with nothing waiting. */
async function syncNow(page) {
  await settings(page);
  await status(page).waitFor();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=sync-status]')?.textContent ?? '';
    return s.includes('Last synced just now') && s.includes('Everything on this device is synced.');
  }, null, { timeout: 60_000 });
  assert.equal(await page.getByTestId('sync-trouble').textContent(), '', 'no trouble');
}

const stored = (page) => page.evaluate(() => attuneStored());

/** Adds a client on the client list. */
async function addClient(page, label) {
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByLabel('New client', { exact: true }).fill(label);
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByRole('link', { name: `History of ${label}` }).waitFor();
}

/** One rating on the form, finished, opened for review (which stores it). */
async function rate(page, fractions) {
  await page.goto(env.origin + '/');
  await rateAll(page, fractions);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
}

test('ratings made on two devices while the server is unreachable appear on both once it is back', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await syncNow(a.page);
  const b = await newDevice();
  await turnOn(b.page);
  await status(b.page).waitFor();
  await syncNow(b.page);

  // The line to the server goes down; both devices keep rating.
  env.proxy.mode = 'drop';
    await rate(a.page, [0.9, 0.8, 0.7, 0.85]);
  await rate(b.page, [0.4, 0.5, 0.6, 0.45]);
  for (const d of [a, b]) {
    await settings(d.page);
    await d.page.getByRole('button', { name: 'Sync now' }).click();
    await d.page.getByTestId('sync-trouble').filter({ hasText: 'cannot be reached' }).waitFor();
    await d.page.getByText('1 record is waiting to sync.').waitFor();
  }
  assert.ok(a.netErrors.length > 0 && b.netErrors.length > 0, 'the cut was felt');

  env.proxy.restore();
    await syncNow(a.page);
  await syncNow(b.page);
  await syncNow(a.page);
  const ids = async (d) => (await stored(d.page)).ratings.map((r) => r.id).sort();
  const onA = await ids(a);
  assert.equal(onA.length, 2, 'both ratings on A');
  assert.deepEqual(await ids(b), onA, 'the same two on B');
  const scores = async (d) => (await stored(d.page)).ratings.map((r) => r.scores.join()).sort();
  assert.deepEqual(await scores(b), await scores(a), 'with the same scores');
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('the same client renamed on two devices converges to one name everywhere, the later edit', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'RN');
  await syncNow(a.page);
  const b = await newDevice();
  await turnOn(b.page);
  await status(b.page).waitFor();
  await syncNow(b.page);
  assert.deepEqual((await stored(b.page)).clients.map((c) => c.label), ['RN']);

  env.proxy.mode = 'drop';
    for (const [d, label] of [[a, 'RA'], [b, 'RB']]) {
    await d.page.goto(env.origin + '/therapist.html#/clients');
    await d.page.getByRole('button', { name: 'Rename RN' }).click();
    await d.page.getByLabel('New label').fill(label);
    await d.page.getByRole('button', { name: 'Save' }).click();
    await d.page.getByRole('link', { name: `History of ${label}` }).waitFor();
  }
  env.proxy.restore();
    await syncNow(a.page);
  await syncNow(b.page);
  await syncNow(a.page);
  const labels = async (d) => (await stored(d.page)).clients.map((c) => c.label);
  assert.deepEqual(await labels(a), ['RB'], 'A shows the later name');
  assert.deepEqual(await labels(b), ['RB'], 'B shows the later name');
  // The server keeps one live revision of the client: the conflict is closed.
  const id = (await stored(a.page)).clients[0].id;
  const doc = await couch.request(`/${env.db}/${encodeURIComponent('client:' + id)}?conflicts=true`);
  assert.equal(doc.status, 200);
  assert.equal(doc.json._conflicts, undefined, 'no open conflict left on the server');
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

/** A version 5 document of one client with `n` ratings. */
function history(n) {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const now = Date.now();
  return JSON.stringify({
    schema: 'attune', version: 5, last_backup_at: null,
    clients: [{ id: 'c-wren', label: 'Wrenfield', archived: false, created_at: iso(now - 400 * 86400000) }],
    ratings: Array.from({ length: n }, (_, i) => ({
      id: `r-${i}`, recorded_at: iso(now - (n - i) * 86400000), session_at: iso(now - (n - i) * 86400000),
      client_id: 'c-wren', scores: [83, 77, 71, 79], scale_id: 'srs-attune', scale_version: 1,
      note: { client_feedback: 'homework about the garden shed', therapist_response: 'we agreed to slow down' },
    })),
    unrated: [],
  });
}

test('a sync cut in the middle loses nothing and duplicates nothing; a new device receives everything; the server holds no clear text', async () => {
  const a = await newDevice();
  await a.page.evaluate((t) => localStorage.setItem('attune.data', t), history(30));
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.reload();
  await a.page.getByRole('link', { name: 'History of Wrenfield' }).waitFor();
  // The first push reaches the server but its answer is cut mid-way.
  env.proxy.cutAfter(0, 'truncate', /_bulk_docs/);
  await turnOn(a.page);
  await a.page.getByTestId('sync-trouble').filter({ hasText: /.+/ }).waitFor({ timeout: 60_000 });
  assert.ok(env.proxy.log.some((e) => /_bulk_docs/.test(e.path) && e.action === 'truncate'), 'a _bulk_docs was cut');
  env.proxy.restore();
  await syncNow(a.page);
  await syncNow(a.page);

  const b = await newDevice();
  await turnOn(b.page);
  await status(b.page).waitFor();
  await syncNow(b.page);
  const onB = await stored(b.page);
  assert.equal(onB.ratings.length, 30, 'all 30 ratings on the new device');
  assert.equal(new Set(onB.ratings.map((r) => r.id)).size, 30, 'no rating twice');
  assert.deepEqual(onB.clients.map((c) => c.label), ['Wrenfield']);
  assert.ok(onB.ratings.every((r) => r.note?.client_feedback === 'homework about the garden shed' && r.scores.join() === '83,77,71,79'));

  // The server: one document per record, no open conflicts, no clear text.
  const all = await couch.request(`/${env.db}/_all_docs?include_docs=true&conflicts=true`);
  const docs = all.json.rows.map((r) => r.doc);
  assert.equal(docs.filter((d) => d._id.startsWith('rating:')).length, 30);
  assert.deepEqual(docs.filter((d) => d._conflicts), [], 'no open conflicts');
  const everything = JSON.stringify(await couch.scan(env.db));
  for (const secret of ['Wrenfield', 'garden shed', 'slow down', '"scores"', '83,77', 'session_at', 'client_id']) {
    assert.ok(!everything.includes(secret), `the server never sees ${secret}`);
  }
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('a wrong clinic passphrase is refused with a clear message and changes nothing', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'KP');
  await syncNow(a.page);

  const c = await newDevice();
  const from = env.proxy.log.length;
  await turnOn(c.page, 'not the clinic passphrase');
  await c.page.getByRole('alert').filter({ hasText: 'does not open this clinic' }).waitFor({ timeout: 60_000 });
  const left = await c.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.sync.') || k.startsWith('attune.s.') || k.startsWith('attune.r.')));
  assert.deepEqual(left, [], 'nothing stored on the device');
  assert.ok(!env.proxy.log.slice(from).some((e) => /_bulk_docs|_local|attune:key/.test(e.path) && e.method !== 'GET'), 'nothing written to the server');
  // The right passphrase then works on the same device.
  await c.page.getByLabel('Clinic passphrase').fill(PASSPHRASE);
  await c.page.getByRole('button', { name: 'Turn sync on' }).click();
  await status(c.page).waitFor();
  await syncNow(c.page);
  assert.deepEqual((await stored(c.page)).clients.map((x) => x.label), ['KP']);
  for (const d of [a, c]) { assertDeviceClean(d); await d.context.close(); }
});

test('each kind of server trouble is told in plain words, keeps everything, and sync resumes once it clears', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'TR');
  await syncNow(a.page);
  // The server fails from here on, before the rating is made.
  env.proxy.mode = 'status:503';
  await rate(a.page, [0.7, 0.7, 0.7, 0.7]);
  const trouble = a.page.getByTestId('sync-trouble');
  for (const [mode, words] of [
    ['status:503', 'has a problem of its own'],
    ['status:404', 'has no database by that name'],
    ['portal', 'showed a web page instead of the clinic server'],
    ['drop', 'cannot be reached right now'],
    ['status:401', 'asks you to sign in again'],
  ]) {
    env.proxy.mode = mode;
    await settings(a.page);
    await a.page.getByRole('button', { name: 'Sync now' }).click();
    await trouble.filter({ hasText: words }).waitFor();
    assert.match(await trouble.textContent(), /Nothing is lost/, `${mode}: says nothing is lost`);
    await a.page.getByText('1 record is waiting to sync.').waitFor();
  }
  // Signed out: the password is asked for again, and sync goes on.
  env.proxy.restore();
  await a.page.getByLabel('CouchDB password').fill(couch.password);
  await a.page.getByRole('button', { name: 'Sign in again' }).click();
  await a.page.getByText('Everything on this device is synced.').waitFor({ timeout: 60_000 });
  const stored = await a.page.evaluate(() => attuneStored());
  assert.equal(stored.ratings.length, 1, 'the rating made during the trouble is kept');
  const all = await couch.request(`/${env.db}/_all_docs`);
  assert.equal(all.json.rows.filter((r) => r.id.startsWith('rating:')).length, 1, 'and reached the server');
  assertDeviceClean(a);
  await a.context.close();
});

test('a pull that would fill this browser\'s storage stops before it, says so, keeps what it has, and finishes once there is room', async () => {
  const a = await newDevice();
  await a.page.evaluate((t) => localStorage.setItem('attune.data', t), history(30));
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.reload();
  await a.page.getByRole('link', { name: 'History of Wrenfield' }).waitFor();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await syncNow(a.page);

  const b = await newDevice();
  await addClient(b.page, 'OWN');
  // Fill B's storage to within 270,000 units of localStorage's 5 Mi limit:
  // less than the 256 K reserve plus what the 30 ratings need.
  await b.page.evaluate(() => {
    const used = Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
    localStorage.setItem('filler', 'x'.repeat(5 * 1024 * 1024 - 270_000 - used - 'filler'.length));
  });
  await turnOn(b.page);
  await b.page.getByTestId('sync-trouble').filter({ hasText: 'stopped before filling this browser' }).waitFor({ timeout: 60_000 });
  const kept = await stored(b.page);
  assert.deepEqual(kept.clients.map((c) => c.label), ['OWN'], 'what B had is kept, nothing half-pulled');
  assert.equal(kept.ratings.length, 0);
  // Room made: the same pull finishes.
  await b.page.evaluate(() => localStorage.removeItem('filler'));
  await syncNow(b.page);
  const after = await stored(b.page);
  assert.equal(after.ratings.length, 30);
  assert.deepEqual(after.clients.map((c) => c.label).sort(), ['OWN', 'Wrenfield']);
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('changing the clinic passphrase re-wraps the one key: devices go on, a new device joins with the new one only', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'PP');
  await syncNow(a.page);
  const kidBefore = (await couch.request(`/${env.db}/attune:key`)).json.kid;
  await settings(a.page);
  await a.page.getByText('Change the clinic passphrase', { exact: true }).first().click();
  await a.page.getByLabel('Current clinic passphrase').fill('a wrong passphrase');
  await a.page.getByLabel('New clinic passphrase').fill('heron quarry violet 7');
  await a.page.getByRole('button', { name: 'Change the clinic passphrase' }).click();
  await a.page.getByRole('alert').filter({ hasText: 'does not open this clinic' }).waitFor({ timeout: 60_000 });
  await a.page.getByLabel('Current clinic passphrase').fill(PASSPHRASE);
  await a.page.getByRole('button', { name: 'Change the clinic passphrase' }).click();
  await a.page.getByRole('status').filter({ hasText: 'The clinic passphrase is changed' }).waitFor({ timeout: 60_000 });
  const key = (await couch.request(`/${env.db}/attune:key`)).json;
  assert.equal(key.kid, kidBefore, 'the same data key, re-wrapped');
  assert.match(key._rev, /^2-/);
  await addClient(a.page, 'P2');
  await syncNow(a.page);

  const c = await newDevice();
  await turnOn(c.page, PASSPHRASE);
  await c.page.getByRole('alert').filter({ hasText: 'does not open this clinic' }).waitFor({ timeout: 60_000 });
  await c.page.getByLabel('Clinic passphrase').fill('heron quarry violet 7');
  await c.page.getByRole('button', { name: 'Turn sync on' }).click();
  await status(c.page).waitFor();
  await syncNow(c.page);
  assert.deepEqual((await stored(c.page)).clients.map((x) => x.label).sort(), ['P2', 'PP']);
  for (const d of [a, c]) { assertDeviceClean(d); await d.context.close(); }
});

// the server is checked, not trusted.

/**
 * A copy of database `db` as a backup of its files would keep it: every
 * leaf revision with its history, and the `_local` checkpoints the devices
 * wrote (pouchdb-server lists none, so their ids come from the proxy log).
 */
async function snapshot(db) {
  const changes = await couch.request(`/${db}/_changes?style=all_docs&since=0`);
  const docs = [];
  for (const row of changes.json.results) {
    const r = await couch.request(`/${db}/${encodeURIComponent(row.id)}?open_revs=all&revs=true`);
    for (const leaf of r.json) if (leaf.ok) docs.push(leaf.ok);
  }
  const locals = [];
  for (const id of localIdsFromLog(env.proxy.log)) {
    const r = await couch.request(`/${db}/_local/${encodeURIComponent(id)}`);
    if (r.status === 200) locals.push({ id, body: r.json });
  }
  return { docs, locals };
}

/** Restores database `db` from a snapshot: deleted, created again, refilled. */
async function restore(db, snap) {
  await couch.resetDb(db);
  const put = await couch.request(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: snap.docs, new_edits: false } });
  assert.equal(put.status, 201, put.text);
  for (const { id, body } of snap.locals) {
    const { _rev, ...rest } = body;
    const r = await couch.request(`/${db}/_local/${encodeURIComponent(id)}`, { method: 'PUT', json: rest });
    assert.equal(r.status, 201, r.text);
  }
}

/** Labels of the live client documents a fresh device will receive, through a fresh device. */
async function freshDeviceReceives() {
  const b = await newDevice();
  await turnOn(b.page);
  await status(b.page).waitFor();
  await syncNow(b.page);
  const got = await stored(b.page);
  return { b, labels: got.clients.map((c) => c.label).sort(), ratings: got.ratings.length };
}

test('a server restored from an older copy gets back from a device everything synced after the copy; a new device receives all of it', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'BK1');
  await syncNow(a.page);
  const backup = await snapshot(env.db);
  // After the backup: a new client, a rating, and a rename, all synced.
  await addClient(a.page, 'BK2');
  await rate(a.page, [0.9, 0.8, 0.7, 0.85]);
  // The therapist page's first run settles before the rename (a run that
  // stores what it pulled redraws the list under an open rename form).
  await syncNow(a.page);
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.getByRole('button', { name: 'Rename BK1' }).click();
  await a.page.getByLabel('New label').fill('BK1b');
  await a.page.getByRole('button', { name: 'Save' }).click();
  await a.page.getByRole('link', { name: 'History of BK1b' }).waitFor();
  await syncNow(a.page);

  await restore(env.db, backup);
  const onServer = await couch.request(`/${env.db}/_all_docs`);
  assert.equal(onServer.json.rows.filter((r) => r.id.startsWith('client:')).length, 1, 'the restore lost BK2');

  await syncNow(a.page);
  const { b, labels, ratings } = await freshDeviceReceives();
  assert.deepEqual(labels, ['BK1b', 'BK2'], 'the clinic as it was, not the older copy');
  assert.equal(ratings, 1, 'the rating made after the backup');
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('a server emptied and made again gets the clinic key and every record back from a device; a new device joins with the passphrase', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'WP1');
  await rate(a.page, [0.5, 0.6, 0.7, 0.8]);
  await syncNow(a.page);
  const kid = (await couch.request(`/${env.db}/attune:key`)).json.kid;

  await couch.resetDb(env.db);
  await syncNow(a.page);
  const key = await couch.request(`/${env.db}/attune:key`);
  assert.equal(key.status, 200, 'the key document is back');
  assert.equal(key.json.kid, kid, 'the same clinic key');
  const { b, labels, ratings } = await freshDeviceReceives();
  assert.deepEqual(labels, ['WP1']);
  assert.equal(ratings, 1);
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('a device that kept no copy of a lost key asks for the passphrase, says so on the home screen, never says synced meanwhile, then sends everything', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'KM1');
  await syncNow(a.page);
  // A device from before copies were kept.
  await a.page.evaluate(() => localStorage.removeItem('attune.sync.keydoc'));
  await couch.resetDb(env.db);

  await settings(a.page);
  await a.page.getByRole('button', { name: 'Sync now' }).click();
  await a.page.getByTestId('sync-trouble').filter({ hasText: 'has lost the clinic key' }).waitFor({ timeout: 60_000 });
  assert.doesNotMatch(await status(a.page).textContent(), /Everything on this device is synced/);

  // The home screen says so, and leads to the sync settings.
  await a.page.goto(env.origin + '/therapist.html#/clients');
  const notice = a.page.getByTestId('sync-notice');
  await notice.filter({ hasText: 'lost the clinic key' }).waitFor();
  await notice.getByRole('link', { name: 'Open the sync settings' }).click();
  await a.page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await a.page.waitForFunction(() => document.activeElement?.id === 'sync-heading');

  await a.page.getByLabel('Clinic passphrase', { exact: true }).fill(PASSPHRASE);
  await a.page.getByLabel('Clinic passphrase again', { exact: true }).fill(PASSPHRASE + 'x');
  await a.page.getByRole('button', { name: 'Put the clinic key back' }).click();
  await a.page.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
  await a.page.getByLabel('Clinic passphrase again', { exact: true }).fill(PASSPHRASE);
  await a.page.getByRole('button', { name: 'Put the clinic key back' }).click();
  await a.page.getByText('Everything on this device is synced.').waitFor({ timeout: 60_000 });
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.getByRole('link', { name: 'History of KM1' }).waitFor();
  assert.equal(await a.page.getByTestId('sync-notice').count(), 0, 'the notice is gone');

  const { b, labels } = await freshDeviceReceives();
  assert.deepEqual(labels, ['KM1']);
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});

test('the sync status survives a page load, and trouble that needs the therapist shows on the home screen', async () => {
  const a = await newDevice();
  await turnOn(a.page);
  await status(a.page).waitFor();
  await addClient(a.page, 'ST1');
  await syncNow(a.page);
  // The server cannot be reached; the page is loaded again (as starting a
  // rating from a client's page does): the last sync is still known.
  env.proxy.mode = 'drop';
  await a.page.reload();
  await status(a.page).filter({ hasText: /Last synced (just now|1 minute ago)/ }).waitFor();
  assert.doesNotMatch(await status(a.page).textContent(), /Not synced yet/);
  // An unreachable server for minutes is no news on the home screen.
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.getByRole('link', { name: 'History of ST1' }).waitFor();
  assert.equal(await a.page.getByTestId('sync-notice').count(), 0);

  // Signed out: the home screen says so at once, and after a reload too.
  env.proxy.mode = 'status:401';
  await settings(a.page);
  await a.page.getByRole('button', { name: 'Sync now' }).click();
  await a.page.getByTestId('sync-trouble').filter({ hasText: 'sign in again' }).waitFor();
  await a.page.goto(env.origin + '/therapist.html#/clients');
  const notice = a.page.getByTestId('sync-notice');
  await notice.filter({ hasText: 'sign in again' }).waitFor();
  await a.page.reload();
  await notice.filter({ hasText: 'sign in again' }).waitFor();
  await notice.getByRole('link', { name: 'Open the sync settings' }).click();
  env.proxy.restore();
  await a.page.getByLabel('CouchDB password').fill(couch.password);
  await a.page.getByRole('button', { name: 'Sign in again' }).click();
  await a.page.getByText('Everything on this device is synced.').waitFor({ timeout: 60_000 });
  await a.page.goto(env.origin + '/therapist.html#/clients');
  await a.page.getByRole('link', { name: 'History of ST1' }).waitFor();
  assert.equal(await a.page.getByTestId('sync-notice').count(), 0, 'gone once signed in');
  assertDeviceClean(a);
  await a.context.close();
});

/** A version 5 document of one client `label` (id `id`, added `daysAgo`) with `n` ratings. */
function oneClient(id, label, daysAgo, n) {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const now = Date.now();
  return JSON.stringify({
    schema: 'attune', version: 5, last_backup_at: null,
    clients: [{ id, label, archived: false, created_at: iso(now - daysAgo * 86400000) }],
    ratings: Array.from({ length: n }, (_, i) => ({
      id: `${id}-r${i}`, recorded_at: iso(now - (n - i) * 3600000), session_at: iso(now - (n - i) * 3600000),
      client_id: id, scores: [83, 77, 71, 79], scale_id: 'srs-attune', scale_version: 1,
    })),
    unrated: [],
  });
}

test('the same client added on two devices offline shows as two with a way to merge them: one client, both histories, on every device', async () => {
  const a = await newDevice();
  const b = await newDevice();
  for (const [d, doc] of [[a, oneClient('c-du-a', 'DU', 20, 2)], [b, oneClient('c-du-b', 'DU', 10, 1)]]) {
    await d.page.evaluate((t) => localStorage.setItem('attune.data', t), doc);
    await d.page.goto(env.origin + '/therapist.html#/clients');
    await d.page.reload();
    await d.page.getByRole('link', { name: 'History of DU' }).waitFor();
    await turnOn(d.page);
    await status(d.page).waitFor();
    await syncNow(d.page);
  }
  await syncNow(a.page);
  const before = await stored(a.page);
  assert.equal(before.clients.length, 2, 'two clients labelled DU on A');

  await a.page.goto(env.origin + '/therapist.html#/clients');
  const dup = a.page.getByTestId('duplicates');
  await dup.filter({ hasText: '2 clients are labelled “DU”' }).waitFor();
  await dup.getByRole('button', { name: 'Merge the 2 clients labelled DU' }).click();
  await dup.waitFor({ state: 'detached' });
  await a.page.getByRole('link', { name: 'History of DU' }).waitFor();
  assert.equal(await a.page.getByRole('link', { name: 'History of DU' }).count(), 1, 'one DU in the caseload');

  await syncNow(a.page);
  await syncNow(b.page);
  for (const d of [a, b]) {
    const s = await stored(d.page);
    const active = s.clients.filter((c) => !c.archived);
    assert.deepEqual(active.map((c) => c.id), ['c-du-a'], 'the first added is the client');
    assert.ok(s.clients.find((c) => c.id === 'c-du-b')?.archived, 'the other is archived, not deleted');
    assert.equal(s.ratings.length, 3, 'no rating lost');
    assert.ok(s.ratings.every((r) => r.client_id === 'c-du-a'), 'both histories under one client');
  }
  await b.page.goto(env.origin + '/therapist.html#/clients');
  await b.page.getByRole('link', { name: 'History of DU' }).waitFor();
  assert.equal(await b.page.getByTestId('duplicates').count(), 0, 'nothing left to merge on B');
  for (const d of [a, b]) { assertDeviceClean(d); await d.context.close(); }
});
