// A client's transfer from one caseload to another, carried by sync against
// the real CouchDB-compatible server the tests start (pouchdb-server on
// loopback, couch.mjs), with one members-only database per caseload. The
// lead's device, holding both caseloads, moves the client on the client's
// page; its next sync writes the client's records into the new caseload's
// database and closes them in the old one. The new therapist's device then
// shows the client with their whole history; the old therapist's device
// no longer holds them. A device holding one caseload only is refused the
// move, in words, and nothing changes. Each browser context is one device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, assertClean } from './harness.mjs';
import {
  env, couch, useCouchServer, seedClients as seed, nameTherapist, turnOn, syncNow, stored, labels, recordIds,
} from './caseload-steps.mjs';

useCouchServer();

/** The caseload's client labels, as the Clients screen lists them. */
async function caseload(page) {
  await page.goto(env.origin + '/therapist.html#/clients');
  const list = page.getByTestId('caseload');
  await list.waitFor();
  return (await list.locator('.client-label').allTextContents()).sort();
}

/** Opens client `label`'s page from the caseload. */
async function openClient(page, label) {
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByTestId('client-therapist').waitFor();
}

/** Every leaf of `id` in `db`, read as admin (`open_revs=all`). */
async function leaves(db, id) {
  const r = await couch.request(`/${db}/${encodeURIComponent(id)}?open_revs=all`);
  assert.equal(r.status, 200, `${db} ${id}: ${r.text}`);
  return r.json.map((l) => l.ok).filter(Boolean);
}

const X_DOCS = ['client:c-xx', 'episode-end:c-xx-end', 'rating:c-xx-0-o', 'rating:c-xx-0-s', 'rating:c-xx-1-o', 'rating:c-xx-1-s'];

