// The live pull: an open therapist page follows the clinic server's changes
// feed (long-poll) and shows another device's rating or edit within seconds,
// without anyone pressing "Sync now"; a hidden page follows nothing, and a
// server that vanishes mid-follow is told as any run's trouble, once, not in
// a loop. Real pouchdb-server 4.2.0 on loopback (couch.mjs), reached through
// the app's origin under /couchdb/ (server.mjs's proxy); each browser
// context is a device with its own storage.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { startCouch } from './couch.mjs';
import { DIST, CHROMIUM_ARGS, openApp, rateAll, finishRating } from './harness.mjs';

const PASSPHRASE = 'otter lantern meadow 42';
// Another device's change shows within this (the goal is two seconds; the
// margin is for the shared test machine).
const SHOWS_WITHIN = 5_000;
let env;
let couch;
before(async () => {
  couch = await startCouch();
  const { server, origin, proxy } = await serve(DIST, 0, { couch });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  env = { server, origin, proxy, browser, couch };
});
after(async () => {
  await env.browser.close();
  await new Promise((r) => env.server.close(r));
  await couch.stop();
});
beforeEach(async () => {
  env.proxy.restore();
  env.db = await couch.newDb();
});

/**
 * A device on `site` ({ origin, couch, db }): every console or page error
 * it logs is kept, with the failed requests apart (`failed`: /couchdb/
 * resources the browser reported as not loaded).
 */
async function newDevice(site = env) {
  const d = await openApp({ ...env, origin: site.origin });
  d.site = site;
  d.failed = [];
  d.otherErrors = [];
  const watch = (p) => p.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (url.includes('/couchdb/') && /Failed to load resource/.test(m.text())) d.failed.push(url);
    else d.otherErrors.push(`${m.text()} ${url}`);
  });
  d.context.pages().forEach(watch);
  d.context.on('page', watch);
  // The page's requests to the server still waiting for their answer (a
  // page load ends the previous document's, which report nothing; the
  // service worker's own copy of each request is left out).
  d.out = new Set();
  d.context.on('request', (r) => {
    if (r.serviceWorker()) return;
    if (r.isNavigationRequest()) d.out.clear();
    else if (r.url().includes('/couchdb/')) d.out.add(r);
  });
  d.context.on('requestfinished', (r) => d.out.delete(r));
  d.context.on('requestfailed', (r) => d.out.delete(r));
  return d;
}

