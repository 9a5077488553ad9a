// The sync tests' CouchDB (pouchdb-server 4.2.0, couch.mjs) and the test
// server's /couchdb/ proxy (server.mjs), exercised over HTTP the way the app
// will speak to them: through the proxy, as the device user. These pin down
// what the server really answers (COUCH.md lists the differences from
// CouchDB 3) and that the proxy's faults behave as the sync tests need.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { startCouch, basicAuth, localIdsFromLog } from './couch.mjs';
import { CHROMIUM_ARGS } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let couch, root, server, origin, proxy;

before(async () => {
  couch = await startCouch();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-couch-root-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title><p>app</p>');
  ({ server, origin, proxy } = await serve(root, 0, { couch }));
});

after(async () => {
  await new Promise((r) => server.close(r));
  await couch.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  proxy.restore();
  proxy.log = [];
});

/**
 * fetch through the proxy. `auth`: the device user's basic auth by default,
 * null for none, or a header value. `json` is sent as a JSON body.
 */
async function api(p, { auth, json, headers = {}, ...init } = {}) {
  const h = { accept: 'application/json', ...headers };
  const a = auth === undefined ? couch.userAuth : auth;
  if (a) h.authorization = a;
  if (json !== undefined) {
    h['content-type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  const res = await fetch(`${origin}/couchdb${p}`, { ...init, headers: h });
  const text = await res.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json: body };
}

/** Writes `docs` with new_edits:false (replication's write) and checks the answer. */
async function replicate(db, docs) {
  const r = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { new_edits: false, docs } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, [], 'new_edits:false answers an empty list when every doc is stored');
}

test('the app origin serves its files and forwards only /couchdb/ to the server', async () => {
  const page = await fetch(origin + '/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>app<\/title>/);
  const welcome = await api('/', { auth: null });
  assert.equal(welcome.status, 200);
  assert.equal(welcome.json.version, '4.2.0');
  assert.deepEqual(proxy.log.map((e) => [e.method, e.path, e.action, e.status]), [['GET', '/', 'pass', 200]],
    'only the /couchdb/ request went through the proxy');
});

test('the database refuses anyone but its member; admin party is over', async () => {
  const anon = await api(`/${couch.db}`, { auth: null });
  assert.equal(anon.status, 401);
  assert.deepEqual(anon.json, { error: 'unauthorized', reason: 'You are not authorized to access this db.' });
  assert.equal((await api(`/${couch.db}/_changes?since=0`, { auth: null })).status, 401);
  assert.equal((await api(`/${couch.db}/x`, { method: 'PUT', auth: null, json: { a: 1 } })).status, 401);
  assert.equal((await api(`/${couch.db}/_all_docs`, { auth: null })).status, 401);

  const wrong = await api(`/${couch.db}`, { auth: basicAuth(couch.user, 'not-the-password') });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.reason, 'Name or password is incorrect.');

  // A real user who is not a member: CouchDB 3 says 403, pouchdb-server 401.
  await couch.addUser('stranger', 'stranger-pw', { member: false });
  const stranger = await api(`/${couch.db}`, { auth: basicAuth('stranger', 'stranger-pw') });
  assert.equal(stranger.status, 401);
  assert.equal(stranger.json.error, 'unauthorized');

  // The member reads and writes.
  const info = await api(`/${couch.db}`);
  assert.equal(info.status, 200);
  assert.equal(info.json.db_name, couch.db);
  const put = await api(`/${couch.db}/member-doc`, { method: 'PUT', json: { a: 1 } });
  assert.equal(put.status, 201);
  assert.match(put.json.rev, /^1-[0-9a-f]{32}$/);

  // No one may make themselves admin, read _users, or change _security.
  assert.equal((await api('/_config/admins/intruder', { method: 'PUT', auth: null, json: 'pw' })).status, 401);
  assert.equal((await api(`/${couch.db}/_security`, { method: 'PUT', json: {} })).status, 401);
  assert.equal((await api('/_all_dbs', { auth: null })).status, 200, 'listing databases is open, as in CouchDB 1');
  // Creating a database as a non-admin crashes pouchdb-server; the proxy answers for it.
  const create = await api('/another-db', { method: 'PUT' });
  assert.equal(create.status, 401);
  assert.equal(proxy.log.at(-1).action, 'guard');
  assert.ok(couch.alive(), 'pouchdb-server still running');
});

