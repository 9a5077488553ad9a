// A real CouchDB-compatible server for the sync tests: npm pouchdb-server 4.2.0
// (tests/couch/), always --in-memory, on a free loopback port, as a child
// process that cannot outlive the test file. startCouch() leaves it out of
// "admin party": one server admin, a database `attune` whose _security admits
// only the device user, so a client must sign in exactly as against Apache
// CouchDB. See COUCH.md for what this server does differently from CouchDB 3.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.resolve(here, '../couch');
const BIN = path.join(PACKAGE, 'node_modules/pouchdb-server/bin/pouchdb-server');
const WATCHDOG = path.join(PACKAGE, 'watchdog.cjs');

/** `Authorization` header value for HTTP basic auth. */
export function basicAuth(name, password) {
  return 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawns pouchdb-server and waits until it answers. Its config.json and
 * log.txt go to a fresh temporary directory (its cwd), removed on stop.
 */
async function spawnServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-couch-'));
  const port = await freePort();
  const child = spawn(process.execPath, [
    '--require', WATCHDOG, BIN,
    // -n, not --no-stdout-logs: its option parser reads that as "stdout-logs
    // off" and still tails the log to stdout. The log goes to dir/log.txt.
    '--in-memory', '-n', '--no-color',
    '--port', String(port), '--host', '127.0.0.1',
    '--config', path.join(dir, 'config.json'), '--dir', dir,
  ], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => { output = (output + d).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const logTail = () => {
    try { return fs.readFileSync(path.join(dir, 'log.txt'), 'utf8').slice(-4000); } catch { return ''; }
  };
  let exited = null;
  let stopping = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    // A crash mid-test (pouchdb-server dies on some requests, see COUCH.md)
    // would otherwise show only as ECONNREFUSED far from its cause.
    if (!stopping && up) process.stderr.write(`[couch] pouchdb-server exited (${code ?? signal}):\n${output}\n${logTail()}\n`);
    resolve(exited);
  }));
  // Last resort: if this process exits without stop(), take the server along
  // (the watchdog covers a parent killed outright).
  const onExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  process.on('exit', onExit);

  const url = `http://127.0.0.1:${port}`;
  let up = false;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) break;
    try {
      const res = await fetch(url + '/', { signal: AbortSignal.timeout(1000) });
      const body = await res.json();
      if (res.ok && body.version) break;
    } catch { /* not up yet */ }
    if (/already in use/.test(output) || Date.now() > deadline) break;
    await sleep(100);
  }
  const stop = async () => {
    stopping = true;
    process.removeListener('exit', onExit);
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exit, sleep(3000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    child.stdin.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (!exited) {
    try { up = (await fetch(url + '/', { signal: AbortSignal.timeout(1000) })).ok; } catch { up = false; }
  }
  if (!up) {
    await stop();
    return { ok: false, output, exited };
  }
  return {
    ok: true, url, port, child, stop, dir,
    output: () => output + logTail(),
    alive: () => !exited,
  };
}

/**
 * Starts pouchdb-server and sets it up like a clinic's CouchDB: a server
 * admin (so no admin party), the database `db`, a device user in `_users`,
 * and `db`'s `_security` admitting only that user as a member.
 *
 * Resolves to
 *   { url, origin, port, db, user, password, admin: { name, password },
 *     adminUrl, adminAuth, request, admin… helpers, scan, addUser, newDb,
 *     resetDb, caseloadDb, setMembers, caseloads, setMaxRequestBytes, stop }
 * where `url` is the server root without a trailing slash (no credentials),
 * `adminUrl` the same with the admin's credentials in it (for clients such as
 * PouchDB in node; Node's fetch refuses URLs with credentials, so use
 * `request`/`adminAuth` there).
 */
export async function startCouch(options = {}) {
  const db = options.db ?? 'attune';
  const user = options.user ?? 'device';
  const password = options.password ?? 'device-' + crypto.randomBytes(6).toString('hex');
  const admin = { name: options.adminName ?? 'admin', password: options.adminPassword ?? 'admin-' + crypto.randomBytes(6).toString('hex') };

  let s;
  for (let attempt = 0; attempt < 4; attempt++) {
    s = await spawnServer();
    if (s.ok) break;
  }
  if (!s.ok) {
    throw new Error(`pouchdb-server did not start (exit ${JSON.stringify(s.exited)}):\n${s.output}\n` +
      'Is tests/couch installed? (npm ci --prefix tests/couch)');
  }
  const { url } = s;
  const adminAuth = basicAuth(admin.name, admin.password);

  /**
   * fetch against the server: `p` is a path ('/attune/_changes'), `init` as
   * for fetch plus `json` (a body to send as JSON) and `auth` ('admin' by
   * default, a header value, or null for none). Resolves to
   * { status, headers, text, json } (json is null when the body is not JSON).
   */
  async function request(p, init = {}) {
    const { json, auth = 'admin', ...rest } = init;
    const headers = { accept: 'application/json', ...(rest.headers ?? {}) };
    if (auth) headers.authorization = auth === 'admin' ? adminAuth : auth;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      rest.body = JSON.stringify(json);
    }
    const res = await fetch(url + p, { ...rest, headers });
    const text = await res.text();
    let body = null;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json: body };
  }
  async function must(p, init, ...okStatuses) {
    const r = await request(p, init);
    const ok = okStatuses.length ? okStatuses : [200, 201, 202];
    if (!ok.includes(r.status)) throw new Error(`${init?.method ?? 'GET'} ${p}: ${r.status} ${r.text}`);
    return r;
  }

  // Leave admin party: the first admin is created without credentials.
  try {
    await must(`/_config/admins/${encodeURIComponent(admin.name)}`,
      { method: 'PUT', auth: null, json: admin.password });
  } catch (e) {
    await s.stop();
    throw e;
  }

  const members = new Set([user]);
  const dbs = new Set();
  const security = () => ({
    admins: { names: [], roles: [] },
    members: { names: [...members], roles: [] },
  });

  async function addUser(name, pw, { member = true } = {}) {
    const id = `org.couchdb.user:${name}`;
    const existing = await request(`/_users/${encodeURIComponent(id)}`);
    const doc = { _id: id, name, password: pw, roles: [], type: 'user' };
    if (existing.status === 200) doc._rev = existing.json._rev;
    await must(`/_users/${encodeURIComponent(id)}`, { method: 'PUT', json: doc });
    if (member && !members.has(name)) {
      members.add(name);
      for (const d of dbs) await must(`/${encodeURIComponent(d)}/_security`, { method: 'PUT', json: security() });
    }
    return { name, password: pw };
  }

  /** Creates database `name` with the same _security (every member user). */
  async function newDb(name = `${db}-${crypto.randomBytes(4).toString('hex')}`) {
    await must(`/${encodeURIComponent(name)}`, { method: 'PUT' });
    await must(`/${encodeURIComponent(name)}/_security`, { method: 'PUT', json: security() });
    dbs.add(name);
    return name;
  }

  /** Deletes database `name` (default `db`) if present and creates it afresh. */
  async function resetDb(name = db) {
    await must(`/${encodeURIComponent(name)}`, { method: 'DELETE' }, 200, 404);
    dbs.delete(name);
    return newDb(name);
  }

  /**
   * Every JSON text the server holds for database `name` (default `db`), for
   * a plaintext leak scan: _all_docs with docs and conflicts, and for every
   * id seen in _changes (deleted ones too) each leaf revision with its
   * history (open_revs=all) and every older revision body still stored
   * (revs_info "available": like CouchDB, pouchdb-server keeps them until
   * compaction). pouchdb-server has no _local_docs listing, so _local
   * documents are read only by id: pass `localIds` (e.g. gathered from the
   * proxy log; `localIdsFromLog(proxy.log)` does that). Resolves to an array
   * of raw response texts; join them to search.
   */
  async function scan(name = db, { localIds = [] } = {}) {
    const base = `/${encodeURIComponent(name)}`;
    const texts = [];
    const take = async (p) => {
      const r = await must(p, {}, 200, 404);
      if (r.status === 200) texts.push(r.text);
      return r;
    };
    await take(`${base}/_all_docs?include_docs=true&conflicts=true&attachments=true`);
    const changes = await take(`${base}/_changes?style=all_docs&since=0&include_docs=true&conflicts=true`);
    const ids = [...new Set(changes.json.results.map((c) => c.id))];
    for (const id of ids) {
      const docPath = `${base}/${encodeURIComponent(id).replace(/^_design%2F/, '_design/')}`;
      const leaves = await take(`${docPath}?open_revs=all&revs=true&attachments=true`);
      const seen = new Set();
      for (const leaf of leaves.json ?? []) {
        if (!leaf.ok) continue;
        seen.add(leaf.ok._rev);
        const info = await request(`${docPath}?rev=${encodeURIComponent(leaf.ok._rev)}&revs_info=true`);
        for (const ri of info.json?._revs_info ?? []) {
          if (ri.status !== 'available' || seen.has(ri.rev)) continue;
          seen.add(ri.rev);
          await take(`${docPath}?rev=${encodeURIComponent(ri.rev)}&attachments=true`);
        }
      }
    }
    for (const id of localIds) {
      await take(`${base}/_local/${encodeURIComponent(id.replace(/^_local\//, ''))}`);
    }
    return texts;
  }

  /**
   * Caps the size of any request body the server accepts (CouchDB's
   * couchdb/max_document_size; pouchdb-server applies it to the whole JSON
   * body), so a test can provoke 413. `null` restores the default (4 GiB).
   */
  async function setMaxRequestBytes(bytes) {
    if (bytes == null) {
      await must('/_config/couchdb/max_document_size', { method: 'DELETE' }, 200, 404);
    } else {
      await must('/_config/couchdb/max_document_size', { method: 'PUT', json: String(bytes) });
    }
  }

  /**
   * Sets how long a _session cookie stays valid (CouchDB's
   * couch_httpd_auth/timeout, 600 s by default), so a test can let a device's
   * session expire. `null` restores the default.
   */
  async function setSessionTimeout(seconds) {
    if (seconds == null) {
      await must('/_config/couch_httpd_auth/timeout', { method: 'DELETE' }, 200, 404);
    } else {
      await must('/_config/couch_httpd_auth/timeout', { method: 'PUT', json: String(seconds) });
    }
  }

  /** Compacts database `name` (default `db`): older revision bodies are dropped. */
  async function compact(name = db) {
    await must(`/${encodeURIComponent(name)}/_compact`, { method: 'POST', json: {} });
  }

  /**
   * Sets database `name`'s `_security` to exactly these member names (and no
   * member roles, no database admins). Databases made by caseloadDb keep
   * their own members: addUser never adds anyone to them.
   */
  async function setMembers(name, names) {
    await must(`/${encodeURIComponent(name)}/_security`, {
      method: 'PUT',
      json: { admins: { names: [], roles: [] }, members: { names: [...names], roles: [] } },
    });
  }

  /**
   * Creates database `name` whose `_security` admits only `members` (user
   * names; make the users with addUser(…, { member: false })). Not one of the
   * shared databases: later addUser calls leave its members alone.
   */
  async function caseloadDb(name, { members = [] } = {}) {
    await must(`/${encodeURIComponent(name)}`, { method: 'PUT' });
    await setMembers(name, members);
    return name;
  }

  /**
   * A clinic split by caseload, as docs/deploying-and-sync.md describes:
   * one database per therapist (`<clinicDb>-c-<id spelled safely>`, see
   * caseloadDbName) whose only member is that therapist's user, each lead a
   * member of the caseloads listed in their `of`, and, with `inbox`, the
   * inbox database `<clinicDb>-inbox` whose members are every therapist, lead
   * and tablet user. Users get random passwords unless given.
   *
   *   const clinic = await couch.caseloads({
   *     therapists: [{ id: 't-ana' }, { id: 't-ben' }],
   *     leads: [{ user: 'lead', of: ['t-ana', 't-ben'] }],
   *     tablets: [{ user: 'tablet' }], inbox: true });
   *   clinic.dbs['t-ana']       // 'attune-c-t-ana'
   *   clinic.users['t-ana']     // { name, password, auth } (user name = therapist id unless `user` given)
   *   clinic.inbox              // 'attune-inbox' (or null)
   */
  async function caseloads({ clinicDb = db, therapists = [], leads = [], tablets = [], inbox = false } = {}) {
    const users = {};
    const make = async (name, given) => {
      const pw = given ?? `${name}-${crypto.randomBytes(6).toString('hex')}`;
      await addUser(name, pw, { member: false });
      users[name] = { name, password: pw, auth: basicAuth(name, pw) };
      return name;
    };
    const members = new Map();
    const dbs = {};
    for (const t of therapists) {
      const name = await make(t.user ?? t.id, t.password);
      dbs[t.id] = caseloadDbName(clinicDb, t.id);
      members.set(t.id, [name]);
    }
    for (const l of leads) {
      const name = await make(l.user, l.password);
      for (const id of l.of ?? []) {
        if (!members.has(id)) throw new Error(`lead ${l.user}: no therapist ${id}`);
        members.get(id).push(name);
      }
    }
    for (const t of tablets) await make(t.user, t.password);
    for (const t of therapists) await caseloadDb(dbs[t.id], { members: members.get(t.id) });
    let inboxDb = null;
    if (inbox) inboxDb = await caseloadDb(`${clinicDb}-inbox`, { members: Object.keys(users) });
    return { dbs, users, inbox: inboxDb };
  }

  try {
    await addUser(user, password);
    await newDb(db);
  } catch (e) {
    await s.stop();
    throw e;
  }

  return {
    url,
    origin: url,
    port: s.port,
    /** The server's process id. */
    pid: s.child.pid,
    db,
    user,
    password,
    admin,
    adminAuth,
    adminUrl: `http://${encodeURIComponent(admin.name)}:${encodeURIComponent(admin.password)}@127.0.0.1:${s.port}`,
    userAuth: basicAuth(user, password),
    request,
    scan,
    addUser,
    newDb,
    resetDb,
    caseloadDb,
    setMembers,
    caseloads,
    setMaxRequestBytes,
    setSessionTimeout,
    compact,
    /** What the server printed (errors) and the tail of its request log. */
    output: s.output,
    /** False once the server process has exited (crashed or stopped). */
    alive: s.alive,
    stop: s.stop,
  };
}

/**
 * A caseload's database name, spelled as the app's domain spells it
 * (src/domain/sync/caseloads.rs, `Caseload::database`): the clinic's
 * database, `-c-`, then the therapist id with `a-z`, `0-9` and `-` as they
 * are and every other character as `_` and two hex digits (`Ana` → `_41na`).
 */
export function caseloadDbName(clinicDb, therapistId) {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(therapistId)) throw new Error(`not a therapist id: ${therapistId}`);
  const spelled = [...therapistId].map((ch) => (/[a-z0-9-]/.test(ch)
    ? ch : '_' + ch.charCodeAt(0).toString(16).padStart(2, '0'))).join('');
  return `${clinicDb}-c-${spelled}`;
}

/** The `_local/` document ids seen in a proxy log (see server.mjs), for scan(). */
export function localIdsFromLog(log) {
  const ids = new Set();
  for (const e of log) {
    const m = /^\/[^/]+\/_local\/([^/?]+)/.exec(e.path);
    if (m) ids.add(decodeURIComponent(m[1]));
  }
  return [...ids];
}
