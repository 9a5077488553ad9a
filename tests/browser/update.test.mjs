// An update reaches a tablet left in client mode: a
// client walked away from a half-filled form, and a new version was
// published meanwhile. Nothing is offered to the client; once the therapist
// unlocks, the therapist page offers the update although the draft is still
// stored (nobody is marking lines there, and a reload keeps the draft), and
// after it the client's marks are still on the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import {
  DIST, CHROMIUM_ARGS, tapAt, valueOf, setPin, installStoredReaders, stopServer,
} from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PIN = '4826';
let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => { await browser.close(); });

/** Waits until the page has looked at the offer twice more (it looks twice a second). */
async function offerChecked(page) {
  const seen = await page.evaluate(() => Number(document.documentElement.dataset.updateChecks || 0));
  await page.waitForFunction((n) => Number(document.documentElement.dataset.updateChecks || 0) >= n + 2, seen);
}

test("an update reaches a tablet left in client mode: offered once the therapist unlocks, the client's marks kept", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-update-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const { server, origin } = await serve(dir);
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await installStoredReaders(context);
  const errors = [];
  context.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${p.url()})`); });
    p.on('pageerror', (e) => errors.push(`${String(e)} (${p.url()})`));
  });
  try {
    const page = await context.newPage();
    await page.goto(origin + '/');
    await page.getByRole('slider').first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await setPin(page, PIN);
    await page.getByRole('button', { name: 'Hand to client' }).click();
    await page.locator('main.client-mode').waitFor();
    await page.getByRole('slider').first().waitFor();

    // The client marks two lines and walks away.
    await tapAt(page, 'Relationship', 0.5);
    await tapAt(page, 'Goals and Topics', 0.3);
    const marks = [await valueOf(page, 'Relationship'), await valueOf(page, 'Goals and Topics')];
    assert.ok(marks.every(Boolean), 'two lines marked');
    await page.waitForFunction(() => localStorage.getItem('attune.draft') !== null);

    // Version 2 is published and waits.
    for (const f of ['index.html', 'therapist.html']) {
      const html = fs.readFileSync(path.join(dir, f), 'utf8');
      fs.writeFileSync(path.join(dir, f), html.replace('<title>', '<meta name="attune-test-build" content="2" />\n    <title>'));
    }
    execFileSync('node', [path.join(ROOT, 'scripts/postbuild.mjs'), dir], { stdio: 'pipe' });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
    // Nothing is offered to the client mid-rating.
    await offerChecked(page);
    assert.equal(await page.getByTestId('update-banner').count(), 0, 'no offer to the client');

    // The therapist comes back and unlocks: the offer is there.
    await page.getByRole('button', { name: 'Therapist: unlock' }).click();
    await page.getByLabel('PIN', { exact: true }).fill(PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation').waitFor();
    const banner = page.getByTestId('update-banner');
    await banner.waitFor();
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 0, 'still the old version');
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Update now' }).click()]);
    await page.getByRole('navigation').waitFor();
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 1, 'version 2 is showing');

    // Back to the form: the client's marks are all there.
    await page.getByRole('link', { name: 'Rate', exact: true }).click();
    await page.getByRole('slider').first().waitFor();
    assert.equal(await page.locator('meta[name="attune-test-build"]').count(), 1);
    assert.deepEqual([await valueOf(page, 'Relationship'), await valueOf(page, 'Goals and Topics')], marks);
    assert.equal(await valueOf(page, 'Overall'), null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
