// A tiny static server for the built app (dist/). Unlike a dev server it
// answers a missing file with 404, so a wrong asset path fails loudly.
// With `options.couch` it also reverse-proxies `/couchdb/` to a CouchDB (the
// sync tests' pouchdb-server, see couch.mjs), the same-origin set-up the app
// expects, with controls to cut, stall or fake the connection mid-sync.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** Content types by file extension (the benchmark's compressed server uses them too). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export const PROXY_PREFIX = '/couchdb';

/**
 * Serves `root` on 127.0.0.1 at `port` (0 = any free port). Resolves to
 * { server, origin }, plus `proxy` when `options.couch` is given: a CouchDB
 * root URL (or an object with `.url`, such as startCouch()'s result) to which
 * requests under `/couchdb/` are forwarded with the prefix stripped. See
 * `makeProxy` for the controls.
 */
export function serve(root, port = 0, options = {}) {
  const base = path.resolve(root);
  const proxy = options.couch ? makeProxy(options.couch) : null;
  const server = http.createServer((req, res) => {
    if (proxy && (req.url === PROXY_PREFIX || req.url.startsWith(PROXY_PREFIX + '/'))) {
      proxy.handle(req, res);
      return;
    }
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, '.' + rel);
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    });
  });
  if (proxy) {
    // Stalled requests would keep server.close() waiting for ever.
    const close = server.close.bind(server);
    server.close = (cb) => {
      proxy.controls.restore();
      const r = close(cb);
      server.closeAllConnections();
      return r;
    };
  }
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve(proxy ? { server, origin, proxy: proxy.controls } : { server, origin });
    });
  });
}

// Hop-by-hop headers (RFC 9110 7.6.1) are the proxy's own, never forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate',
  'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

// CouchDB's error names for the statuses a test may fake with 'status:NNN'.
const ERROR_NAMES = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
  409: 'conflict', 412: 'file_exists', 413: 'too_large', 415: 'bad_content_type',
  500: 'unknown_error', 502: 'bad_gateway', 503: 'service_unavailable', 504: 'gateway_timeout',
};

const MODES = /^(pass|drop|stall|portal|truncate|status:[1-5][0-9][0-9])$/;

/**
 * The `/couchdb/` reverse proxy and its test controls (`serve(...).proxy`):
 *
 * - `mode`: how each request is handled when it arrives:
 *   'pass' forward it (default);
 *   'drop' destroy the socket without answering (fetch rejects: network error);
 *   'stall' hold it unanswered until restore() (time it out with AbortController);
 *   'portal' answer 200 text/html "<html>Sign in to Wi-Fi</html>" like a captive portal;
 *   'truncate' forward it, send the status, headers and the first half of the
 *     body, then destroy the socket (a response cut mid-body);
 *   'status:NNN' answer NNN with a CouchDB-style JSON error body, not forwarded.
 * - `cutAfter(n, mode, match?)`: pass n more requests, then switch to `mode`
 *   for that request and all after it. With `match` (a RegExp tested against
 *   "METHOD /path?query", or a function of the log entry) only matching
 *   requests are counted: cutAfter(0, 'drop', /_bulk_docs/) drops the first
 *   _bulk_docs and everything after it.
 * - `restore()`: back to 'pass', cancel a pending cutAfter, destroy stalled requests.
 * - `log`: one entry per request under /couchdb/, in arrival order:
 *   { method, path (prefix stripped, no query), url (with query), action (the
 *   mode it met), status (the upstream status once known, for 'pass'/'truncate') }.
 *   Assign `proxy.log = []` (or `log.length = 0`) to start afresh.
 * - `target`: the CouchDB root URL; may be changed.
 *
 * A non-admin `PUT /{db}` (creating a database) is answered 401 by the
 * proxy itself: pouchdb-server 4.2.0 crashes on it (see COUCH.md). Requests
 * carrying the admin's basic auth (`couch.adminAuth`) are forwarded.
 *
 * A `Set-Cookie` Path is moved under the prefix (Path=/ becomes
 * Path=/couchdb/), as nginx's proxy_cookie_path would, so the AuthSession
 * cookie goes back to the proxy and nowhere else on the origin.
 */