test('POST /couchdb/_session gives an AuthSession cookie scoped to /couchdb/ that then works alone', async () => {
  const bad = await api('/_session', { method: 'POST', auth: null, json: { name: couch.user, password: 'wrong' } });
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get('set-cookie'), null);

  const s = await api('/_session', { method: 'POST', auth: null, json: { name: couch.user, password: couch.password } });
  assert.equal(s.status, 200);
  assert.deepEqual(s.json, { ok: true, name: couch.user, roles: [] });
  const setCookie = s.headers.get('set-cookie');
  assert.match(setCookie, /^AuthSession=[A-Za-z0-9_-]+; Path=\/couchdb\/; HttpOnly$/);
  const cookie = setCookie.split(';')[0];

  const db = await api(`/${couch.db}`, { auth: null, headers: { cookie } });
  assert.equal(db.status, 200);
  assert.equal(db.json.db_name, couch.db);
  // Every cookie-authenticated answer renews the cookie, under the same Path.
  assert.match(db.headers.get('set-cookie'), /^AuthSession=[^;]+; Path=\/couchdb\/; HttpOnly$/);
  const who = await api('/_session', { auth: null, headers: { cookie } });
  assert.equal(who.json.userCtx.name, couch.user);
  assert.equal(who.json.info.authenticated, 'cookie');

  const forged = await api(`/${couch.db}`, { auth: null, headers: { cookie: 'AuthSession=ZGV2aWNlOjAwMDAwMDAwOgAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
  assert.equal(forged.status, 401);
});

test('an expired session cookie is refused with 401 and no new cookie; signing in again works', async () => {
  // The expiry is the server's own clock (pouchdb-server, another process), so
  // real time must pass; rather than sleep a guessed while, the old cookie is
  // tried until it is refused, and when that happens is checked against the
  // configured timeout. pouchdb-auth stamps a cookie with round(now / 1 s) and
  // accepts it while round(now / 1 s) < stamp + timeout: with 2 s, a cookie
  // issued at T is refused from some moment in [T + 1 s, T + 2 s].
  await couch.setSessionTimeout(2);
  try {
    const t0 = Date.now();
    const s = await api('/_session', { method: 'POST', auth: null, json: { name: couch.user, password: couch.password } });
    const t1 = Date.now();
    const cookie = s.headers.get('set-cookie').split(';')[0];
    assert.equal((await api(`/${couch.db}`, { auth: null, headers: { cookie } })).status, 200);
    const late = await until(async () => {
      const r = await api(`/${couch.db}`, { auth: null, headers: { cookie } });
      return r.status === 200 ? null : r;
    }, 5000, 'the cookie to expire');
    const refusedAt = Date.now();
    assert.ok(refusedAt - t0 >= 1000, `refused ${refusedAt - t0} ms after signing in: before the 2 s timeout could end it`);
    assert.ok(refusedAt - t1 <= 2000 + 500, `still accepted ${refusedAt - t1} ms after signing in`);
    assert.deepEqual([late.status, late.json.error, late.headers.get('set-cookie')], [401, 'unauthorized', null]);
    const who = await api('/_session', { auth: null, headers: { cookie } });
    assert.deepEqual([who.status, who.json.userCtx.name], [200, null], '_session answers 200 with no user');
    const again = await api('/_session', { method: 'POST', auth: null, json: { name: couch.user, password: couch.password } });
    assert.equal(again.status, 200);
    const fresh = again.headers.get('set-cookie').split(';')[0];
    assert.equal((await api(`/${couch.db}`, { auth: null, headers: { cookie: fresh } })).status, 200);
  } finally {
    await couch.setSessionTimeout(null);
  }
});

test('in Chromium, the session cookie from /couchdb/_session is sent back to /couchdb/ (same origin)', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin + '/');
    const out = await page.evaluate(async ({ db, name, password }) => {
      const before = (await fetch(`/couchdb/${db}`)).status;
      const login = await fetch('/couchdb/_session', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }),
      });
      const after = await fetch(`/couchdb/${db}`);
      return { before, login: login.status, after: after.status, dbName: (await after.json()).db_name, visible: document.cookie };
    }, { db: couch.db, name: couch.user, password: couch.password });
    assert.deepEqual(out, { before: 401, login: 200, after: 200, dbName: couch.db, visible: '' });
    assert.deepEqual(await context.cookies(origin + '/'), [], 'the app\'s own pages never get the cookie');
    const cookies = await context.cookies(origin + '/couchdb/attune/_changes');
    assert.deepEqual(cookies.map((c) => [c.name, c.path, c.httpOnly]), [['AuthSession', '/couchdb/', true]]);
  } finally {
    await browser.close();
  }
});

