// The move of an existing clinic from its one database to one database per
// caseload, against the real CouchDB-compatible server the tests start
// (pouchdb-server on loopback, couch.mjs): a clinic device that names no
// therapist has synced Ana's and Ben's clients and an unassigned rating into
// the clinic database; the lead's device names Ana and Ben, joins their
// caseloads and runs the move from Settings → Sync. Then, read on the server
// as its admin, each caseload database holds exactly its therapist's records
// (each once), the unassigned rating in the lead's home caseload (Ana's, the
// therapist working there), where the sync sends a device's unassigned
// ratings; the clinic database holds nothing open, every record closed
// there; and a fresh device of Ana's shows all of hers.
// A move cut midway (Ben's database unreachable) is run again after a reload
// and finishes with nothing copied twice. Each browser context is one device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, assertClean } from './harness.mjs';
import * as steps from './caseload-steps.mjs';
import { env, couch, useCouchServer, PASSPHRASE, DAY, iso, ymd, noon, session, seedRecords, turnOn, stored } from './caseload-steps.mjs';

useCouchServer();

/** Settings → Therapists: names a therapist, waiting for a line that begins "<name> added". */
const nameTherapist = (page, name, { lead = false } = {}) => steps.nameTherapist(page, name, { lead, message: new RegExp(`^${name} added`) });
/** "Sync now", waiting for the last run to be synced without first waiting for the status to show. */
const syncNow = (page) => steps.syncNow(page, { statusShown: false });
/** The client labels the device holds; none when it holds no records yet. */
const labels = (page) => steps.labels(page, { absentIsEmpty: true });

/**
 * A device, with its console watched: the only console errors allowed are
 * the browser's reports of requests the test's proxy failed on purpose (its
 * log says which); any other console or page error fails the test.
 */
async function newDevice() {
  const d = await openApp(env);
  d.netErrors = [];
  d.otherErrors = [];
  const watch = (p) => p.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (url.includes('/couchdb/') && /Failed to load resource/.test(m.text())) d.netErrors.push(url);
    else d.otherErrors.push(`${m.text()} ${url}`);
  });
  d.context.pages().forEach(watch);
  d.context.on('page', watch);
  return d;
}

function assertDeviceClean(d) {
  assert.deepEqual(d.log.errors.filter((e) => !/Failed to load resource/.test(e)), [], 'page errors');
  assert.deepEqual(d.otherErrors, [], 'console errors');
  const failed = new Set(env.proxy.log.filter((e) => e.action !== 'pass' && e.action !== 'guard').map((e) => e.path));
  const unexplained = d.netErrors.filter((u) => !failed.has(new URL(u).pathname.replace(/^\/couchdb/, '')));
  assert.deepEqual(unexplained, [], 'failed requests the proxy did not fail');
  assertClean(env, { ...d.log, errors: [] });
}

/**
 * The clinic device's records: Ana's client AA and Ben's client BB (their
 * records name their therapist, as a clinic's records may), each with two
 * sessions and an ended episode; and one quick rating of no client.
 */
function clinicData() {
  const at = noon();
  const client = (id, label, therapist) => ({ id, label, archived: false, created_at: iso(at - 120 * DAY), therapist });
  const end = (id) => ({ id: `${id}-end`, client_id: id, ended_on: ymd(at - 59 * DAY), reason: 'planned', created_at: iso(at - 59 * DAY) });
  return {
    schema: 'attune', version: 6, last_backup_at: iso(Date.now()), unrated: [],
    clients: [client('c-aa', 'AA', 'Ana'), client('c-bb', 'BB', 'Ben')],
    ratings: [
      ...session('c-aa-a', 'c-aa', at - 100 * DAY, 180), ...session('c-aa-b', 'c-aa', at - 60 * DAY, 250),
      ...session('c-bb-a', 'c-bb', at - 90 * DAY, 200), ...session('c-bb-b', 'c-bb', at - 61 * DAY, 300),
      { id: 'q-1', recorded_at: iso(at - 5 * DAY), session_at: iso(at - 5 * DAY), scores: [70, 70, 70, 70], scale_id: 'srs-attune', scale_version: 1 },
    ],
    episode_ends: [end('c-aa'), end('c-bb')],
  };
}

const ANAS = ['client:c-aa', 'episode-end:c-aa-end', 'rating:c-aa-a-o', 'rating:c-aa-a-s', 'rating:c-aa-b-o', 'rating:c-aa-b-s'];
const BENS = ['client:c-bb', 'episode-end:c-bb-end', 'rating:c-bb-a-o', 'rating:c-bb-a-s', 'rating:c-bb-b-o', 'rating:c-bb-b-s'];

