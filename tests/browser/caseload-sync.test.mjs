// Sync by caseload against the real CouchDB-compatible server the tests start
// (pouchdb-server on loopback, couch.mjs): one members-only database per
// therapist's caseload. A device that names a therapist in Settings →
// Therapists syncs that caseload's database only; a clinic lead's device,
// naming several, holds them all. Each browser context is one device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, assertClean } from './harness.mjs';
import {
  env, couch, useCouchServer, seedClients, nameTherapist, turnOn, syncNow, stored, labels,
} from './caseload-steps.mjs';

useCouchServer();

/** A device's records before it names any therapist: one client, one ended episode of two sessions. */
const seedOneClient = (page, id, label) => seedClients(page, [{ id, label, sessions: [[100, 180], [60, 250]], names: ['a', 'b'], ended: 59 }]);

/** The outcomes report's count of episodes for the clients chosen (`whose`: a picker's label). */
async function reportEpisodes(page, whose) {
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('link', { name: 'Outcomes report' }).click();
  await page.getByRole('heading', { name: 'Outcomes report' }).waitFor();
  await page.getByLabel('Whose clients').selectOption({ label: whose });
  const cell = page.getByTestId('figure-episodes-all');
  return (await cell.textContent()).trim();
}

/** Every /couchdb/ path a device asked for. */
const couchPaths = (log) => log.requests.map((u) => new URL(u)).filter((u) => u.pathname.startsWith('/couchdb/')).map((u) => u.pathname);

test('each therapist\'s device syncs only their caseload and the server refuses them another\'s; the lead\'s device holds both and its report covers both', async () => {
  const clinicDb = `clinic${crypto.randomBytes(3).toString('hex')}`;
  const clinic = await couch.caseloads({
    clinicDb,
    therapists: [{ id: 'ana' }, { id: 'ben' }],
    leads: [{ user: 'lead', of: ['ana', 'ben'] }],
  });

  // Ana's laptop: her client, then her name, then sync.
  const a = await openApp(env);
  await seedOneClient(a.page, 'c-aa', 'AA');
  await nameTherapist(a.page, 'Ana', { message: 'Ana added, with the 1 client already on this device.' });
  await turnOn(a.page, clinicDb, clinic.users.ana);
  assert.equal(await a.page.getByTestId('sync-caseloads').textContent(), "This device syncs Ana's caseload, in its own database.");

  // Ben's laptop, the same way.
  const b = await openApp(env);
  await seedOneClient(b.page, 'c-bb', 'BB');
  await nameTherapist(b.page, 'Ben', { message: 'Ben added, with the 1 client already on this device.' });
  await turnOn(b.page, clinicDb, clinic.users.ben);

  // Each caseload's database holds its own records only, sealed.
  const docIds = async (db) => (await couch.request(`/${db}/_all_docs`)).json.rows.map((r) => r.id).filter((id) => id !== 'attune:key').sort();
  assert.deepEqual(await docIds(clinic.dbs.ana), ['client:c-aa', 'episode-end:c-aa-end', 'rating:c-aa-a-o', 'rating:c-aa-a-s', 'rating:c-aa-b-o', 'rating:c-aa-b-s']);
  assert.deepEqual((await docIds(clinic.dbs.ben)).filter((id) => id.startsWith('client:')), ['client:c-bb']);
  const leak = (await couch.scan(clinic.dbs.ana)).join('\n');
  assert.ok(!leak.includes('"AA"'), 'no label in clear on the server');

  // The lead's device names both (a lead first) and joins both caseloads.
  const lead = await openApp(env);
  // A name too long to spell as a caseload id is refused in words, nothing stored.
  const long = 'Παναγιώτα Κωνσταντίνου';
  await lead.page.goto(env.origin + '/therapist.html#/settings');
  await lead.page.getByLabel("Therapist's name").fill(long);
  await lead.page.getByRole('button', { name: 'Add therapist' }).click();
  await lead.page.getByRole('alert').filter({ hasText: `“${long}” is too long to name a caseload on the clinic server` }).waitFor();
  assert.equal(await lead.page.evaluate(() => localStorage.getItem('attune.therapists')), null);
  await nameTherapist(lead.page, 'Ana', { lead: true });
  await nameTherapist(lead.page, 'Ben');
  await turnOn(lead.page, clinicDb, clinic.users.lead);
  assert.equal(await lead.page.getByTestId('sync-caseloads').textContent(), 'This device syncs the caseloads of Ana and Ben, each in its own database.');
  assert.deepEqual(await labels(lead.page), ['AA', 'BB']);
  assert.equal((await stored(lead.page)).ratings.length, 8);
  // Its outcomes report for all therapists reads both clients' episodes.
  assert.equal(await reportEpisodes(lead.page, 'All therapists'), '2');

  // Ana's laptop syncs again: Ben's records never reach it.
  await syncNow(a.page);
  assert.deepEqual(await labels(a.page), ['AA']);
  assert.ok((await stored(a.page)).ratings.every((r) => r.client_id === 'c-aa'), 'only her clients\' ratings');
  const asked = couchPaths(a.log);
  assert.ok(asked.some((p) => p.startsWith(`/couchdb/${clinic.dbs.ana}/`)), 'Ana\'s device synced her caseload');
  assert.deepEqual(asked.filter((p) => p.startsWith(`/couchdb/${clinicDb}`) && !p.startsWith(`/couchdb/${clinic.dbs.ana}/`)), [],
    'nor Ben\'s database nor the clinic\'s was ever asked');

  // Asked directly for Ben's caseload, the server refuses Ana's user; the lead's it answers.
  for (const p of [`/${clinic.dbs.ben}/`, `/${clinic.dbs.ben}/_all_docs`, `/${clinic.dbs.ben}/_changes?since=0`, `/${clinic.dbs.ben}/client:c-bb`]) {
    const refused = await couch.request(p, { auth: clinic.users.ana.auth });
    assert.ok([401, 403].includes(refused.status), `${p} refused to Ana (${refused.status})`);
  }
  assert.equal((await couch.request(`/${clinic.dbs.ben}/_all_docs`, { auth: clinic.users.lead.auth })).status, 200);

  for (const d of [a, b, lead]) {
    assertClean(env, d.log);
    await d.context.close();
  }
});