test('_changes with style=all_docs pages by since/limit; seqs are integers; deletions are listed', async () => {
  const db = await couch.newDb();
  const docs = Array.from({ length: 5 }, (_, i) => ({ _id: `rating:${i}`, type: 'rating', ct: 'x'.repeat(20) }));
  const w = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { docs } });
  assert.equal(w.status, 201);
  const del = await api(`/${db}/rating:1?rev=${w.json[1].rev}`, { method: 'DELETE' });
  assert.equal(del.status, 200);

  const seen = [];
  let since = 0;
  let pages = 0;
  for (;;) {
    const r = await api(`/${db}/_changes?style=all_docs&since=${encodeURIComponent(JSON.stringify(since))}&limit=2`);
    assert.equal(r.status, 200);
    pages++;
    if (r.json.results.length === 0) {
      assert.equal(r.json.last_seq, since, 'an empty page repeats the since it was given');
      break;
    }
    assert.ok(r.json.results.length <= 2);
    for (const c of r.json.results) {
      assert.equal(typeof c.seq, 'number', 'pouchdb-server seqs are integers (CouchDB 3: opaque strings)');
      assert.ok(Array.isArray(c.changes) && c.changes.length >= 1 && /^\d+-/.test(c.changes[0].rev));
      seen.push(c);
    }
    assert.equal(r.json.last_seq, r.json.results.at(-1).seq);
    since = r.json.last_seq;
  }
  assert.equal(pages, 4);
  assert.deepEqual(seen.map((c) => c.id).sort(), docs.map((d) => d._id).sort(), 'every doc once');
  const gone = seen.find((c) => c.id === 'rating:1');
  assert.equal(gone.deleted, true);
  assert.match(gone.changes[0].rev, /^2-/);
  assert.deepEqual(seen.map((c) => c.seq), [...seen.map((c) => c.seq)].sort((a, b) => a - b), 'seq order');
  // Pass a seq back as it came, unquoted (since=4): a JSON-quoted since
  // ("4") is taken as inclusive and repeats the change at that seq.
  const plain = await api(`/${db}/_changes?style=all_docs&since=${seen[2].seq}`);
  assert.deepEqual(plain.json.results.map((c) => c.id), seen.slice(3).map((c) => c.id));
  const quoted = await api(`/${db}/_changes?style=all_docs&since=%22${seen[2].seq}%22`);
  assert.deepEqual(quoted.json.results.map((c) => c.id), seen.slice(2).map((c) => c.id));
});

test('_revs_diff lists what the server lacks and omits what it has', async () => {
  const db = await couch.newDb();
  const put = await api(`/${db}/a`, { method: 'PUT', json: { v: 1 } });
  const have = put.json.rev;
  const r = await api(`/${db}/_revs_diff`, { method: 'POST', json: { a: [have, '2-0123456789abcdef0123456789abcdef'], b: ['1-ffff'], c: [] } });
  assert.equal(r.status, 200);
  // No possible_ancestors (CouchDB 3 would add "possible_ancestors": [have] to a),
  // and an empty list still gets an entry.
  assert.deepEqual(r.json, { a: { missing: ['2-0123456789abcdef0123456789abcdef'] }, b: { missing: ['1-ffff'] }, c: { missing: [] } });
  const none = await api(`/${db}/_revs_diff`, { method: 'POST', json: { a: [have] } });
  assert.deepEqual(none.json, {});
});