/** Settings → Sync → the move: confirms with the passphrase, as the lead does. */
async function runMove(page) {
  await page.goto(env.origin + '/therapist.html#/settings');
  const section = page.getByTestId('clinic-move');
  const open = section.getByRole('button', { name: 'Move the clinic database into caseload databases…' });
  if (await open.count()) await open.click();
  await section.getByText('only when every one adds up closes (deletes) the moved records in the clinic database').waitFor();
  await section.getByLabel('Clinic passphrase for the move', { exact: true }).fill(PASSPHRASE);
  await section.getByRole('button', { name: 'Move the records' }).click();
  await page.waitForFunction(() => {
    const said = document.querySelector('[data-testid=move-status]')?.textContent ?? '';
    const trouble = document.querySelector('[data-testid=move-trouble]')?.textContent ?? '';
    return said.startsWith('The move is done') || trouble !== '';
  }, null, { timeout: 60_000 });
  return {
    said: await page.getByTestId('move-status').textContent(),
    trouble: await page.getByTestId('move-trouble').textContent(),
  };
}

/**
 * What database `db` holds, read as the server's admin: the open record
 * documents (id → its revision, its conflicts), and the closed ones.
 */
async function held(db) {
  const all = await couch.request(`/${db}/_all_docs?include_docs=true&conflicts=true`);
  assert.equal(all.status, 200, all.text);
  const open = {};
  for (const r of all.json.rows) {
    if (r.id === 'attune:key') continue;
    open[r.id] = { rev: r.value.rev, conflicts: r.doc._conflicts ?? [] };
  }
  const changes = await couch.request(`/${db}/_changes?style=all_docs&since=0`);
  const closed = changes.json.results.filter((c) => c.deleted).map((c) => c.id).sort();
  return { open, ids: Object.keys(open).sort(), closed };
}

/** A clinic on the server: its database (the clinic device's and the lead's), Ana's and Ben's. */
async function newClinic() {
  const clinicDb = `clinic${crypto.randomBytes(3).toString('hex')}`;
  const clinic = await couch.caseloads({
    clinicDb,
    therapists: [{ id: 'ana' }, { id: 'ben' }],
    leads: [{ user: 'lead', of: ['ana', 'ben'] }],
  });
  await couch.caseloadDb(clinicDb, { members: [couch.user, 'lead'] });
  return { clinicDb, ...clinic };
}

/** The clinic device, naming no therapist, syncs its records into the clinic database. */
async function fillClinic(clinicDb) {
  const d = await newDevice();
  await seedRecords(d.page, clinicData(), 'BB');
  await turnOn(d.page, clinicDb, { name: couch.user, password: couch.password });
  assert.equal(await d.page.getByTestId('sync-caseloads').textContent(), `This device syncs the clinic database ${clinicDb}.`);
  const before = await held(clinicDb);
  assert.deepEqual(before.ids, [...ANAS, ...BENS, 'rating:q-1'].sort());
  return d;
}

/** The lead's device names Ana and Ben and joins both caseloads (empty yet). */
async function leadJoins(clinicDb, users) {
  const lead = await newDevice();
  await nameTherapist(lead.page, 'Ana', { lead: true });
  await nameTherapist(lead.page, 'Ben');
  await turnOn(lead.page, clinicDb, users.lead);
  assert.equal(await lead.page.getByTestId('sync-caseloads').textContent(), 'This device syncs the caseloads of Ana and Ben, each in its own database.');
  assert.deepEqual(await labels(lead.page), [], 'nothing reached the caseloads yet');
  return lead;
}

/** Each database holds exactly its own, each record once; nothing lost. */
async function assertMoved(clinic) {
  const ana = await held(clinic.dbs.ana);
  const ben = await held(clinic.dbs.ben);
  const home = await held(clinic.clinicDb);
  assert.deepEqual(ana.ids, [...ANAS, 'rating:q-1'].sort(), "the unassigned rating in the lead's home caseload");
  assert.deepEqual(ben.ids, BENS);
  assert.deepEqual(home.ids, [], 'nothing stays open in the clinic database');
  assert.deepEqual(home.closed, [...ANAS, ...BENS, 'rating:q-1'].sort(), 'the moved ones are closed there');
  for (const [db, h] of [['Ana', ana], ['Ben', ben]]) {
    for (const [id, { rev, conflicts }] of Object.entries(h.open)) {
      assert.match(rev, /^1-/, `${db}'s ${id} written once`);
      assert.deepEqual(conflicts, [], `${db}'s ${id} has no second copy`);
    }
  }
  assert.equal(ana.ids.length + ben.ids.length + home.ids.length, 13, 'as many records as the clinic held');
}

const DONE = "The move is done: Ana's caseload database holds 7 records, Ben's caseload database holds 6 records, each checked by count and checksum. Every record of the clinic database moved, and each is closed there.";

