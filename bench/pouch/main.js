// The PouchDB anchor page's script, bundled with pouchdb-browser (pinned in
// bench/package.json) into pouchdb.min.js by bench/pouch-anchor.mjs and run
// under the page's CSP (script-src 'self', connect-src 'self'). It exposes
// the two measurements to the benchmark as window.anchor; the server is the
// page's own origin under /couchdb/ (the test server's proxy), as for Attune.
import PouchDB from 'pouchdb-browser';

window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
}, true);

function remote(db, auth) {
  return new PouchDB(`${location.origin}/couchdb/${db}`, { auth, skip_setup: true });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `bytes` random bytes in base64, like a ciphertext field. */
function randomBase64(bytes) {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
}

/**
 * (a) Replicates database `db` from the server into an empty IndexedDB
 * PouchDB `local`, with PouchDB's default options. Resolves to the wall time
 * and what arrived.
 */
async function firstSync({ db, auth, local }) {
  const target = new PouchDB(local);
  const before = await target.info();
  if (before.doc_count !== 0) throw new Error(`${local} is not empty`);
  const t0 = performance.now();
  const info = await PouchDB.replicate(remote(db, auth), target);
  const ms = performance.now() - t0;
  const after = await target.info();
  return {
    ms,
    ok: info.ok,
    docsRead: info.docs_read,
    docsWritten: info.docs_written,
    docCount: after.doc_count,
    adapter: target.adapter,
    errors: info.errors.length,
  };
}

/**
 * (b) One record's round trip: PouchDB A (live push) writes a doc, PouchDB B
 * (live pull from the same server database) sees it in its own changes feed.
 * `local` names B (e.g. the database firstSync filled, so B holds N docs);
 * A is a new empty database. Resolves to the `rounds` times in ms.
 */
async function roundTrips({ db, auth, local, rounds, gapMs = 100 }) {
  const a = new PouchDB(`${local}-writer`);
  const b = new PouchDB(local);
  const waiting = new Map();
  const feed = b.changes({ since: 'now', live: true });
  feed.on('change', (c) => {
    const done = waiting.get(c.id);
    if (done) {
      waiting.delete(c.id);
      done(performance.now());
    }
  });
  const push = a.replicate.to(remote(db, auth), { live: true, retry: true });
  const pull = b.replicate.from(remote(db, auth), { live: true, retry: true });
  // Both replications caught up (each pauses once it has nothing to do).
  await Promise.all([push, pull].map((r) => new Promise((resolve, reject) => {
    r.once('paused', resolve);
    r.once('error', reject);
  })));
  const times = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const id = `rating:rt-${Date.now()}-${i}`;
      const seen = new Promise((resolve) => waiting.set(id, resolve));
      const t0 = performance.now();
      await a.put({ _id: id, type: 'rating', at: Date.now(), ct: randomBase64(225), iv: randomBase64(12) });
      const t1 = await Promise.race([seen, sleep(30_000).then(() => null)]);
      if (t1 === null) throw new Error(`round ${i}: B never saw ${id}`);
      times.push(t1 - t0);
      await sleep(gapMs);
    }
  } finally {
    feed.cancel();
    push.cancel();
    pull.cancel();
  }
  return times;
}

window.anchor = { firstSync, roundTrips, version: PouchDB.version };
performance.mark('anchor-ready');
