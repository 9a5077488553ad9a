// Sync by caseload relies on the server, not the app, to keep one
// therapist's caseload from another: each caseload is its own database whose
// `_security` admits only its therapist's user and the leads given it. This
// test needs no browser: it sets a clinic up with couch.mjs's caseloads() on
// the real pouchdb-server and asks, through the test server's /couchdb/ proxy
// (the path the app uses), as each user, with basic auth and with a session
// cookie, what it may read and write.
//
// What pouchdb-server 4.2.0 answers a signed-in user who is not a member:
// 401 `unauthorized` ("You are not authorized to access this db."); Apache
// CouchDB 3 answers 403 `forbidden`. Both are a refusal; the app treats them
// alike (COUCH.md). The test accepts either and names the one it saw.
//
// Run: node --test --test-reporter=spec tests/browser/caseload-server.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './server.mjs';
import { startCouch, caseloadDbName } from './couch.mjs';

let couch, root, server, origin, clinic;
const REFUSED = [401, 403];

before(async () => {
  couch = await startCouch();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-caseload-root-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  ({ server, origin } = await serve(root, 0, { couch }));
  clinic = await couch.caseloads({
    therapists: [{ id: 't-ana' }, { id: 'Ben.K' }],
    leads: [{ user: 'lead', of: ['t-ana', 'Ben.K'] }],
    tablets: [{ user: 'tablet' }],
    inbox: true,
  });
  // One client in each caseload, written by its own therapist.
  for (const [who, id] of [['t-ana', 'client:c-2'], ['Ben.K', 'client:c-1']]) {
    const put = await as(who, `/${clinic.dbs[who]}/${id}`, { json: { type: 'client', payload: `ciphertext of ${who}` } });
    assert.equal(put.status, 201, put.text);
  }
});

