// Where the wasm bytes go: function body sizes from the code section, named
// from the name section, grouped by crate. Run it on wasm-bindgen's output
// before wasm-opt (bench/out/profile-dist/attune-named_bg.wasm, made by
// `node bench/run.mjs` or `--profile`): wasm-opt strips the names and then
// shrinks every group, so the shares are indicative, not exact.
import fs from 'node:fs';

function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [result, pos];
}

/** [{ name, size }] for every defined function, plus the non-code sections' sizes. */
export function functionSizes(file) {
  const buf = fs.readFileSync(file);
  let pos = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const other = {};
  while (pos < buf.length) {
    const id = buf[pos++];
    let size; [size, pos] = leb(buf, pos);
    const end = pos + size;
    if (id === 2) { // imports: count imported functions (they take the first indices)
      let n, p = pos; [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        let len; [len, p] = leb(buf, p); p += len; [len, p] = leb(buf, p); p += len;
        const kind = buf[p++];
        if (kind === 0) { [, p] = leb(buf, p); imported++; }
        else if (kind === 1) { p++; let f; [f, p] = leb(buf, p); [, p] = leb(buf, p); if (f & 1) [, p] = leb(buf, p); }
        else if (kind === 2) { let f; [f, p] = leb(buf, p); [, p] = leb(buf, p); if (f & 1) [, p] = leb(buf, p); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p++; [, p] = leb(buf, p); }
      }
    } else if (id === 10) {
      let n, p = pos; [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) { let len; [len, p] = leb(buf, p); bodies.push(len); p += len; }
    } else if (id === 0) {
      let len, p = pos; [len, p] = leb(buf, p);
      const name = buf.toString('utf8', p, p + len); p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = buf[p++]; let sz; [sz, p] = leb(buf, p); const subEnd = p + sz;
          if (sub === 1) {
            let n, q = p; [n, q] = leb(buf, q);
            for (let i = 0; i < n; i++) {
              let idx, l; [idx, q] = leb(buf, q); [l, q] = leb(buf, q);
              names.set(idx, buf.toString('utf8', q, q + l)); q += l;
            }
          }
          p = subEnd;
        }
      } else other[`custom:${name}`] = size;
    } else other[`section ${id}`] = size;
    pos = end;
  }
  return { fns: bodies.map((size, i) => ({ name: names.get(imported + i) ?? `func${imported + i}`, size })), other };
}

/**
 * The crate a function belongs to, from its mangled name: legacy (`_ZN`) or
 * v0 (`_R`) Rust mangling. A trait method implemented for a generic type
 * (`<T as reactive_graph::traits::With>`) counts for the trait's crate, as
 * twiggy would: monomorphised library code for Attune's types lands there.
 */
export function crateOf(name) {
  if (name.startsWith('_ZN')) {
    const len = parseInt(name.slice(3), 10);
    const at = 3 + String(len).length;
    let seg = name.slice(at, at + len);
    if (seg.startsWith('_$LT$')) {
      seg = seg.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\.\./g, '::').replace(/\$RF\$/g, '&');
      const m = seg.match(/ as ([A-Za-z_]\w*)::/) ?? seg.match(/impl ([A-Za-z_]\w*)::/) ?? seg.match(/([A-Za-z_]\w*)::/);
      return m ? m[1] : '(generic impl)';
    }
    return seg;
  }
  if (name.startsWith('_R')) {
    const m = name.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
    if (m) { const i = m.index + m[0].length; return name.slice(i, i + Number(m[1])); }
  }
  if (name.startsWith('__wbg') || name.includes('externref')) return 'wasm-bindgen glue';
  // Demangled (wasm-bindgen's output): "<T as crate::Trait>::f", "crate[hash]::module::f".
  const d = name.startsWith('<')
    ? name.match(/ as ([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/) ?? name.match(/^<([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/)
    : name.match(/^([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/);
  if (d) return d[1];
  return /^(dlmalloc|memcpy|memset|memmove|memcmp)/.test(name) ? 'dlmalloc / compiler-builtins' : '(other)';
}

export function byCrate(file, top = 12) {
  const { fns } = functionSizes(file);
  const total = fns.reduce((a, f) => a + f.size, 0);
  const groups = new Map();
  for (const f of fns) groups.set(crateOf(f.name), (groups.get(crateOf(f.name)) ?? 0) + f.size);
  return { total, rows: [...groups].sort((a, b) => b[1] - a[1]).slice(0, top) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { total, rows } = byCrate(process.argv[2], 20);
  for (const [k, v] of rows) console.log(String(v).padStart(9), (100 * v / total).toFixed(1).padStart(5) + '%', k);
  console.log(String(total).padStart(9), 'code bytes');
}
