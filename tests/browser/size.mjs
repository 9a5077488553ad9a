// Size budget of the first load: html + js + wasm + css (+ service worker and
// manifest when present), raw, gzip -9 and brotli -11. Sizes are deterministic
// for a given build, so the budget is asserted; the figures are printed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] ?? path.resolve(here, '../../dist');
const BUDGET = 120 * 1024; // issue 2: under 120 KB brotli (or gzip)
const GOAL = 90 * 1024;

/** The files a first visit downloads, with their three sizes. */
export function measure(dir) {
  const files = fs.readdirSync(dir).filter((f) => /\.(html|js|wasm|css|webmanifest)$/.test(f)).sort();
  return files.map((f) => {
    const body = fs.readFileSync(path.join(dir, f));
    return {
      file: f,
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }).length,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure(dist);
  const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log('file'.padEnd(36), '     raw KB', '   gzip KB', ' brotli KB');
  for (const r of rows) console.log(r.file.padEnd(36), kb(r.raw), '  ', kb(r.gzip), '  ', kb(r.brotli));
  console.log('total'.padEnd(36), kb(sum('raw')), '  ', kb(sum('gzip')), '  ', kb(sum('brotli')));
  const total = sum('brotli');
  console.log(`first load brotli ${kb(total).trim()} KB: budget ${BUDGET / 1024} KB, goal ${GOAL / 1024} KB`
    + (total <= GOAL ? ' (goal met)' : ' (goal not met)'));
  if (!rows.some((r) => r.file.endsWith('.wasm'))) { console.error('no .wasm in', dist); process.exit(1); }
  if (total > BUDGET) { console.error(`size budget exceeded: ${total} > ${BUDGET}`); process.exit(1); }
}
