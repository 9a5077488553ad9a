// A static server as a real host serves Attune, for Lighthouse: every file
// under `root` read once at start-up and precompressed in memory (brotli -11
// and gzip -9, the sizes the size table reports), answered with
// `content-encoding: br` when the client accepts it, else gzip, else as is
// (`vary: accept-encoding`). Images (already compressed) go as they are.
// Same types and headers as tests/browser/server.mjs otherwise: a missing
// file is a 404, `cache-control: no-cache`.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { TYPES } from '../tests/browser/server.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt']);

function walk(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.posix.join(rel, e.name);
    return e.isDirectory() ? walk(dir, r) : e.isFile() ? [r] : [];
  });
}

/**
 * Serves `root` on 127.0.0.1 (any free port), compressed. Resolves once every
 * file is compressed to { server, origin, served } where `served` counts the
 * responses by encoding ({ br, gzip, identity }).
 */
export async function serveCompressed(root) {
  const files = new Map();
  await Promise.all(walk(path.resolve(root)).map(async (rel) => {
    const body = fs.readFileSync(path.join(root, rel));
    const ext = path.extname(rel);
    const entry = { type: TYPES[ext] ?? 'application/octet-stream', identity: body };
    if (COMPRESSIBLE.has(ext)) {
      entry.br = await brotli(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      entry.gzip = await gzip(body, { level: 9 });
    }
    files.set('/' + rel, entry);
  }));
  const served = { br: 0, gzip: 0, identity: 0 };
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const f = files.get(path.posix.normalize(rel));
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const accepts = (req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
    const enc = f.br && accepts.includes('br') ? 'br' : f.gzip && accepts.includes('gzip') ? 'gzip' : 'identity';
    served[enc] += 1;
    const body = f[enc];
    res.writeHead(200, {
      'content-type': f.type,
      'cache-control': 'no-cache',
      'content-length': body.length,
      ...(f.br ? { vary: 'accept-encoding' } : {}),
      ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}`, served });
    });
  });
}
