// Trunk post_build hook (Trunk.toml): finishes the built app in Trunk's staging
// directory. Idempotent, so it can also be run again on a copy of dist/:
//   node scripts/postbuild.mjs [dir] [--minify]   (default: $TRUNK_STAGING_DIR)
//
// 0. With --minify (scripts/build.sh's last pass over dist/): minifies with
//    esbuild (npm, installed in scripts/tools/ by scripts/setup.sh) the
//    wasm-bindgen JS and the stylesheets Trunk wrote, and updates their
//    integrity attributes in the pages, and drops the pages' comments;
//    paint.js and sw-register.js below are minified too. Trunk's own minifier cannot parse wasm-bindgen's module
//    (it warns and copies it as it is), and its HTML minifier would rewrite
//    the attributes this script reads. The first load is smaller by what the
//    README's size table records.
// 1. First paint: fills the static rating screen of index.html (#paint) with
//    the heading and instructions of the SRS definition the app itself
//    embeds (scales/srs-attune.json, see src/domain/scale.rs), so the first
//    paint carries the real words before the wasm has loaded and cannot
//    differ from what the app then draws; and writes paint.js (from web/,
//    with that scale's id) into the page as an inline script, which hides it
//    when the app will show something else. First, so the pages are final
//    before they are hashed and listed.
// 2. Content-Security-Policy: Trunk writes its wasm loader as an inline
//    <script type="module">, whose text names the hashed files, so its sha256
//    is only known now. Every inline script's hash is put into script-src of
//    the CSP meta tag in index.html (the build fails if the tag is missing, so
//    no build ships without a policy). `trunk serve` adds an inline reload
//    script; it is hashed the same way.
// 3. Service worker: writes sw-register.js (copied from web/) and sw.js from
//    web/sw.js with the precache list (every file in the build, hashed names
//    included) and a version derived from the files' contents, so any change
//    to the build installs a new version. These scripts lose their comment
//    lines on the way: they count towards the first-load size budget.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const minify = args.includes('--minify');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('postbuild: give the built directory (or run as a Trunk hook)');
  process.exit(2);
}
const SW = 'sw.js';
const REGISTER = 'sw-register.js';
const sha256 = (data, enc) => crypto.createHash('sha256').update(data).digest(enc);