test("the lead's device moves the clinic database into Ana's and Ben's, nothing lost or duplicated, and Ana's fresh device shows all of hers", async () => {
  const clinic = await newClinic();
  const device = await fillClinic(clinic.clinicDb);
  const lead = await leadJoins(clinic.clinicDb, clinic.users);

  // Cancel leaves everything as it was.
  await lead.page.goto(env.origin + '/therapist.html#/settings');
  await lead.page.getByRole('button', { name: 'Move the clinic database into caseload databases…' }).click();
  await lead.page.getByRole('button', { name: 'Cancel' }).click();
  // The form is closed, no step of a move was said or begun, nothing written.
  await lead.page.getByRole('button', { name: 'Move the clinic database into caseload databases…' }).waitFor();
  assert.equal(await lead.page.getByLabel('Clinic passphrase for the move', { exact: true }).count(), 0);
  assert.equal(await lead.page.getByTestId('move-status').textContent(), '');
  assert.equal(await lead.page.getByTestId('move-trouble').textContent(), '');
  assert.deepEqual((await held(clinic.dbs.ana)).ids, []);

  const { said, trouble } = await runMove(lead.page);
  assert.equal(trouble, '');
  assert.equal(said, DONE);
  await assertMoved(clinic);

  // The lead's device then syncs both caseloads: both clients, every rating.
  await syncNow(lead.page);
  assert.deepEqual(await labels(lead.page), ['AA', 'BB']);
  assert.equal((await stored(lead.page)).ratings.length, 9, "every rating, the unassigned one among them");

  // A fresh device of Ana's joins her caseload and shows all of hers.
  const ana = await newDevice();
  await nameTherapist(ana.page, 'Ana');
  await turnOn(ana.page, clinic.clinicDb, clinic.users.ana);
  await ana.page.goto(env.origin + '/therapist.html#/clients');
  await ana.page.getByTestId('caseload').locator('.client-label', { hasText: 'AA' }).waitFor();
  assert.deepEqual(await labels(ana.page), ['AA']);
  const hers = await stored(ana.page);
  assert.deepEqual(hers.ratings.map((r) => r.id).sort(), ['c-aa-a-o', 'c-aa-a-s', 'c-aa-b-o', 'c-aa-b-s', 'q-1']);
  assert.equal(hers.episode_ends.length, 1);
  await ana.page.getByTestId('caseload').locator('.client-label', { hasText: 'AA' }).click();
  await ana.page.getByTestId('client-therapist-name').filter({ hasText: "In Ana's caseload." }).waitFor();

  for (const d of [device, lead, ana]) {
    assertDeviceClean(d);
    await d.context.close();
  }
});

test('a move cut midway (a caseload database unreachable) is run again after a reload and finishes with nothing copied twice', async () => {
  env.proxy.restore();
  env.proxy.log.length = 0;
  const clinic = await newClinic();
  const device = await fillClinic(clinic.clinicDb);
  await device.context.close();
  const lead = await leadJoins(clinic.clinicDb, clinic.users);

  // Ben's database stops answering writes: Ana's copies are made, Ben's not.
  env.proxy.cutAfter(0, 'drop', (e) => e.method === 'POST' && e.path === `/${clinic.dbs.ben}/_bulk_docs`);
  const cut = await runMove(lead.page);
  assert.equal(cut.trouble, 'The clinic server cannot be reached right now (no connection, or the address is wrong). Nothing is lost: everything stays on this device and syncs when it can be reached. '
    + "The move stopped here, with nothing closed that is not already in its caseload's database: run it again once this is set right; it goes on from where it stopped.");
  assert.doesNotMatch(cut.said, /done/);
  assert.deepEqual((await held(clinic.dbs.ana)).ids, [...ANAS, 'rating:q-1'].sort());
  assert.deepEqual((await held(clinic.dbs.ben)).ids, []);
  const home = await held(clinic.clinicDb);
  assert.equal(home.ids.length, 13, 'nothing closed in the clinic database');
  assert.deepEqual(home.closed, []);

  // The server is back; the tab is loaded afresh: the move says it is not
  // finished, and run again it finishes.
  env.proxy.restore();
  await lead.page.reload();
  await lead.page.goto(env.origin + '/therapist.html#/settings');
  await lead.page.getByText('A move began on this device and is not finished: run it again to finish it.').waitFor();
  const again = await runMove(lead.page);
  assert.equal(again.trouble, '');
  assert.equal(again.said, DONE);
  await assertMoved(clinic);
  // Once done, nothing of it is left under way.
  await lead.page.reload();
  await lead.page.getByTestId('clinic-move').getByRole('button', { name: 'Move the clinic database into caseload databases…' }).waitFor();
  assert.equal(await lead.page.getByText('A move began on this device').count(), 0);

  assertDeviceClean(lead);
  await lead.context.close();
});