function makeProxy(couch) {
  const stalled = new Set();
  let cut = null;
  const adminAuth = typeof couch === 'string' ? undefined : couch.adminAuth;
  let mode = 'pass';
  const controls = {
    target: typeof couch === 'string' ? couch : couch.url,
    get mode() { return mode; },
    set mode(m) {
      check(m);
      mode = m;
    },
    log: [],
    cutAfter(n, then, match) {
      check(then);
      const test = match == null ? () => true
        : typeof match === 'function' ? match : (e) => match.test(`${e.method} ${e.url}`);
      cut = { left: n, mode: then, test };
    },
    restore() {
      mode = 'pass';
      cut = null;
      for (const r of stalled) r.destroy();
      stalled.clear();
    },
    /** Requests held by 'stall' now. */
    get stalled() { return stalled.size; },
  };
  function check(m) {
    if (typeof m !== 'string' || !MODES.test(m)) throw new Error(`proxy mode '${m}' is not one of pass, drop, stall, portal, truncate, status:NNN`);
  }

  function handle(req, res) {
    const url = req.url.slice(PROXY_PREFIX.length) || '/';
    const entry = { method: req.method, path: url.split('?')[0], url, action: null, status: null };
    controls.log.push(entry);
    if (cut && cut.test(entry)) {
      if (cut.left > 0) cut.left--;
      else {
        mode = cut.mode;
        cut = null;
      }
    }
    entry.action = mode.startsWith('status:') ? 'status' : mode;

    if (mode === 'pass' && req.method === 'PUT' && /^\/[^_/?][^/?]*\/?(\?.*)?$/.test(url)
        && req.headers.authorization !== adminAuth) {
      // pouchdb-server 4.2.0 crashes (TypeError: db.info is not a function)
      // when a non-admin creates a database; answer as CouchDB 3 does.
      entry.action = 'guard';
      entry.status = 401;
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }) + '\n');
      return;
    }

    if (mode === 'drop') {
      req.socket.destroy();
    } else if (mode === 'stall') {
      stalled.add(req.socket);
      req.socket.on('close', () => stalled.delete(req.socket));
      req.resume();
    } else if (mode === 'portal') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<html>Sign in to Wi-Fi</html>');
    } else if (mode.startsWith('status:')) {
      const status = Number(mode.slice(7));
      entry.status = status;
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: ERROR_NAMES[status] ?? 'error', reason: `test proxy answered ${status}` }) + '\n');
    } else {
      forward(req, res, url, entry, mode === 'truncate');
    }
  }

  function forward(req, res, url, entry, truncate) {
    const target = new URL(controls.target);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && k !== 'host') headers[k] = v;
    headers.host = target.host;
    const basePath = target.pathname.replace(/\/$/, '');
    const up = http.request({
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: basePath + url,
      headers,
    }, (upRes) => {
      entry.status = upRes.statusCode;
      const out = {};
      for (const [k, v] of Object.entries(upRes.headers)) if (!HOP.has(k)) out[k] = v;
      if (out['set-cookie']) out['set-cookie'] = out['set-cookie'].map(movePath);
      if (out.location) out.location = moveLocation(out.location, target);
      if (!truncate) {
        res.writeHead(upRes.statusCode, out);
        upRes.pipe(res);
        return;
      }
      // Read the whole answer, send half, then cut the connection.
      const chunks = [];
      upRes.on('data', (c) => chunks.push(c));
      upRes.on('end', () => {
        // The full Content-Length is kept, so the client can tell the body
        // was cut short (as when a connection drops mid-answer).
        const body = Buffer.concat(chunks);
        const socket = res.socket;
        res.writeHead(upRes.statusCode, out);
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          setTimeout(() => socket?.destroy(), 20);
        });
      });
    });
    up.on('error', (err) => {
      if (res.headersSent) {
        res.destroy();
      } else {
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'bad_gateway', reason: String(err.message) }) + '\n');
      }
    });
    // The client gave up (AbortController, closed tab): so does the upstream request.
    res.on('close', () => { if (!res.writableFinished) up.destroy(); });
    req.pipe(up);
  }

  function movePath(cookie) {
    const parts = cookie.split(';');
    let seen = false;
    const moved = parts.map((p) => {
      const m = /^\s*path\s*=\s*(.*)$/i.exec(p);
      if (!m) return p;
      seen = true;
      const v = m[1].trim() || '/';
      return ` Path=${PROXY_PREFIX}${v.startsWith('/') ? v : '/' + v}`;
    });
    if (!seen) moved.push(` Path=${PROXY_PREFIX}/`);
    return moved.join(';');
  }

  function moveLocation(loc, target) {
    try {
      const u = new URL(loc);
      if (u.host !== target.host) return loc;
      return PROXY_PREFIX + u.pathname + u.search;
    } catch {
      return loc;
    }
  }

  return { handle, controls };
}
