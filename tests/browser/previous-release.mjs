// Makes `fixtures/previous-release.json`: localStorage exactly as the
// previous release's own build (records in localStorage, before IndexedDB)
// left it after a therapist's work, for `idb.test.mjs`'s move test.
//
//   ATTUNE_PREVIOUS_DIST=/path/to/that/build/dist node tests/browser/previous-release.mjs
//
// The build is the release before this one (`git archive <commit> | tar -x`
// then `bash scripts/build.sh` there); the fixture records which commit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { CHROMIUM_ARGS, setPin, addClient } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.ATTUNE_PREVIOUS_DIST;
if (!dist) throw new Error('set ATTUNE_PREVIOUS_DIST to the previous release build');
const PIN = '4826';
const labels = ['AN', 'BO'];

const { server, origin } = await serve(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, serviceWorkers: 'block' });
const page = await context.newPage();
await page.goto(origin + '/');
await page.getByRole('slider').first().waitFor();
await setPin(page, PIN);
for (const label of labels) await addClient(page, label);
// A session by voice for AN: the ORS, then the SRS, with a note.
await page.getByRole('button', { name: 'AN', exact: true }).click();
await page.getByRole('button', { name: 'Start session: ORS by voice' }).click();
for (const [t, v] of [['Individually', '5'], ['Interpersonally', '6'], ['Socially', '4'], ['Overall', '6']]) {
  await page.getByLabel(`${t} (0 to 10)`).fill(v);
}
await page.getByRole('button', { name: 'Save scores' }).click();
await page.getByTestId('ors-total').waitFor();
await page.getByRole('button', { name: 'SRS by voice' }).click();
for (const [t, v] of [['Relationship', '9'], ['Goals and Topics', '8'], ['Approach or Method', '9'], ['Overall', '9']]) {
  await page.getByLabel(`${t} (0 to 10)`).fill(v);
}
await page.getByRole('button', { name: 'Save scores' }).click();
await page.getByTestId('total').waitFor();
await page.getByLabel('What the client said (optional)').fill('felt heard today');
await page.getByLabel('What the client said (optional)').blur();
await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('attune.r.m.')
  && localStorage.getItem(k).includes('felt heard today')));
const local = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
const hasIdb = await page.evaluate(async () => (await indexedDB.databases()).length > 0);
if (hasIdb) throw new Error('that build used IndexedDB: not the previous release');
const out = { made_by: 'tests/browser/previous-release.mjs', commit: process.env.ATTUNE_PREVIOUS_COMMIT ?? null, pin: PIN, labels, localStorage: local };
fs.mkdirSync(path.join(here, 'fixtures'), { recursive: true });
fs.writeFileSync(path.join(here, 'fixtures/previous-release.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${Object.keys(local).length} entries`);
await browser.close();
await new Promise((r) => server.close(r));