test('_bulk_get?revs=true and GET open_revs both return revisions with their history', async () => {
  const db = await couch.newDb();
  await replicate(db, [
    { _id: 'r', _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] }, v: 1 },
    { _id: 'r', _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] }, v: 2 },
  ]);
  const bg = await api(`/${db}/_bulk_get?revs=true`, { method: 'POST', json: { docs: [
    { id: 'r', rev: '2-bbb' }, { id: 'r', rev: '9-nope' }, { id: 'nobody', rev: '1-x' },
  ] } });
  assert.equal(bg.status, 200);
  assert.deepEqual(bg.json.results[0], { id: 'r', docs: [{ ok: { _id: 'r', _rev: '2-bbb', v: 2, _revisions: { start: 2, ids: ['bbb', 'aaa'] } } }] });
  // A missing revision: {"missing": rev}, not CouchDB 3's {"error": {...}}.
  assert.deepEqual(bg.json.results[1], { id: 'r', docs: [{ missing: '9-nope' }] });
  assert.deepEqual(bg.json.results[2], { id: 'nobody', docs: [{ missing: '1-x' }] });

  const or = await api(`/${db}/r?open_revs=${encodeURIComponent(JSON.stringify(['2-bbb', '9-nope']))}&revs=true`);
  assert.equal(or.status, 200);
  assert.deepEqual(or.json, [
    { ok: { _id: 'r', _rev: '2-bbb', v: 2, _revisions: { start: 2, ids: ['bbb', 'aaa'] } } },
    { missing: '9-nope' },
  ]);
  // Asking for multipart (as CouchDB's replicator does) still gets JSON, typed text/plain.
  const mp = await api(`/${db}/r?open_revs=all&revs=true`, { headers: { accept: 'multipart/mixed' } });
  assert.equal(mp.status, 200);
  assert.match(mp.headers.get('content-type'), /^text\/plain/);
  assert.equal(mp.json[0].ok._rev, '2-bbb');
});

test('_bulk_docs new_edits:false keeps both branches as a conflict; replays add nothing; a delete resolves it', async () => {
  const db = await couch.newDb();
  await replicate(db, [{ _id: 'client:1', _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] }, name: 'base' }]);
  // Two devices edited the same record offline.
  const left = { _id: 'client:1', _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] }, name: 'left' };
  const right = { _id: 'client:1', _rev: '2-ccc', _revisions: { start: 2, ids: ['ccc', 'aaa'] }, name: 'right' };
  await replicate(db, [left]);
  await replicate(db, [right]);

  const read = await api(`/${db}/client:1?conflicts=true`);
  assert.equal(read.status, 200);
  // The deterministic winner: same generation, the higher revision id.
  assert.deepEqual(read.json, { _id: 'client:1', _rev: '2-ccc', name: 'right', _conflicts: ['2-bbb'] });
  const leaves = await api(`/${db}/client:1?open_revs=all`);
  assert.deepEqual(leaves.json.map((l) => l.ok._rev).sort(), ['2-bbb', '2-ccc']);
  const all = await api(`/${db}/_all_docs?include_docs=true&conflicts=true`);
  assert.deepEqual(all.json.rows[0].doc._conflicts, ['2-bbb']);
  const ch = await api(`/${db}/_changes?style=all_docs&since=0`);
  assert.deepEqual(ch.json.results[0].changes.map((c) => c.rev).sort(), ['2-bbb', '2-ccc'], 'style=all_docs lists every leaf');

  // Replaying the same revisions (a retried sync) changes nothing.
  await replicate(db, [left, right]);
  const again = await api(`/${db}/_changes?style=all_docs&since=0`);
  assert.equal(again.json.results.length, 1);
  assert.deepEqual((await api(`/${db}/client:1?conflicts=true`)).json._conflicts, ['2-bbb']);

  // Resolving: the losing branch is deleted (with a history, as a device would send it).
  await replicate(db, [{ _id: 'client:1', _rev: '3-ddd', _deleted: true, _revisions: { start: 3, ids: ['ddd', 'bbb', 'aaa'] } }]);
  const resolved = await api(`/${db}/client:1?conflicts=true&deleted_conflicts=true`);
  assert.deepEqual(resolved.json, { _id: 'client:1', _rev: '2-ccc', name: 'right' }, 'no _conflicts (nor _deleted_conflicts: not reported)');
  const leavesNow = await api(`/${db}/client:1?open_revs=all`);
  assert.deepEqual(leavesNow.json.map((l) => [l.ok._rev, l.ok._deleted ?? false]).sort(), [['2-ccc', false], ['3-ddd', true]]);

  // new_edits:false needs a valid _rev; a plain edit of a stale rev is a 409 in the list.
  const bad = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { new_edits: false, docs: [{ _id: 'q', v: 1 }] } });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json, { error: 'bad_request', reason: 'Invalid rev format' });
  const stale = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'client:1', _rev: '1-aaa', name: 'x' }] } });
  assert.equal(stale.status, 201);
  assert.deepEqual(stale.json, [{ id: 'client:1', error: 'conflict', reason: 'Document update conflict' }]);
});

