// The steps the sync-by-caseload browser tests share (caseload-sync,
// transfer-sync, caseload-move, tablet-inbox): the real CouchDB-compatible
// server and the app behind its proxy, a device's records written before
// the app reads them, Settings → Therapists and Settings → Sync done as a
// person does them, and reads of what a device holds. Each step acts by
// roles and labels and waits for the event it needs, never a fixed time.
// Devices are opened with the harness's `openApp`, which records console and
// page errors on every page of the device; each test still checks them.
// Where the files' copies differed, the difference is an explicit option.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { startCouch } from './couch.mjs';
import { DIST, CHROMIUM_ARGS } from './harness.mjs';

/** The clinic passphrase every device of these tests types. */
export const PASSPHRASE = 'otter lantern meadow 42';
/** One day in milliseconds. */
export const DAY = 86400000;
/** `ms` as the app's stored time, to the second. */
export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** `ms` as a stored date. */
export const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);
/** Today's noon (UTC), so that "days ago" lands on whole days whatever the hour. */
export const noon = () => Math.floor(Date.now() / DAY) * DAY + 12 * 3600000;

/**
 * The app's server with its proxy, and the browser (`{ server, origin,
 * proxy, browser }`, as the harness's `openApp` wants it); set once the
 * file's `before` hook has run. A live binding: read it inside tests.
 */
export let env;
/** The CouchDB-compatible server (couch.mjs), started by `useCouchServer`. */
export let couch;

/**
 * Starts the CouchDB-compatible server, the app's server in front of it and
 * the browser before the file's tests, and stops them all after.
 */
export function useCouchServer() {
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
}

/**
 * One ORS and one SRS in session `id` at `at`, the ORS totalling `total`
 * tenths (`therapist`: who held it, when the record says; absent otherwise).
 */
export function session(id, client, at, total, therapist) {
  const each = Math.floor(total / 4);
  const base = { session_id: id, recorded_at: iso(at), session_at: iso(at), client_id: client, scale_version: 1 };
  if (therapist) base.therapist = therapist;
  return [
    { id: `${id}-o`, measure: 'ors', scores: [each, each, each, total - 3 * each], scale_id: 'ors-attune', ...base },
    { id: `${id}-s`, scores: [90, 90, 90, 90], scale_id: 'srs-attune', ...base },
  ];
}

/**
 * Writes `data` (the app's stored records) on the device, then opens the
 * Clients screen afresh and waits until it lists client `label`.
 */
export async function seedRecords(page, data, label) {
  await page.evaluate((t) => localStorage.setItem('attune.data', t), JSON.stringify(data));
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.reload();
  await page.getByTestId('caseload').locator('.client-label', { hasText: label }).waitFor();
}

/**
 * A device's records before it names any therapist (schema version 5):
 * each client of `clients` ({ id, label, sessions: [[daysAgo, total,
 * therapist?]], names?, ended? }), created 120 days ago; session `i` is
 * `<id>-<names[i]>` when `names` is given, `<id>-<i>` otherwise; `ended`:
 * days ago its episode ended. Waits until the Clients screen lists the first.
 */
export async function seedClients(page, clients) {
  const at = noon();
  const ratings = [];
  const ends = [];
  for (const c of clients) {
    c.sessions.forEach(([ago, total, who], i) => ratings.push(...session(`${c.id}-${c.names?.[i] ?? i}`, c.id, at - ago * DAY, total, who)));
    if (c.ended) ends.push({ id: `${c.id}-end`, client_id: c.id, ended_on: ymd(at - c.ended * DAY), reason: 'planned', created_at: iso(at - c.ended * DAY) });
  }
  await seedRecords(page, {
    schema: 'attune', version: 5, last_backup_at: iso(Date.now()), unrated: [],
    clients: clients.map((c) => ({ id: c.id, label: c.label, archived: false, created_at: iso(at - 120 * DAY) })),
    ratings, episode_ends: ends,
  }, clients[0].label);
}

/**
 * Settings → Therapists: names a therapist, as the person does (`lead`:
 * ticks "Clinic lead"), and waits for `message` (text or pattern; by
 * default "<name> added.").
 */
export async function nameTherapist(page, name, { lead = false, message } = {}) {
  await page.goto(env.origin + '/therapist.html#/settings');
  await page.getByLabel("Therapist's name").fill(name);
  if (lead) await page.getByLabel('Clinic lead (their own PIN opens every hand-over on this device)').check();
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByText(message ?? `${name} added.`).waitFor();
}

/** Fills Settings → Sync's form (sync off) as `user`: database, user name, password. */
export async function fillSync(page, clinicDb, user) {
  await page.goto(env.origin + '/therapist.html#/settings');
  await page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await page.getByLabel('Database').fill(clinicDb);
  await page.getByLabel('CouchDB user name').fill(user.name);
  await page.getByLabel('CouchDB password').fill(user.password);
}

/** Settings → Sync: turns sync on as `user`, then waits for the first run to finish with nothing waiting. */
export async function turnOn(page, clinicDb, user) {
  await fillSync(page, clinicDb, user);
  await page.getByLabel('Clinic passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Turn sync on' }).click();
  await synced(page);
}

/** Waits until the sync status says the last run was just now with nothing waiting, and asserts no trouble. */
export async function synced(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=sync-status]')?.textContent ?? '';
    return s.includes('Last synced just now') && s.includes('Everything on this device is synced.');
  }, null, { timeout: 60_000 });
  assert.equal(await page.getByTestId('sync-trouble').textContent(), '', 'no trouble');
}

/**
 * Presses "Sync now" and waits for that run's pull (not the live pull's
 * long-poll) and its end. `statusShown` (default true): first waits for the
 * sync status to be shown on Settings, as most of the tests did; false goes
 * straight to waiting for the last run to be synced, as caseload-move did.
 */
export async function syncNow(page, { statusShown = true } = {}) {
  await page.goto(env.origin + '/therapist.html#/settings');
  if (statusShown) await page.getByTestId('sync-status').waitFor();
  await synced(page);
  const pulled = page.waitForResponse((r) => r.url().includes('/_changes?style=all_docs') && !r.url().includes('feed='));
  await page.getByRole('button', { name: 'Sync now' }).click();
  await pulled;
  await page.waitForFunction(() => !(document.querySelector('[data-testid=sync-status]')?.textContent ?? '').includes('Syncing…'));
  await synced(page);
}

/** What the device holds (the harness's `attuneStored`). */
export const stored = (page) => page.evaluate(() => attuneStored());

/**
 * The labels of the clients the device holds, sorted. `absentIsEmpty`
 * (default false): a device holding no records at all reads as no clients
 * rather than failing on the missing list.
 */
export async function labels(page, { absentIsEmpty = false } = {}) {
  const s = await stored(page);
  const clients = absentIsEmpty ? (s?.clients ?? []) : s.clients;
  return clients.map((c) => c.label).sort();
}

/** Every record id a device holds, `kind:id`, sorted. */
export async function recordIds(page) {
  const s = await stored(page);
  return [
    ...(s.clients ?? []).map((c) => `client:${c.id}`),
    ...(s.ratings ?? []).map((r) => `rating:${r.id}`),
    ...(s.episode_ends ?? []).map((e) => `episode-end:${e.id}`),
  ].sort();
}
