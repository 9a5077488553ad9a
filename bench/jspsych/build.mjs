#!/usr/bin/env node
// Builds the jsPsych peer page (bench/jspsych) into bench/out/jspsych-dist:
// main.js bundled and minified by esbuild with jsPsych and the
// html-vas-response plugin from bench/node_modules (versions pinned in
// bench/package.json), jsPsych's own stylesheet as the package ships it, and
// index.html. Nothing of jsPsych is committed; `node bench/jspsych/build.mjs`
// or any bench run rebuilds it (well under a second).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PLUGIN = '@jspsych-contrib/plugin-html-vas-response';

/**
 * The plugin's published index.js is a script, not a module: it reads the
 * global `jsPsychModule` (jsPsych's browser build) and defines the global
 * `jsPsychHtmlVasResponse`. Loaded through here it imports jsPsych and
 * exports the plugin class instead, so one bundle holds both; its code is
 * otherwise unchanged.
 */
const pluginAsModule = {
  name: 'plugin-as-module',
  setup(b) {
    const file = require.resolve(`${PLUGIN}/index.js`);
    b.onResolve({ filter: new RegExp(`^${PLUGIN}$`) }, () => ({ path: file }));
    b.onLoad({ filter: /.*/ }, (args) => {
      if (args.path !== file) return undefined;
      const src = fs.readFileSync(file, 'utf8');
      if (!/^var jsPsychHtmlVasResponse = \(function \(jspsych\) \{/m.test(src) || !/\}\)\(jsPsychModule\);\s*$/.test(src)) {
        throw new Error(`${PLUGIN}/index.js no longer has the shape build.mjs expects`);
      }
      return {
        contents: `import * as jsPsychModule from 'jspsych';\n${src}\nexport default jsPsychHtmlVasResponse;\n`,
        loader: 'js',
        resolveDir: path.dirname(file),
      };
    });
  },
};

/** Builds the page into `out` (emptied first) and returns `out`. */
export async function buildJsPsych(out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'main.js')],
    outfile: path.join(out, 'app.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'error',
    plugins: [pluginAsModule],
  });
  fs.copyFileSync(require.resolve('jspsych/css/jspsych.css'), path.join(out, 'jspsych.css'));
  fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildJsPsych(path.resolve(process.argv[2] ?? path.join(here, '../out/jspsych-dist')));
  for (const f of fs.readdirSync(out)) console.log(f, fs.statSync(path.join(out, f)).size);
}