test('_local checkpoints: PUT/GET, 0-N revisions, 409 without the current _rev, never replicated', async () => {
  const db = await couch.newDb();
  const id = '_local/attune-checkpoint-device-a';
  assert.deepEqual((await api(`/${db}/${id}`)).json, { error: 'not_found', reason: 'missing' });
  const first = await api(`/${db}/${id}`, { method: 'PUT', json: { last_seq: 5 } });
  assert.equal(first.status, 201);
  assert.deepEqual(first.json, { ok: true, id, rev: '0-1' });
  const got = await api(`/${db}/${id}`);
  assert.deepEqual(got.json, { _id: id, _rev: '0-1', last_seq: 5 });
  const blind = await api(`/${db}/${id}`, { method: 'PUT', json: { last_seq: 6 } });
  assert.equal(blind.status, 409);
  assert.equal(blind.json.error, 'conflict');
  const next = await api(`/${db}/${id}`, { method: 'PUT', json: { _rev: '0-1', last_seq: 6 } });
  assert.deepEqual(next.json, { ok: true, id, rev: '0-2' });
  assert.equal((await api(`/${db}/${id}`)).json.last_seq, 6);
  assert.deepEqual((await api(`/${db}/_changes?since=0`)).json.results, [], '_local docs are not changes');
  assert.deepEqual((await api(`/${db}/_all_docs`)).json.rows, []);
  assert.equal((await api(`/${db}/_local_docs`)).status, 404, 'no _local_docs listing in pouchdb-server 4.2.0');
});

test('scan() finds every stored text: current, conflicting, deleted, older revisions and _local docs', async () => {
  const db = await couch.newDb();
  const put = await api(`/${db}/c`, { method: 'PUT', json: { note: 'PLAIN-FIRST' } });
  const upd = await api(`/${db}/c`, { method: 'PUT', json: { _rev: put.json.rev, note: 'PLAIN-SECOND' } });
  assert.equal(upd.status, 201);
  await replicate(db, [
    { _id: 'k', _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] }, note: 'PLAIN-BASE' },
    { _id: 'k', _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] }, note: 'PLAIN-LOSER' },
    { _id: 'k', _rev: '2-ccc', _revisions: { start: 2, ids: ['ccc', 'aaa'] }, note: 'PLAIN-WINNER' },
  ]);
  const gone = await api(`/${db}/g`, { method: 'PUT', json: { note: 'PLAIN-DELETED' } });
  await api(`/${db}/g?rev=${gone.json.rev}`, { method: 'DELETE' });
  await api(`/${db}/_local/ck`, { method: 'PUT', json: { note: 'PLAIN-LOCAL' } });

  const text = (await couch.scan(db, { localIds: localIdsFromLog(proxy.log) })).join('\n');
  for (const s of ['PLAIN-FIRST', 'PLAIN-SECOND', 'PLAIN-BASE', 'PLAIN-LOSER', 'PLAIN-WINNER', 'PLAIN-DELETED', 'PLAIN-LOCAL']) {
    assert.ok(text.includes(s), `scan found ${s}`);
  }
  assert.ok(!text.includes('PLAIN-NEVER-WRITTEN'));
  // Compaction drops the bodies of non-leaf revisions (as in CouchDB).
  await couch.compact(db);
  const compacted = (await couch.scan(db)).join('\n');
  assert.ok(!compacted.includes('PLAIN-FIRST') && !compacted.includes('PLAIN-BASE'));
  assert.ok(compacted.includes('PLAIN-SECOND') && compacted.includes('PLAIN-LOSER'));
});

