#!/usr/bin/env node
// The sync-by-caseload rows of Attune's benchmark, driven as therapists drive
// it, against pouchdb-server 4.2.0 in memory (tests/browser/couch.mjs) with
// one members-only database per caseload (couch.caseloads), reached through
// the same-origin /couchdb/ proxy, each device its own browser context:
//
//   set-up (not timed): for each of K therapists T1…TK, a device holding N
//       ratings over `clients` clients names its therapist in Settings →
//       Therapists (who takes the clients already there) and turns sync on
//       as that therapist's user: each caseload's database holds N ratings;
//   (a) first sync of one caseload: an empty device names T1 and turns sync
//       on as T1's user: the time from its click on "Turn sync on" to "Last
//       synced just now." + "Everything on this device is synced.", the N
//       ratings stored (counted);
//   (b) a lead's device joining K caseloads: an empty device names T1…TK
//       (T1 a lead) and turns sync on as the lead's user (a member of every
//       caseload): the same words, K × N ratings stored (counted). Each
//       caseload's key is joined (PBKDF2 each) before the runs start.
//
// Standalone: node bench/caseload-rows.mjs [N] [K]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCouch } from '../tests/browser/couch.mjs';
import { serve } from '../tests/browser/server.mjs';
import { envelope, recordsLayout, seedRecordsDb, STORED_RECORDS } from './data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASSPHRASE = 'otter lantern meadow 42';
const VIEWPORT = { width: 1000, height: 900 };

/** A device: a fresh context (its own storage), errors watched. */
async function device(browser, name, seed) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (seed) await seedRecordsDb(context, seed.origin, seed.entries);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: ${m.text()} ${m.location()?.url ?? ''}`);
  });
  return { name, context, page, errors };
}

/** Settings → Therapists: names `name` (a lead or not), as the person does. */
async function nameTherapist(page, origin, name, lead = false) {
  await page.goto(origin + '/therapist.html#/settings');
  await page.getByLabel("Therapist's name").fill(name);
  if (lead) await page.getByLabel('Clinic lead (their own PIN opens every hand-over on this device)').check();
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByText(new RegExp(`^${name} added`)).waitFor();
}

/** Fills the sync form and clicks "Turn sync on"; the click's absolute time. */
async function turnOn(page, origin, db, user) {
  await page.goto(origin + '/therapist.html#/settings');
  await page.getByRole('heading', { name: 'Sync between devices' }).waitFor();
  await page.getByLabel('Database').fill(db);
  await page.getByLabel('CouchDB user name').fill(user.name);
  await page.getByLabel('CouchDB password').fill(user.password);
  await page.getByLabel('Clinic passphrase').fill(PASSPHRASE);
  await page.evaluate(() => {
    addEventListener('click', () => { window.__clickAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
  });
  await page.getByRole('button', { name: 'Turn sync on' }).click();
  return page.evaluate(() => window.__clickAt);
}

/** The absolute time the status says synced with nothing waiting (watched in the page); throws on trouble that stops sync or on the deadline. */
async function syncedAt(page, timeoutMs) {
  const at = await page.evaluate((timeoutMs) => new Promise((resolve) => {
    const check = () => {
      const s = document.querySelector('[data-testid="sync-status"]')?.textContent ?? '';
      if (s.includes('Last synced just now.') && s.includes('Everything on this device is synced.') && !s.includes('Syncing')) {
        obs.disconnect();
        clearInterval(poll);
        resolve(performance.timeOrigin + performance.now());
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const poll = setInterval(check, 50);
    setTimeout(() => resolve(null), timeoutMs);
    check();
  }), timeoutMs);
  if (at === null) {
    const trouble = await page.getByTestId('sync-trouble').textContent().catch(() => '');
    throw new Error(`sync did not end well: ${trouble}`);
  }
  return at;
}

const ratingsStored = async (page) => {
  const held = await page.evaluate(STORED_RECORDS);
  return [...held.idb, ...held.local].filter(([k]) => k.startsWith('attune.r.m.')).length;
};

/**
 * Runs the rows: K caseloads of N ratings over `clients` clients each.
 * Starts and stops its own server. `dist`: the built app.
 */
export async function caseloadRows({ browser, dist, n = 2000, k = 5, clients = 50, log = () => {} }) {
  const couch = await startCouch();
  const devices = [];
  let app;
  try {
    app = await serve(dist, 0, { couch });
    const { origin } = app;
    const ids = Array.from({ length: k }, (_, i) => `t${i + 1}`);
    const clinic = await couch.caseloads({
      clinicDb: 'attune',
      therapists: ids.map((id) => ({ id })),
      leads: [{ user: 'lead', of: ids }],
    });
    // Set-up: each caseload's database filled by its therapist's device.
    for (let i = 0; i < k; i++) {
      // Distinct ids per caseload (a different seed), the same shape.
      const env = envelope(n, { clients, seed: 7 + i });
      const d = await device(browser, `T${i + 1}`, { origin, entries: recordsLayout(env) });
      devices.push(d);
      await d.page.goto(origin + '/therapist.html#/clients');
      await nameTherapist(d.page, origin, `T${i + 1}`);
      await turnOn(d.page, origin, 'attune', clinic.users[ids[i]]);
      await syncedAt(d.page, 15 * 60_000);
      const docs = (await couch.request(`/${clinic.dbs[ids[i]]}`)).json.doc_count;
      log(`caseload T${i + 1}: ${docs} documents on the server`);
      await d.context.close();
    }

    // (a) One caseload's first sync to an empty device.
    const one = await device(browser, 'one');
    devices.push(one);
    await one.page.goto(origin + '/therapist.html#/settings');
    await nameTherapist(one.page, origin, 'T1');
    const oneClick = await turnOn(one.page, origin, 'attune', clinic.users.t1);
    const oneAt = await syncedAt(one.page, 15 * 60_000);
    const oneRatings = await ratingsStored(one.page);
    if (oneRatings !== n) throw new Error(`the T1 device holds ${oneRatings} of ${n} ratings`);
    log(`first sync of one caseload: ${(oneAt - oneClick).toFixed(0)} ms`);

    // (b) A lead's device joining every caseload.
    const lead = await device(browser, 'lead');
    devices.push(lead);
    await lead.page.goto(origin + '/therapist.html#/settings');
    for (let i = 0; i < k; i++) await nameTherapist(lead.page, origin, `T${i + 1}`, i === 0);
    const leadClick = await turnOn(lead.page, origin, 'attune', clinic.users.lead);
    const leadAt = await syncedAt(lead.page, 30 * 60_000);
    const leadRatings = await ratingsStored(lead.page);
    if (leadRatings !== n * k) throw new Error(`the lead's device holds ${leadRatings} of ${n * k} ratings`);
    log(`a lead joining ${k} caseloads: ${(leadAt - leadClick).toFixed(0)} ms`);

    const errors = devices.flatMap((d) => d.errors);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      n, k, clients,
      one: { ms: oneAt - oneClick, ratings: oneRatings },
      lead: { ms: leadAt - leadClick, ratings: leadRatings },
    };
  } finally {
    for (const d of devices) await d.context.close().catch(() => {});
    if (app) await new Promise((r) => app.server.close(r));
    await couch.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const n = Number(process.argv[2] ?? 2000);
  const k = Number(process.argv[3] ?? 5);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const dist = path.resolve(process.env.ATTUNE_DIST ?? path.join(here, '../dist'));
    const r = await caseloadRows({ browser, dist, n, k, log: (m) => console.error(`[caseloads] ${m}`) });
    console.log(JSON.stringify(r, (key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v) : v), 2));
  } finally {
    await browser.close();
  }
}