after(async () => {
  if (server) await new Promise((r) => server.close(r));
  await couch?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A request through the proxy as `who` (a clinic user name, or a header object). */
async function as(who, p, { json, method = json === undefined ? 'GET' : 'PUT', headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (typeof who === 'string') h.authorization = clinic.users[who].auth;
  if (json !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${origin}/couchdb${p}`, {
    method, headers: h, body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json: body, text, headers: res.headers };
}

/**
 * Every request on database `db` as `who` that the server refuses a
 * non-member outright (the status of each): what a device's sync sends
 * (info, _changes, _revs_diff, documents, _local checkpoints) and more.
 */
async function everyRequest(who, db) {
  const d = `/${encodeURIComponent(db)}`;
  const post = (json) => ({ method: 'POST', json });
  const tries = {
    info: [d],
    allDocs: [`${d}/_all_docs?include_docs=true`],
    allDocsKeys: [`${d}/_all_docs`, post({ keys: ['client:c-1'] })],
    changes: [`${d}/_changes?since=0&include_docs=true`],
    changesPost: [`${d}/_changes`, post({})],
    doc: [`${d}/client:c-1`],
    openRevs: [`${d}/client:c-1?open_revs=all&revs=true`],
    revsDiff: [`${d}/_revs_diff`, post({ 'client:c-1': ['1-a'] })],
    write: [`${d}/rating:from-${who}`, { json: { type: 'rating', payload: 'x' } }],
    remove: [`${d}/client:c-1`, { method: 'DELETE' }],
    design: [`${d}/_design/steal`, { json: { views: {} } }],
    local: [`${d}/_local/cp-${who}`],
    localWrite: [`${d}/_local/cp-${who}`, { json: { last_seq: 0 } }],
    security: [`${d}/_security`, { json: { members: { names: [who], roles: [] } } }],
    compact: [`${d}/_compact`, post({})],
    replicate: ['/_replicate', post({ source: db, target: `stolen-${who}` })],
  };
  const seen = {};
  for (const [name, [p, init]] of Object.entries(tries)) seen[name] = (await as(who, p, init)).status;
  return seen;
}

function allRefused(seen) {
  return Object.entries(seen).filter(([, s]) => !REFUSED.includes(s));
}

test('each caseload database is named as the app names it and admits only its members', async () => {
  // The same spelling as src/domain/sync/caseloads.rs's tests.
  assert.equal(caseloadDbName('attune', 't-ana'), 'attune-c-t-ana');
  assert.equal(caseloadDbName('attune', 'Ana.B_1'), 'attune-c-_41na_2e_42_5f1');
  assert.deepEqual(clinic.dbs, { 't-ana': 'attune-c-t-ana', 'Ben.K': 'attune-c-_42en_2e_4b' });
  assert.equal(clinic.inbox, 'attune-inbox');
  for (const [id, members] of [['t-ana', ['t-ana', 'lead']], ['Ben.K', ['Ben.K', 'lead']]]) {
    const sec = await couch.request(`/${encodeURIComponent(clinic.dbs[id])}/_security`);
    assert.equal(sec.status, 200);
    assert.deepEqual(sec.json.members.names, members);
  }
  const inbox = await couch.request('/attune-inbox/_security');
  assert.deepEqual(inbox.json.members.names.sort(), ['Ben.K', 'lead', 't-ana', 'tablet']);
  // The shared database keeps its own member (the device user) only.
  const shared = await couch.request(`/${couch.db}/_security`);
  assert.deepEqual(shared.json.members.names, [couch.user]);
});

test("therapist A's user is refused every read and write of B's database; A's own works", async () => {
  const ana = clinic.dbs['t-ana'];
  const ben = clinic.dbs['Ben.K'];
  const refused = await everyRequest('t-ana', ben);
  assert.deepEqual(allRefused(refused), [], `every request refused: ${JSON.stringify(refused)}`);
  const seen = await as('t-ana', `/${ben}/client:c-1`);
  assert.ok(REFUSED.includes(seen.status));
  assert.equal(seen.json.error, seen.status === 401 ? 'unauthorized' : 'forbidden');
  assert.doesNotMatch(seen.text, /ciphertext/);
  // _bulk_docs answers 201 with each document refused, and writes nothing.
  const bulk = await as('t-ana', `/${ben}/_bulk_docs`, {
    method: 'POST', json: { new_edits: false, docs: [{ _id: 'rating:x', _rev: '1-abc', payload: 'x' }] },
  });
  assert.equal(bulk.status, 201);
  assert.deepEqual(bulk.json, [{ id: 'rating:x', error: 'unauthorized', reason: 'You are not authorized to access this db.' }]);
  // What this server said, for the record (CouchDB 3 would say 403 forbidden).
  console.log(`[caseloads] A reading B's database: ${seen.status} ${JSON.stringify(seen.json)}`);

  // And the other way round.
  assert.deepEqual(allRefused(await everyRequest('Ben.K', ana)), []);

  // Ana's own database: read and write.
  assert.equal((await as('t-ana', `/${ana}`)).status, 200);
  assert.equal((await as('t-ana', `/${ana}/rating:r-2`, { json: { type: 'rating', payload: 'a' } })).status, 201);
  const own = await as('t-ana', `/${ana}/_changes?since=0&include_docs=true`);
  assert.equal(own.status, 200);
  assert.match(own.text, /ciphertext of t-ana/);

  // Nothing Ana tried reached Ben's database.
  const bens = await couch.request(`/${ben}/_all_docs`);
  assert.deepEqual(bens.json.rows.map((r) => r.id), ['client:c-1']);
});

test('pouchdb-server leaves _bulk_get and _find open to a non-member (CouchDB 3 refuses them): recorded, not relied on', async () => {
  // A gap of the test server, pinned so that it is seen (and this test fails
  // the day it closes): express-pouchdb's security layer does not guard these
  // two routes. Apache CouchDB 3 checks membership on every database route.
  // The design does not rest on it: B's documents are ciphertext under B's
  // key, which A's devices never hold; the app asks _changes first, refused.
  const ben = clinic.dbs['Ben.K'];
  const bulkGet = await as('t-ana', `/${ben}/_bulk_get?revs=true`, { method: 'POST', json: { docs: [{ id: 'client:c-1' }] } });
  const find = await as('t-ana', `/${ben}/_find`, { method: 'POST', json: { selector: {} } });
  console.log(`[caseloads] pouchdb-server gap: non-member _bulk_get ${bulkGet.status}, _find ${find.status}`);
  assert.equal(bulkGet.status, 200);
  assert.match(bulkGet.text, /ciphertext of Ben\.K/);
  assert.equal(find.status, 200);
});

test('the lead reads and writes both caseloads; the tablet neither, only the inbox', async () => {
  const ana = clinic.dbs['t-ana'];
  const ben = clinic.dbs['Ben.K'];
  for (const db of [ana, ben]) {
    const info = await as('lead', `/${db}`);
    assert.equal(info.status, 200);
    assert.equal(info.json.db_name, db);
    const changes = await as('lead', `/${db}/_changes?since=0&include_docs=true`);
    assert.equal(changes.status, 200);
    assert.ok(changes.json.results.length >= 1, `the lead sees ${db}'s documents`);
    assert.equal((await as('lead', `/${db}/rating:by-lead`, { json: { type: 'rating', payload: 'l' } })).status, 201);
  }
  console.log(`[caseloads] lead reading both databases: 200, 200`);
  // Neither may change who else is a member.
  assert.ok(REFUSED.includes((await as('lead', `/${ana}/_security`, { json: { members: { names: ['lead', 'x'] } } })).status));

  assert.deepEqual(allRefused(await everyRequest('tablet', ana)), []);
  assert.deepEqual(allRefused(await everyRequest('tablet', ben)), []);
  const sealed = await as('tablet', '/attune-inbox/inbox:t-ana:rating:r-9', {
    json: { type: 'sealed', to: 't-ana', payload: { v: 1 } },
  });
  assert.equal(sealed.status, 201);
  // Ana's device takes it from the inbox.
  assert.equal((await as('t-ana', '/attune-inbox/inbox:t-ana:rating:r-9')).status, 200);
});

test('a session cookie is refused the same way as basic auth', async () => {
  const { name, password } = clinic.users['t-ana'];
  const login = await fetch(`${origin}/couchdb/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^AuthSession=/);
  const own = await as({}, `/${clinic.dbs['t-ana']}/_changes?since=0`, { headers: { cookie } });
  assert.equal(own.status, 200);
  const other = await as({}, `/${clinic.dbs['Ben.K']}/_changes?since=0`, { headers: { cookie } });
  assert.ok(REFUSED.includes(other.status), `cookie on B's database: ${other.status}`);
});

test('a lead is added to a caseload by its _security alone, and removed the same way', async () => {
  const ben = clinic.dbs['Ben.K'];
  await couch.addUser('lead2', 'lead2-password', { member: false });
  clinic.users.lead2 = { name: 'lead2', auth: 'Basic ' + Buffer.from('lead2:lead2-password').toString('base64') };
  assert.ok(REFUSED.includes((await as('lead2', `/${ben}`)).status));
  await couch.setMembers(ben, ['Ben.K', 'lead', 'lead2']);
  assert.equal((await as('lead2', `/${ben}`)).status, 200);
  await couch.setMembers(ben, ['Ben.K', 'lead']);
  assert.ok(REFUSED.includes((await as('lead2', `/${ben}`)).status));
  assert.ok(couch.alive(), 'pouchdb-server still running');
});