test('error bodies: 404 no db, 404 missing doc, 409, 412, 413, 400', async () => {
  const nodb = await api('/no-such-db/_changes');
  assert.equal(nodb.status, 404);
  assert.deepEqual(nodb.json, { error: 'not_found', reason: 'no_db_file' });
  const nodoc = await api(`/${couch.db}/no-such-doc`);
  assert.deepEqual([nodoc.status, nodoc.json], [404, { error: 'not_found', reason: 'missing' }]);
  const db = await couch.newDb();
  await api(`/${db}/d`, { method: 'PUT', json: {} });
  const conflict = await api(`/${db}/d`, { method: 'PUT', json: { again: true } });
  assert.deepEqual([conflict.status, conflict.json], [409, { error: 'conflict', reason: 'Document update conflict' }]);
  const exists = await couch.request(`/${db}`, { method: 'PUT' });
  assert.deepEqual([exists.status, exists.json], [412, { error: 'file_exists', reason: 'The database could not be created.' }]);
  await couch.setMaxRequestBytes(1000);
  try {
    const big = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'big', ct: 'A'.repeat(2000) }] } });
    assert.deepEqual([big.status, big.json], [413, { error: 'too_large', reason: 'the request entity is too large' }]);
    const small = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'small' }] } });
    assert.equal(small.status, 201);
  } finally {
    await couch.setMaxRequestBytes(null);
  }
  const after = await api(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'big', ct: 'A'.repeat(2000) }] } });
  assert.equal(after.status, 201, 'the default limit is back');
  const junk = await api(`/${db}/_bulk_docs`, { method: 'POST', body: '{"docs": [', headers: { 'content-type': 'application/json' } });
  assert.deepEqual([junk.status, junk.json], [400, { error: 'bad_request', reason: 'invalid_json' }]);
});

test('proxy: drop is a network error, stall hangs until aborted, portal answers HTML, status:NNN fakes an error', async () => {
  const path = `/${couch.db}`;
  proxy.mode = 'drop';
  await assert.rejects(api(path), (e) => e instanceof TypeError && e.message === 'fetch failed');
  assert.equal(proxy.log.at(-1).action, 'drop');

  proxy.mode = 'stall';
  const t0 = Date.now();
  await assert.rejects(api(path, { signal: AbortSignal.timeout(300) }), (e) => e.name === 'TimeoutError');
  assert.ok(Date.now() - t0 >= 290);
  // Aborting lets the held request go (its socket closes on the proxy's side).
  await until(() => proxy.stalled === 0, 5000, 'the aborted request to be let go');
  const logged = proxy.log.length;
  const held = api(path).then(() => 'answered', () => 'failed');
  // Waits for this request to reach the proxy, not for a guessed while.
  await until(() => proxy.log.length > logged, 5000, 'the request to reach the proxy');
  assert.deepEqual([proxy.log.at(-1).action, proxy.stalled], ['stall', 1], 'a request is held');
  assert.equal(await Promise.race([held, Promise.resolve('pending')]), 'pending', 'held, not answered');
  proxy.restore();
  assert.equal(await held, 'failed', 'restore() releases a held request by cutting it');
  assert.equal(proxy.stalled, 0);

  proxy.mode = 'portal';
  const portal = await api(path);
  assert.equal(portal.status, 200);
  assert.match(portal.headers.get('content-type'), /^text\/html/);
  assert.equal(portal.text, '<html>Sign in to Wi-Fi</html>');
  assert.equal(portal.json, null);

  proxy.mode = 'status:503';
  const busy = await api(path);
  assert.deepEqual([busy.status, busy.json], [503, { error: 'service_unavailable', reason: 'test proxy answered 503' }]);
  assert.throws(() => { proxy.mode = 'nonsense'; }, /not one of/);
  assert.equal(proxy.mode, 'status:503');
});