const web = (name) => fs.readFileSync(path.join(root, 'web', name), 'utf8');
// Whole-line comments and blank lines only: no line in these files starts a
// string with "//", so this cannot change what the code does.
const strip = (src) => src.split('\n').filter((l) => l.trim() && !/^\s*\/\//.test(l)).join('\n') + '\n';

// 0. Minify.
let esbuild = null;
if (minify) {
  try {
    esbuild = createRequire(path.join(root, 'scripts', 'tools', 'package.json'))('esbuild');
  } catch {
    console.error('postbuild: esbuild is missing from scripts/tools: run `bash scripts/setup.sh`');
    process.exit(1);
  }
}
/** A plain script of web/, as shipped: minified, or without its comment lines. */
const script = (name) => (esbuild ? esbuild.transformSync(web(name), { loader: 'js', minify: true }).code : strip(web(name)));
if (esbuild) {
  const htmlPages = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
  // The pages' comments are notes for whoever edits index.html.
  for (const page of htmlPages) {
    const htmlPath = path.join(dir, page);
    const html = fs.readFileSync(htmlPath, 'utf8');
    const next = html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');
    if (next !== html) fs.writeFileSync(htmlPath, next);
  }
  // Trunk's outputs carry a content hash in their names.
  for (const file of fs.readdirSync(dir).filter((f) => /-[0-9a-f]{8,16}\.(js|css)$/.test(f))) {
    const filePath = path.join(dir, file);
    const src = fs.readFileSync(filePath, 'utf8');
    const css = file.endsWith('.css');
    // wasm-bindgen indents its module; esbuild's output has no indented line
    // (and minifying it again would rename its locals anew), so a second run
    // leaves it as it is. Minified CSS comes out the same again.
    if (!css && !/\n {4}/.test(src)) continue;
    const out = esbuild.transformSync(src, css ? { loader: 'css', minify: true } : { loader: 'js', format: 'esm', minify: true }).code;
    fs.writeFileSync(filePath, out);
    const sri = `sha384-${crypto.createHash('sha384').update(out).digest('base64')}`;
    for (const page of htmlPages) {
      const htmlPath = path.join(dir, page);
      const html = fs.readFileSync(htmlPath, 'utf8');
      const tag = new RegExp(`<link\\b[^>]*\\bhref="/?${file.replace(/\./g, '\\.')}"[^>]*>`, 'g');
      const next = html.replace(tag, (t) => t.replace(/integrity="sha384-[^"]*"/, `integrity="${sri}"`));
      if (next !== html) fs.writeFileSync(htmlPath, next);
    }
  }
}

// 1. The first paint.
const PAINT = 'paint.js';
const srs = JSON.parse(fs.readFileSync(path.join(root, 'scales', 'srs-attune.json'), 'utf8'));
const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
let painted = false;
for (const page of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
  const htmlPath = path.join(dir, page);
  const html = fs.readFileSync(htmlPath, 'utf8');
  const fields = new Set();
  // The element's whole text is replaced, so running again gives the same page.
  const filled = html.replace(/(<(h1|p)\b[^>]*\bdata-scale="(heading|intro)"[^>]*>)[\s\S]*?(<\/\2>)/g, (_, open, _tag, field, close) => {
    if (typeof srs[field] !== 'string' || !srs[field].trim()) {
      console.error(`postbuild: scales/srs-attune.json has no ${field} for the first paint`);
      process.exit(1);
    }
    fields.add(field);
    return open + escapeHtml(srs[field]) + close;
  });
  // paint.js goes into the page itself (a first run finds its tag, a later
  // one the inline script it became; either way it is written afresh).
  const tag = /<script src="paint\.js"><\/script>|<script data-paint>[\s\S]*?<\/script>/;
  const guarded = tag.test(html);
  if (guarded !== (fields.size === 2)) {
    console.error(`postbuild: ${page} must have both the first paint (heading and intro) and ${PAINT}, or neither`);
    process.exit(1);
  }
  painted ||= guarded;
  const code = script(PAINT).replace('__ATTUNE_SRS_ID__', () => srs.id).trim();
  const inlined = guarded ? filled.replace(tag, () => `<script data-paint>${code}</script>`) : filled;
  if (inlined !== html) fs.writeFileSync(htmlPath, inlined);
}
if (painted) {
  // An older build's file, no longer referenced.
  fs.rmSync(path.join(dir, PAINT), { force: true });
}

// 1b. The form's two modules (src/domain/screens/lean.rs): where dist/ holds
//    the full form module (form-<hash>.js, built by scripts/build.sh), the
//    form page's loader is rewritten to start the first module (attune-*:
//    the plain form) when paint.js found the page plain, else the full one;
//    the first module hands over through window.attuneFull (naming the control
//    pressed, which the full module's drawing then gets pressed), and the full
//    module is fetched and compiled ahead once the lines are usable, when the
//    page is idle. The loader is a classic inline script right after
//    paint.js, so it runs while the head is parsed (an inline module, even
//    an async one, ran only once the whole page was parsed): the module the
//    page needs, its wasm and its JS, is fetched and compiled during the
//    rest of the parse and the first paint, and runs once the page is parsed.
//    Without both (a Trunk hook's pass, `trunk serve`) Trunk's loader stays.
const FULL = fs.readdirSync(dir).find((f) => /^form-[0-9a-f]+\.js$/.test(f));
const FIRST = fs.readdirSync(dir).some((f) => /^attune-[0-9a-f]+\.js$/.test(f));
const indexPath = path.join(dir, 'index.html');
if (FULL && FIRST && fs.existsSync(indexPath)) {
  const html = fs.readFileSync(indexPath, 'utf8');
  const lean = html.match(/<link rel="modulepreload" href="(\/?)(attune-[0-9a-f]+\.js)"/);
  const loader = /<script type="module"(?: async)?>[\s\S]*?<\/script>|<script data-loader>[\s\S]*?<\/script>/;
  if (!lean || !loader.test(html)) {
    console.error('postbuild: index.html has no loader of the first module (attune-*.js) to rewrite');
    process.exit(1);
  }
  const at = (f) => JSON.stringify(lean[1] + f);
  const wasm = (f) => f.replace(/\.js$/, '_bg.wasm');
  const code = `(async () => {
const lean = [${at(lean[2])}, ${at(wasm(lean[2]))}];
const full = [${at(FULL)}, ${at(wasm(FULL))}];
let compiled = null;
let ahead = null;
let handed = null;
let used = false;
let aheadWasm = null;
// Each module's JS, imported once (again after a failure, for a retry).
const mods = {};
const load = (js) => (mods[js] ??= import(js));
const start = async ([js, bg], code) => {
  const m = await load(js);
  const wasm = await m.default({ module_or_path: (await code) ?? bg });
  window.wasmBindings ??= m;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
};
// The first module's drawing goes in the task the full one mounted in.
// The control pressed there (Done, Hand to client, presentation mode) is
// pressed again here, and takes the focus first, as a press gave it there
// (a keyboard user goes on from it; a dialog it opens takes the focus after).
const finish = (press) => {
  document.getElementById('first-module')?.remove();
  const el = press && document.querySelector(press);
  el?.focus({ preventScroll: true });
  el?.click();
};
// The full module instantiated ahead left its mount (src/ui/shared/app.rs,
// start_form): called in the task of the press itself.
const mountAhead = (press) => {
  const mount = window.attuneMount;
  if (!mount) return false;
  window.attuneMount = null;
  // Started now: a mount that throws cannot be tried again (the module's
  // main has run), and the panic notice has the page.
  used = true;
  mount();
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: aheadWasm } }));
  finish(press);
  return true;
};
// The full module could not be had (no connection before the service worker
// kept it, an old tab whose files an update removed): the first module's
// form comes back, says so, and a second press tries again.
const failed = () => {
  if (used) return;
  handed = null;
  compiled = ahead = null;
  delete mods[full[0]];
  window.attuneAhead = false;
  const root = document.getElementById('first-module');
  root?.removeAttribute('inert');
  const hint = root?.querySelector('.hint');
  if (hint) hint.textContent = 'The rest of the form could not be loaded, so nothing was done. Your marks are kept on this device: check the connection and try again.';
  dispatchEvent(new Event('attune-handover-failed'));
};
window.attuneFull = (press) => {
  if (handed) return handed;
  try {
    if (mountAhead(press)) return (handed = Promise.resolve());
  } catch {
    failed();
    return Promise.resolve();
  }
  return (handed = (async () => {
    await ahead;
    if (!mountAhead(press)) {
      // Started here, not ahead: it mounts as it starts.
      window.attuneAhead = false;
      await start(full, compiled);
      finish(press);
    }
  })().catch(failed));
};
// This script runs as the head is parsed, right after paint.js, which has
// said which module the page needs (had it not run, the page is left to the
// full module). That module's wasm is fetched and compiled off the main
// thread, and its JS imported, during the rest of the parse, the stylesheet
// and the first paint; it is instantiated, and draws, once the page is
// parsed.
const parsed = () => new Promise((r) => {
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => r(), { once: true });
  else r();
});
const compile = (bg) => WebAssembly.compileStreaming(fetch(bg)).catch(() => undefined);
// Imported early for a head start only: a failure here is met again, and
// handled, where the module is started.
const early = (js) => { load(js).catch(() => { delete mods[js]; }); };
if (document.documentElement.classList.contains('no-paint') || window.attunePaint !== true) {
  compiled = compile(full[1]);
  early(full[0]);
  await parsed();
  await window.attuneFull();
} else {
  const code = compile(lean[1]);
  early(lean[0]);
  await parsed();
  await start(lean, code);
  // Once the lines are usable and the page idle: the full module fetched,
  // compiled off the main thread and instantiated, its mount left for the
  // hand-over (a failure here leaves the hand-over to try again itself).
  const fetchAhead = () => {
    if (handed) return;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = full[0];
    document.head.append(link);
    compiled = compile(full[1]);
    ahead = (async () => {
      const code = await compiled;
      if (!code || handed) return;
      const m = await load(full[0]);
      if (handed) return;
      window.attuneAhead = true;
      aheadWasm = await m.default({ module_or_path: code });
    })().catch(() => { compiled = null; });
  };
  if ('requestIdleCallback' in window) requestIdleCallback(fetchAhead, { timeout: 3000 });
  else setTimeout(fetchAhead, 500);
}
})();
`;
  // Minified with the rest (its comments are for whoever reads this file):
  // the loader is part of the form's first load.
  const js = esbuild ? esbuild.transformSync(code, { loader: 'js', target: 'es2022', minify: true }).code : code;
  const script = `<script data-loader>${js}</script>`;
  // The first load's requests go out before paint.js runs: its first look at
  // localStorage opens the origin's storage, which holds up the parser (and
  // the browser's look-ahead for what to fetch) for several milliseconds, and
  // longer on a slow device. So the first module's JS and wasm (which Trunk
  // writes at the end of the head) and a preload of the stylesheet (the
  // stylesheet itself stays after the loader: a classic script after a
  // pending stylesheet would wait for it) come first. Moved, not added: a
  // second run finds them where the first left them.
  const preloads = /\s*(?:<link rel="preload" href="[^"]+\.css" as="style"[^>]*>|<link rel="modulepreload" href="\/?attune-[0-9a-f]+\.js"[^>]*>|<link rel="preload" href="\/?attune-[0-9a-f]+_bg\.wasm"[^>]*>)/g;
  const sheet = html.match(/<link rel="stylesheet" href="([^"]+\.css)" integrity="([^"]+)"\s*\/?>/);
  const first = (html.match(preloads) ?? []).map((t) => t.trim()).filter((t) => !/as="style"/.test(t));
  if (!sheet || first.length !== 2 || !/<script data-paint>/.test(html)) {
    console.error('postbuild: index.html lacks the stylesheet, the first module\'s two preloads or the first paint\'s script');
    process.exit(1);
  }
  const early = [`<link rel="preload" href="${sheet[1]}" as="style" integrity="${sheet[2]}">`, ...first].join('');
  const next = html.replace(loader, () => script).replace(preloads, '')
    .replace(/\s*<script data-paint>/, () => `\n    ${early}\n    <script data-paint>`);
  if (next !== html) fs.writeFileSync(indexPath, next);
}

// 2. CSP hashes for inline scripts, in every page of the build (the form's
//    index.html and therapist.html each have their own loader).
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
if (pages.length === 0) {
  console.error(`postbuild: no HTML page in ${dir}`);
  process.exit(1);
}
let hashCount = 0;
for (const page of pages) {
  const htmlPath = path.join(dir, page);
  let html = fs.readFileSync(htmlPath, 'utf8');
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    // The browser hashes the element's text exactly as written (UTF-8).
    hashes.push(`'sha256-${sha256(Buffer.from(m[2], 'utf8'), 'base64')}'`);
  }
  const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
  const found = html.match(csp);
  if (!found) {
    console.error(`postbuild: ${page} has no Content-Security-Policy meta tag`);
    process.exit(1);
  }
  const policy = found[2].split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    if (name !== 'script-src') return d;
    // Drop hashes of an earlier run, so re-running stays exact.
    const kept = sources.filter((src) => !/^'sha256-/.test(src));
    return [name, ...kept, ...new Set(hashes)].join(' ');
  }).join('; ');
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'"]) {
    if (policy.includes(bad)) {
      console.error(`postbuild: the CSP of ${page} must not contain ${bad}`);
      process.exit(1);
    }
  }
  html = html.replace(csp, (_, a, _old, c) => a + policy + c);
  fs.writeFileSync(htmlPath, html);
  hashCount += hashes.length;
}

// 3. The service worker with its precache list.
fs.writeFileSync(path.join(dir, REGISTER), script(REGISTER));
function list(d, prefix = '') {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return list(path.join(d, e.name), `${rel}/`);
    return rel === SW ? [] : [rel];
  });
}
const files = list(dir).sort();
const template = strip(web(SW));
const digest = crypto.createHash('sha256').update(template);
for (const f of files) digest.update(`${f}\0${sha256(fs.readFileSync(path.join(dir, f)), 'hex')}\n`);
const version = digest.digest('hex').slice(0, 16);
const sw = template
  .replace("'__ATTUNE_VERSION__'", () => JSON.stringify(version))
  .replace('__ATTUNE_ASSETS__', () => JSON.stringify(files));
fs.writeFileSync(path.join(dir, SW), sw);
console.log(`postbuild: ${pages.join(', ')}: CSP script hashes ${hashCount}, service worker ${version} precaching ${files.length} files`);