/** Resolves once `ok()` holds (checked every 20 ms), or fails after `ms`. */
async function until(ok, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    assert.ok(Date.now() < end, `waited ${ms} ms for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settings = (d) => d.page.goto(d.site.origin + '/therapist.html#/settings');
const clients = (d) => d.page.goto(d.site.origin + '/therapist.html#/clients');
const status = (d) => d.page.getByTestId('sync-status');

/** Fills the sync form and turns sync on, as the therapist does. */
async function turnOn(d) {
  await settings(d);
  await d.page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await d.page.getByLabel('Database').fill(d.site.db);
  await d.page.getByLabel('CouchDB user name').fill(d.site.couch.user);
  await d.page.getByLabel('CouchDB password').fill(d.site.couch.password);
  await d.page.getByLabel('Clinic passphrase').fill(PASSPHRASE);
  await d.page.getByRole('button', { name: 'Turn sync on' }).click();
  await status(d).waitFor();
}

/** Presses "Sync now" and waits until a run has finished with nothing waiting. */
async function syncNow(d) {
  await settings(d);
  await status(d).waitFor();
  await d.page.getByRole('button', { name: 'Sync now' }).click();
  await d.page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=sync-status]')?.textContent ?? '';
    return s.includes('Last synced just now') && s.includes('Everything on this device is synced.');
  }, null, { timeout: 60_000 });
}

/** Two devices on one clinic database, both synced once. */
async function twoDevices(site = env) {
  const a = await newDevice(site);
  await turnOn(a);
  await syncNow(a);
  const b = await newDevice(site);
  await turnOn(b);
  await syncNow(b);
  return { a, b };
}

const isFeed = (r) => r.url().includes('/_changes?') && r.url().includes('feed=longpoll');

/** Waits until the device's runs are over and its one request out is the feed's long-poll. */
const following = (d) => until(() => d.out.size === 1 && [...d.out].every(isFeed),
  () => `the feed followed alone (out: ${[...d.out].map((r) => r.url()).join(' ')})`);

/** Opens the device's client list and waits until it follows the feed. */
async function followOnClients(d) {
  await clients(d);
  await following(d);
}

/** Adds a client on A's client list (its save starts the run that pushes it). */
async function addClient(d, label) {
  await clients(d);
  await d.page.getByLabel('New client', { exact: true }).fill(label);
  await d.page.getByRole('button', { name: 'Add client' }).click();
  await d.page.getByRole('link', { name: `History of ${label}` }).waitFor();
}

function assertClean(d) {
  assert.deepEqual(d.log.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'page errors');
  assert.deepEqual(d.otherErrors, [], 'console errors');
}

test('another device\'s rating and edits show on an open therapist page within seconds, without Sync now', async () => {
  const { a, b } = await twoDevices();
  await followOnClients(b);

  // A client added on A shows on B's list, which nobody touches.
  await addClient(a, 'LP');
  await b.page.getByRole('link', { name: 'History of LP' }).waitFor({ timeout: SHOWS_WITHIN });

  // Renamed on A: B shows the new name.
  await a.page.getByRole('button', { name: 'Rename LP' }).click();
  await a.page.getByLabel('New label').fill('LQ');
  await a.page.getByRole('button', { name: 'Save' }).click();
  await a.page.getByRole('link', { name: 'History of LQ' }).waitFor();
  await b.page.getByRole('link', { name: 'History of LQ' }).waitFor({ timeout: SHOWS_WITHIN });
  assert.equal(await b.page.getByRole('link', { name: 'History of LP' }).count(), 0, 'the old name is gone');

  // A rating made on A's form (pushed when A's therapist page opens) shows
  // on B among the ratings not yet assigned to a client.
  await a.page.goto(a.site.origin + '/');
  await rateAll(a.page, [0.9, 0.8, 0.7, 0.85]);
  await finishRating(a.page);
  await a.page.getByTestId('total').waitFor();
  await clients(a);
  const unassigned = b.page.getByRole('region', { name: 'Ratings not assigned to a client' });
  await unassigned.getByRole('button', { name: /^Open the rating of / }).waitFor({ timeout: SHOWS_WITHIN });
  const scores = async (d) => (await d.page.evaluate(() => attuneStored())).ratings.map((r) => r.scores.join());
  assert.deepEqual(await scores(b), await scores(a), 'the same rating, the same scores');
  assert.equal(b.failed.length + a.failed.length, 0, 'no request failed');
  // On the wire too, each device has at most its one long-poll open.
  await following(a);
  await following(b);
  const open = env.proxy.log.filter((e) => e.url.includes('feed=longpoll') && e.action === 'pass' && e.status === null);
  assert.ok(open.length <= 2, `${open.length} long-polls open at the server for two devices`);
  for (const d of [a, b]) { assertClean(d); await d.context.close(); }
});

test('a device\'s own edits start no endless pulls: after its push its feed waits for other devices', async () => {
  const { a, b } = await twoDevices();
  await followOnClients(a);
  await followOnClients(b);
  const before = a.log.requests.length;
  // A's own save: one run (push, then pull past it); then the feed waits
  // again, from after A's own push.
  const again = a.page.waitForRequest(isFeed, { timeout: 10_000 });
  await addClient(a, 'OWN');
  await again;
  // Then another device's edit, which A hears through its feed. Had A's own
  // push been news to it, its runs and feed requests would have gone on
  // one after another meanwhile (the rule itself is tested natively in
  // tests/sync_live.rs and tests/sync_run.rs).
  await addClient(b, 'OTHER');
  await a.page.getByRole('link', { name: 'History of OTHER' }).waitFor({ timeout: SHOWS_WITHIN });
  await following(a);
  const since = a.log.requests.slice(before).map((u) => new URL(u));
  const dbInfo = since.filter((u) => /^\/couchdb\/[^/_][^/]*\/$/.test(u.pathname)).length;
  const feeds = since.filter((u) => u.search.includes('feed=longpoll')).length;
  // Two runs (A's own save's, asking the database before and after its
  // push, and the pull B's edit started); a feed request after each.
  assert.ok(dbInfo >= 2 && dbInfo <= 4, `A ran twice, not about ${dbInfo / 2} times (${dbInfo} database requests)`);
  assert.ok(feeds >= 2 && feeds <= 3, `the feed was asked ${feeds} times`);
  for (const d of [a, b]) { assertClean(d); await d.context.close(); }
});

test('a change heard on the feed is fetched at once: the document first, the server\'s checks left to the regular runs', async () => {
  const { a, b } = await twoDevices();
  await followOnClients(a);
  await followOnClients(b);
  const before = b.log.requests.length;
  await addClient(a, 'FAST');
  await b.page.getByRole('link', { name: 'History of FAST' }).waitFor({ timeout: SHOWS_WITHIN });
  // What B asked once its feed answered: the changed document itself, not
  // the database, the key document and the checkpoints first (a whole run
  // asks those; it still comes, after, from B's own save of the record).
  const asked = b.log.requests.slice(before).map((u) => new URL(u))
    .filter((u) => u.pathname.startsWith('/couchdb/') && !u.search.includes('feed=longpoll'));
  assert.ok(asked.length > 0, 'B asked the server something');
  assert.equal(asked[0].pathname.replace(/^\/couchdb\/[^/]+\//, ''), '_bulk_get',
    `B's first request after the feed's answer: ${asked.map((u) => u.pathname + u.search).join(', ')}`);
  // And the regular run after it finds the record held: B says synced,
  // with the new client once.
  await syncNow(b);
  assert.equal(await b.page.evaluate(() => attuneStored().clients.filter((c) => c.label === 'FAST').length), 1);
  for (const d of [a, b]) { assertClean(d); await d.context.close(); }
});

/** Hides or shows the page as switching to another app does (no API in headless Chromium). */
function setHidden(page, hidden) {
  return page.evaluate((h) => {
    if (h) {
      Object.defineProperty(document, 'hidden', { value: true, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    } else {
      delete document.hidden;
      delete document.visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a hidden page ends its request quietly, follows nothing, and catches up once shown', async () => {
  const { a, b } = await twoDevices();
  await followOnClients(b);
  const ended = b.page.waitForEvent('requestfailed', { predicate: isFeed, timeout: 10_000 });
  await setHidden(b.page, true);
  const aborted = await ended;
  assert.match(aborted.failure()?.errorText ?? '', /ABORTED/, 'the long-poll was ended by the page');
  const hiddenFrom = b.log.requests.length;
  // The run a change of view starts (as before the live pull) is over
  // before A's edit, and nothing else goes out.
  await until(() => b.out.size === 0, 'B quiet once hidden');

  await addClient(a, 'HID');
  // Wait until the server holds A's client (A's run after its save).
  for (let i = 0; ; i++) {
    const all = await couch.request(`/${env.db}/_all_docs`);
    if (all.json.rows.some((r) => r.id.startsWith('client:'))) break;
    assert.ok(i < 200, 'A pushed its client');
    await new Promise((r) => setTimeout(r, 50));
  }
  const asked = b.log.requests.slice(hiddenFrom).filter((u) => u.includes('feed=longpoll'));
  assert.deepEqual(asked, [], 'no feed request while hidden');
  assert.equal(await b.page.getByRole('link', { name: 'History of HID' }).count(), 0);

  await setHidden(b.page, false);
  await b.page.getByRole('link', { name: 'History of HID' }).waitFor({ timeout: SHOWS_WITHIN });
  await following(b);
  assert.deepEqual(b.failed, [], 'hiding logged no failed request');
  for (const d of [a, b]) { assertClean(d); await d.context.close(); }
});

test('a server that vanishes mid-follow is told as the usual trouble, once, not in a loop of errors', async () => {
  // A server of its own, stopped for good in this test.
  const gone = await startCouch();
  const { server, origin, proxy } = await serve(DIST, 0, { couch: gone });
  const site = { origin, couch: gone, db: gone.db };
  try {
    const a = await newDevice(site);
    await turnOn(a);
    await syncNow(a);
    // The settings screen stays open; the feed is followed.
    await following(a);
    const from = proxy.log.length;
    await gone.stop();
    const trouble = a.page.getByTestId('sync-trouble');
    await trouble.filter({ hasText: /Nothing is lost/ }).waitFor({ timeout: 40_000 });
    // By the time the trouble is told, the feed's failure has started one
    // run and no more (that it then waits, with a growing pause, is the
    // domain's rule, tested in tests/sync_live.rs).
    const told = proxy.log.length - from;
    assert.ok(told <= 4, `${told} requests from the server's going to the trouble told`);
    assert.ok(a.failed.length <= 3, `failed requests logged: ${a.failed.join(', ')}`);
    assertClean(a);
    await a.context.close();
  } finally {
    await new Promise((r) => server.close(r));
    await gone.stop();
  }
});

test('sync turned off in another tab stops this tab\'s feed, and the tab stays responsive', async () => {
  const a = await newDevice();
  await turnOn(a);
  await syncNow(a);
  await followOnClients(a);
  // A second tab of the same device turns sync off; this tab is not told.
  const second = await a.context.newPage();
  await second.goto(env.origin + '/therapist.html#/settings');
  await second.getByRole('button', { name: 'Turn sync off' }).click();
  await second.getByRole('button', { name: 'Turn sync on' }).waitFor();
  // This tab hides and comes back into view: the feed would ask again.
  await setHidden(a.page, true);
  await setHidden(a.page, false);
  // It still answers (a tab stuck in a loop of its own never would) and
  // asks the server nothing more.
  const from = a.log.requests.length;
  await a.page.getByRole('link', { name: 'Data', exact: true }).click();
  await a.page.getByRole('heading', { name: 'Storage on this device' }).waitFor({ timeout: 10_000 });
  const asked = a.log.requests.slice(from).filter((u) => u.includes('/couchdb/'));
  assert.deepEqual(asked, [], 'nothing asked of the server once sync is off');
  assertClean(a);
  await a.context.close();
});