test('proxy: cutAfter passes n requests then cuts; with a pattern it cuts the first matching one', async () => {
  const db = await couch.newDb();
  proxy.cutAfter(2, 'drop');
  assert.equal((await api(`/${db}`)).status, 200);
  assert.equal((await api(`/${db}`)).status, 200);
  await assert.rejects(api(`/${db}`), TypeError);
  await assert.rejects(api(`/${db}`), TypeError, 'stays cut');
  proxy.restore();
  assert.equal((await api(`/${db}`)).status, 200);

  // Cut a push in the middle: reads pass, the _bulk_docs is dropped before the server sees it.
  proxy.log = [];
  proxy.cutAfter(0, 'drop', /^POST \/[^/]+\/_bulk_docs/);
  assert.equal((await api(`/${db}/_revs_diff`, { method: 'POST', json: { x: ['1-a'] } })).status, 200);
  await assert.rejects(api(`/${db}/_bulk_docs`, { method: 'POST', json: { new_edits: false, docs: [{ _id: 'x', _rev: '1-a', v: 1 }] } }), TypeError);
  assert.deepEqual(proxy.log.map((e) => `${e.action} ${e.method} ${e.path}`), [
    `pass POST /${db}/_revs_diff`, `drop POST /${db}/_bulk_docs`,
  ]);
  proxy.restore();
  assert.equal((await api(`/${db}/x`)).status, 404, 'the dropped write never reached the server');
});

test('proxy: truncate delivers the request but cuts the answer, so a replayed new_edits:false write must be harmless', async () => {
  const db = await couch.newDb();
  const docs = Array.from({ length: 20 }, (_, i) => ({ _id: `rating:${i}`, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] }, ct: 'c'.repeat(50) }));
  proxy.mode = 'truncate';
  const changes = api(`/${db}/_changes?since=0`);
  await assert.rejects(changes, TypeError, 'a cut body fails the read');
  await assert.rejects(api(`/${db}/_bulk_docs`, { method: 'POST', json: { new_edits: false, docs } }), TypeError);
  proxy.restore();
  const ch = await api(`/${db}/_changes?style=all_docs&since=0`);
  assert.equal(ch.json.results.length, 20, 'the server stored the write whose answer was lost');
  await replicate(db, docs);
  const after = await api(`/${db}/_changes?style=all_docs&since=0`);
  assert.equal(after.json.results.length, 20, 'the replay duplicated nothing');
  assert.equal(after.json.last_seq, ch.json.last_seq, 'and wrote nothing');
});

test('stop() ends the server, and a test process killed outright takes its server along', async () => {
  const c = await startCouch();
  const pid = c.pid;
  assert.ok(alive(pid));
  await c.stop();
  assert.ok(!alive(pid), 'stopped');

  // A child node process starts a couch, reports its pid, and is SIGKILLed.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import { startCouch } from ${JSON.stringify(path.join(here, 'couch.mjs'))};
    const c = await startCouch();
    console.log(c.pid);
    setInterval(() => {}, 1000);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const orphan = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', () => reject(new Error('child exited early')));
  });
  assert.ok(alive(orphan));
  child.kill('SIGKILL');
  await until(() => !alive(orphan), 5000, 'the watchdog to end the orphaned server');
});

/**
 * Waits until `probe()` (awaited) gives a truthy value and returns it, trying
 * every 50 ms; fails naming `what` if `ms` pass first. For conditions with no
 * event to wait on: another process's state or clock.
 */
async function until(probe, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() >= deadline) assert.fail(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether process `pid` runs (a zombie awaiting its reaper counts as ended). */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
