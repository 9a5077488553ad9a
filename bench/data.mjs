// Synthetic but valid Attune stores for the history-scale benchmark: N ratings
// over `clients` clients, unique ids, scores 0..=100 tenths, session dates
// spread over several years. Deterministic (seeded), so every run loads the
// same bytes.

/** A small seeded PRNG (mulberry32): same seed, same store. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id whose last group is a counter, so ids are unique by construction. */
function uuid(rand, n) {
  const hex = (digits) => Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${n.toString(16).padStart(12, '0')}`;
}

/**
 * The stored envelope (localStorage "attune.data", schema "attune" version 8, the current one)
 * as an object. Ratings are in save order, session dates between
 * `from` and `from + years`, each client's sessions in date order.
 */
export function envelope(ratings, { clients = 50, years = 4, seed = 7, from = '2021-01-04T09:00:00.000Z' } = {}) {
  const rand = rng(seed);
  const start = Date.parse(from);
  const span = years * 365.25 * 24 * 3600 * 1000;
  const clientList = Array.from({ length: clients }, (_, i) => ({
    id: uuid(rand, i + 1),
    label: `C${String(i + 1).padStart(2, '0')}`,
    archived: false,
    created_at: new Date(start - 7 * 24 * 3600 * 1000).toISOString(),
  }));
  // Most sessions rate well; some items dip, some sessions are poor.
  const score = () => {
    const r = rand();
    if (r < 0.1) return Math.floor(rand() * 101);
    return Math.min(100, 60 + Math.floor(rand() * 41));
  };
  const list = [];
  for (let i = 0; i < ratings; i++) {
    // Evenly through the span with up to a day of jitter, to whole minutes.
    const t = start + (span * i) / ratings + Math.floor(rand() * 24 * 60) * 60000;
    const at = new Date(Math.floor(t / 60000) * 60000).toISOString();
    list.push({
      id: uuid(rand, clients + i + 1),
      recorded_at: at,
      session_at: at,
      client_id: clientList[Math.floor(rand() * clients)].id,
      scores: [score(), score(), score(), score()],
      scale_id: 'srs-attune',
      scale_version: 1,
      line: { line_tenth_mm: 1000, dpr_hundredths: 100, calibrated: false },
    });
  }
  return { schema: 'attune', version: 8, clients: clientList, ratings: list, last_backup_at: null };
}

/** The client with the most ratings (the largest history) and its count. */
export function largestClient(env) {
  const counts = new Map();
  for (const r of env.ratings) counts.set(r.client_id, (counts.get(r.client_id) ?? 0) + 1);
  let best = null;
  for (const c of env.clients) if (!best || counts.get(c.id) > best.count) best = { id: c.id, count: counts.get(c.id) ?? 0 };
  return best;
}

/**
 * A version-8 store of whole sessions (an ORS at the start, an SRS at the
 * end, sharing a `session_id`): one client with `sessions` weekly sessions,
 * and `others` clients with `each` sessions apiece whose intakes sit near
 * the first client's, so the "clients here who started like this" path is
 * drawn too. ORS totals climb slowly with noise; SRS totals stay high.
 */
export function sessionsEnvelope(sessions, { others = 49, each = 20, seed = 11, from = '2022-01-03T09:00:00.000Z' } = {}) {
  const rand = rng(seed);
  const start = Date.parse(from);
  const week = 7 * 24 * 3600 * 1000;
  let n = 0;
  const clients = Array.from({ length: others + 1 }, (_, i) => ({
    id: uuid(rand, ++n),
    label: `S${String(i + 1).padStart(2, '0')}`,
    archived: false,
    created_at: new Date(start - week).toISOString(),
  }));
  const clamp = (x) => Math.max(0, Math.min(100, Math.round(x)));
  const ratings = [];
  clients.forEach((c, ci) => {
    const count = ci === 0 ? sessions : each;
    for (let s = 0; s < count; s++) {
      const at = new Date(start + s * week + ci * 3600 * 1000).toISOString();
      const end = new Date(Date.parse(at) + 50 * 60000).toISOString();
      const sid = uuid(rand, ++n);
      // Intake near 4.0 per item (16.0 total), then up to ~3 points a line.
      const level = 40 + Math.min(30, s * 1.5) + (rand() - 0.5) * 20;
      ratings.push({
        id: uuid(rand, ++n), measure: 'ors', session_id: sid, recorded_at: at, session_at: at, client_id: c.id,
        scores: [0, 1, 2, 3].map(() => clamp(level + (rand() - 0.5) * 10)), scale_id: 'ors-attune', scale_version: 1,
      });
      ratings.push({
        id: uuid(rand, ++n), session_id: sid, recorded_at: end, session_at: at, client_id: c.id,
        scores: [0, 1, 2, 3].map(() => clamp(85 + rand() * 15)), scale_id: 'srs-attune', scale_version: 1,
      });
    }
  });
  return { schema: 'attune', version: 8, clients, ratings, last_backup_at: null };
}

/**
 * Attune's times as its own serde code writes them: RFC 3339 with the
 * fractional seconds left out when they are zero (`…T09:00:00Z`, where
 * `toISOString` gives `…T09:00:00.000Z`).
 */
const appTime = (v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(v) ? v.replace('.000Z', 'Z') : v);

/**
 * A store in the records layout (the therapist page's, one localStorage
 * entry per record) as [key, text] pairs, exactly as the app's own move
 * from the single document writes them (run.mjs checks that against the
 * app in every run): `attune.r.c.<id>`, `attune.r.m.<id>`, `attune.r.u.<id>`
 * = {"v":8,"n":<place in its list>,"rec":{…}}, then `attune.r.meta`.
 */
export function recordsLayout(env) {
  const out = [];
  const put = (prefix, list) => list.forEach((rec, n) => {
    out.push([prefix + rec.id, JSON.stringify({ v: env.version, n, rec: JSON.parse(JSON.stringify(rec), (_, v) => appTime(v)) })]);
  });
  put('attune.r.c.', env.clients);
  put('attune.r.m.', env.ratings);
  put('attune.r.u.', env.unrated ?? []);
  out.push(['attune.r.meta', JSON.stringify({ schema: 'attune', layout: 'records', version: env.version, seq: 0, last_backup_at: env.last_backup_at ?? null })]);
  return out;
}

/** localStorage's measure of `entries`: UTF-16 units of keys and values (5,242,880 fit in Chromium). */
export const units = (entries) => entries.reduce((a, [k, v]) => a + k.length + v.length, 0);

/**
 * Seeds the localStorage of `origin` in a new browser context with
 * `entries` before any timed page opens, and makes sure it took: a page of
 * the bench server (a tiny 404 page, no app code) writes them; a new page
 * must then see every entry (the browser's copy of the storage, not the
 * writer's pending writes), also after the writer is closed; otherwise the
 * seeding is done again (up to `tries` times), then it throws.
 *
 * Not Playwright's `storageState` option: here it lost writes silently
 * (a context once held 724 of 1,051 seeded entries, another none of a
 * 3 MB document), presumably when its seeding page closed before they
 * reached the browser.
 */
export async function seedStorage(context, origin, entries, { tries = 3 } = {}) {
  const url = origin + '/bench-seed';
  const want = { count: entries.length, key: entries.at(-1)?.[0] ?? null, len: entries.at(-1)?.[1].length ?? 0 };
  /** Whether a new page sees every entry within `ms`; its count otherwise. */
  const seen = async (ms) => {
    const page = await context.newPage();
    try {
      await page.goto(url);
      return await page.evaluate(({ want, ms }) => new Promise((resolve) => {
        const end = performance.now() + ms;
        const test = () => {
          const good = localStorage.length === want.count && (want.key === null || localStorage.getItem(want.key)?.length === want.len);
          if (good || performance.now() > end) resolve(good ? true : localStorage.length);
          else setTimeout(test, 20);
        };
        test();
      }), { want, ms });
    } finally {
      await page.close();
    }
  };
  for (let attempt = 1; ; attempt++) {
    const writer = await context.newPage();
    await writer.goto(url);
    await writer.evaluate((entries) => {
      localStorage.clear();
      for (const [k, v] of entries) localStorage.setItem(k, v);
    }, entries);
    const whileOpen = await seen(10000);
    await writer.close();
    const after = whileOpen === true ? await seen(2000) : whileOpen;
    if (after === true) return;
    if (attempt >= tries) throw new Error(`seeding localStorage: ${after} of ${want.count} entries took, ${tries} times`);
  }
}

/**
 * In the page: every record entry Attune holds ([key, text] pairs under
 * `attune.r.`), where the records live: IndexedDB (the therapist page's
 * home once moved: database `attune`, store `records`), else localStorage.
 * Never creates the database (the app does). Also the home marker and the
 * single document's length, for the checks of a move.
 */
export const STORED_RECORDS = async () => {
  const local = Object.keys(localStorage).filter((k) => k.startsWith('attune.r.')).map((k) => [k, localStorage.getItem(k)]);
  const doc = localStorage.getItem('attune.data')?.length ?? 0;
  const names = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
  if (!names.includes('attune')) return { home: false, idb: [], local, doc };
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('attune');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  if (!db.objectStoreNames.contains('records')) { db.close(); return { home: false, idb: [], local, doc }; }
  const store = db.transaction('records', 'readonly').objectStore('records');
  const ask = (q) => new Promise((resolve, reject) => { q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error); });
  const [keys, values] = [await ask(store.getAllKeys()), await ask(store.getAll())];
  db.close();
  const all = keys.map((k, i) => [String(k), values[i]]);
  return { home: all.some(([k]) => k === 'attune.home'), idb: all.filter(([k]) => k.startsWith('attune.r.')), local, doc };
};

/**
 * FNV-1a (64 bits) over every record's key and text in key order, each
 * followed by a zero byte: the checksum the app's own move writes in its
 * marker (`domain::records::home::Marker`).
 */
function recordsChecksum(entries) {
  const sorted = entries.filter(([k]) => k.startsWith('attune.r.')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const enc = new TextEncoder();
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (const [k, t] of sorted) {
    for (const part of [enc.encode(k), [0], enc.encode(t), [0]]) {
      for (const b of part) hash = ((hash ^ BigInt(b)) * prime) & mask;
    }
  }
  return { records: sorted.length, checksum: hash.toString(16).padStart(16, '0') };
}

/**
 * Seeds the records database of `context` on `origin` with `entries` as the
 * app's own move leaves it (database `attune` version 1, store `records`,
 * the entries and the `attune.home` marker), in transactions of 5,000, so
 * a device with more records than localStorage could ever hold can be
 * opened. localStorage is left empty of records.
 */
export async function seedRecordsDb(context, origin, entries) {
  const page = await context.newPage();
  try {
    await page.goto(origin + '/bench-seed');
    const m = recordsChecksum(entries);
    const marker = `{"records":${m.records},"checksum":"${m.checksum}","moved_at":"2026-01-01T00:00:00Z","version":8}`;
    const CHUNK = 5000;
    for (let i = 0; i < entries.length || i === 0; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      const last = i + CHUNK >= entries.length;
      await page.evaluate(({ chunk, marker, first }) => new Promise((resolve, reject) => {
        if (first) localStorage.clear();
        const open = indexedDB.open('attune', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('records');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('records', 'readwrite');
          const store = tx.objectStore('records');
          for (const [k, v] of chunk) store.put(v, k);
          if (marker) store.put(marker, 'attune.home');
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        };
      }), { chunk, marker: last ? marker : null, first: i === 0 });
      if (last) break;
    }
    const held = await page.evaluate(STORED_RECORDS);
    if (!held.home || held.idb.length !== entries.filter(([k]) => k.startsWith('attune.r.')).length) {
      throw new Error(`seeding IndexedDB: ${held.idb.length} of ${entries.length} records took`);
    }
  } finally {
    await page.close();
  }
}