test('a transfer from Ana to Ben made on the lead\'s device shows on Ben\'s device with its whole history and leaves Ana\'s without the client; a device holding one caseload is refused the move', async () => {
  const clinicDb = `clinic${crypto.randomBytes(3).toString('hex')}`;
  const clinic = await couch.caseloads({
    clinicDb,
    therapists: [{ id: 'ana' }, { id: 'ben' }],
    leads: [{ user: 'lead', of: ['ana', 'ben'] }],
  });

  // Ana's laptop: XX (two sessions, an ended episode) and YY (whose one
  // session Ben covered), then her name, then sync.
  const a = await openApp(env);
  await seed(a.page, [
    { id: 'c-xx', label: 'XX', sessions: [[100, 180], [60, 250]], ended: 59 },
    { id: 'c-yy', label: 'YY', sessions: [[30, 200, 'Ben']] },
  ]);
  await nameTherapist(a.page, 'Ana', { message: 'Ana added, with the 2 clients already on this device.' });
  await turnOn(a.page, clinicDb, clinic.users.ana);

  // Ben's laptop: BB.
  const b = await openApp(env);
  await seed(b.page, [{ id: 'c-bb', label: 'BB', sessions: [[20, 220], [10, 260]] }]);
  await nameTherapist(b.page, 'Ben', { message: 'Ben added, with the 1 client already on this device.' });
  await turnOn(b.page, clinicDb, clinic.users.ben);

  // The lead's device holds both caseloads.
  const lead = await openApp(env);
  await nameTherapist(lead.page, 'Ana', { lead: true });
  await nameTherapist(lead.page, 'Ben');
  await turnOn(lead.page, clinicDb, clinic.users.lead);
  assert.deepEqual(await labels(lead.page), ['BB', 'XX', 'YY']);
  const everything = await recordIds(lead.page);
  assert.equal(everything.length, 3 + 10 + 1, 'three clients, ten ratings, one episode end');

  // On Ana's laptop (her caseload only) the move is refused, in words, and
  // nothing changes: not on the device, not on the server.
  await openClient(a.page, 'XX');
  await a.page.getByText("In Ana's caseload.").waitFor();
  await a.page.getByLabel('Transfer to').selectOption('Ben');
  await a.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await a.page.getByRole('alert').filter({ hasText: 'Not moved: this device does not sync both caseloads, so it cannot move the client into Ben\'s caseload on the clinic server.' }).waitFor();
  assert.equal(await a.page.getByTestId('client-therapist-name').textContent(), "In Ana's caseload.");
  assert.equal((await stored(a.page)).clients.find((c) => c.id === 'c-xx').therapist, 'Ana');
  await syncNow(a.page);
  const benIds = async () => (await couch.request(`/${clinic.dbs.ben}/_all_docs`)).json.rows.map((r) => r.id).filter((id) => id !== 'attune:key').sort();
  assert.ok(!(await benIds()).includes('client:c-xx'), 'nothing of XX reached Ben\'s database');

  // The lead moves XX to Ben, as a person does, and syncs.
  await openClient(lead.page, 'XX');
  await lead.page.getByText("In Ana's caseload.").waitFor();
  await lead.page.getByLabel('Transfer to').selectOption('Ben');
  await lead.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await lead.page.getByText("Moved to Ben's caseload. Earlier sessions still say they were Ana's.").waitFor();
  await syncNow(lead.page);

  // On the server: XX's documents live in Ben's database (one leaf each),
  // and in Ana's only as deleted winners with no payload; YY stays hers.
  for (const id of X_DOCS) {
    const inBen = await leaves(clinic.dbs.ben, id);
    assert.equal(inBen.length, 1, `${id}: one leaf in Ben's database`);
    assert.ok(!inBen[0]._deleted && inBen[0].payload, `${id}: open in Ben's database`);
    const inAna = await leaves(clinic.dbs.ana, id);
    assert.ok(inAna.length >= 1 && inAna.every((l) => l._deleted), `${id}: closed in Ana's database`);
    assert.ok(inAna.every((l) => l.payload === undefined), `${id}: the stubs carry nothing`);
  }
  const anaLive = (await couch.request(`/${clinic.dbs.ana}/_all_docs`)).json.rows.map((r) => r.id).filter((id) => id !== 'attune:key').sort();
  assert.deepEqual(anaLive, ['client:c-yy', 'rating:c-yy-0-o', 'rating:c-yy-0-s']);
  assert.ok(!(await couch.scan(clinic.dbs.ben)).join('\n').includes('"XX"'), 'no label in clear on the server');

  // Ben's laptop: XX with the whole history, each session saying who saw it.
  await syncNow(b.page);
  assert.deepEqual(await caseload(b.page), ['BB', 'XX']);
  await openClient(b.page, 'XX');
  await b.page.getByText("In Ben's caseload.").waitFor();
  assert.deepEqual(await b.page.getByTestId('history-table').locator('td.seen-by').allTextContents(), ['Ana', 'Ana']);
  const onB = await stored(b.page);
  assert.equal(onB.ratings.filter((r) => r.client_id === 'c-xx').length, 4);
  assert.equal(onB.episode_ends.filter((e) => e.client_id === 'c-xx').length, 1);

  // Ana's laptop: XX is gone from her caseload; YY stays.
  await syncNow(a.page);
  assert.ok(!(await a.page.getByTestId('sync-status').textContent()).includes('changes here not yet sent'), 'nothing held back');
  assert.deepEqual(await caseload(a.page), ['YY']);
  assert.deepEqual(await labels(a.page), ['YY']);

  // Nothing lost, nothing duplicated: the two laptops hold every record of
  // the lead's device once between them, and the lead still holds XX.
  await syncNow(lead.page);
  assert.deepEqual(await recordIds(lead.page), everything);
  const [onA, onBen] = [await recordIds(a.page), await recordIds(b.page)];
  assert.equal(new Set(onA).size, onA.length);
  assert.equal(new Set(onBen).size, onBen.length);
  assert.deepEqual([...onA, ...onBen].sort(), everything);
  assert.equal((await benIds()).length, 1 + 4 + X_DOCS.length, 'BB\'s, XX\'s, once each');

  for (const d of [a, b, lead]) {
    assertClean(env, d.log);
    await d.context.close();
  }
});
