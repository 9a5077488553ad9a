// The rating screen and review, driven in real headless Chromium as a client
// and a therapist would: mouse, touch, pen, keyboard, reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, openApp, slider, tapAt, rateAll, valueOf, valueBecomes, axe, assertClean, finishRating,
} from './harness.mjs';

const TITLES = ['Relationship', 'Goals and Topics', 'Approach or Method', 'Overall'];
let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

test('a fresh app opens on four blank lines in order, Done disabled', async () => {
  const { context, page, log } = await openApp(env);
  const sliders = page.getByRole('slider');
  assert.equal(await sliders.count(), 4);
  for (let i = 0; i < 4; i++) {
    const s = sliders.nth(i);
    const name = await s.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby')).textContent);
    assert.ok(name.includes(TITLES[i]), `slider ${i} is ${TITLES[i]}`);
    assert.equal(await s.getAttribute('aria-valuemin'), '0');
    assert.equal(await s.getAttribute('aria-valuemax'), '10');
    assert.equal(await s.getAttribute('aria-valuenow'), null);
    assert.match(await s.getAttribute('aria-valuetext'), /not rated/);
    assert.equal(await s.locator('.vas-mark').count(), 0, 'no preset mark');
  }
  // No numbers or ticks on the lines while rating.
  const lineText = await page.locator('.vas').evaluateAll((els) => els.map((e) => e.textContent).join(''));
  assert.equal(lineText.trim(), '');
  assert.equal(await page.getByRole('button', { name: 'Done', exact: true }).isDisabled(), true);
  assertClean(env, log);
  await context.close();
});

test('the slider box is the line: 0 at its left edge, 10 at its right, >= 44 px tall', async () => {
  const { context, page, log } = await openApp(env);
  for (const t of TITLES) {
    const s = slider(page, t);
    const box = await s.boundingBox();
    const line = await s.locator('.vas-line').boundingBox();
    assert.ok(Math.abs(line.x - box.x) < 0.5 && Math.abs(line.width - box.width) < 0.5, 'line spans the box');
    assert.ok(box.height >= 44, `hit area ${box.height}px`);
    // 10 cm at 96 CSS px per inch on a wide screen.
    assert.ok(Math.abs(box.width - (10 / 2.54) * 96) < 1, `drawn ${box.width}px`);
  }
  await tapAt(page, 'Relationship', 0);
  assert.equal(await valueOf(page, 'Relationship'), '0.0');
  const box = await slider(page, 'Relationship').boundingBox();
  await page.mouse.click(box.x + box.width - 0.01, box.y + box.height / 2);
  assert.equal(await valueOf(page, 'Relationship'), '10.0');
  assertClean(env, log);
  await context.close();
});

test('a tap places the mark; a drag moves it; dragging past the ends clamps', async () => {
  const { context, page, log } = await openApp(env);
  await tapAt(page, 'Goals and Topics', 0.73);
  assert.equal(await valueOf(page, 'Goals and Topics'), '7.3');
  assert.equal(await slider(page, 'Goals and Topics').getAttribute('aria-valuetext'), '7.3 out of 10');
  assert.equal(await slider(page, 'Goals and Topics').locator('.vas-mark').count(), 1);

  const box = await slider(page, 'Approach or Method').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  assert.equal(await valueOf(page, 'Approach or Method'), '2.0');
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 10 });
  assert.equal(await valueOf(page, 'Approach or Method'), '6.0');
  // Pointer capture keeps the drag even far outside the line.
  await page.mouse.move(box.x + box.width + 200, y + 150, { steps: 5 });
  assert.equal(await valueOf(page, 'Approach or Method'), '10.0');
  await page.mouse.move(box.x - 300, y, { steps: 5 });
  assert.equal(await valueOf(page, 'Approach or Method'), '0.0');
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
  await page.mouse.up();
  assert.equal(await valueOf(page, 'Approach or Method'), '4.5');
  // After release, moving the mouse changes nothing.
  await page.mouse.move(box.x + box.width * 0.9, y, { steps: 3 });
  assert.equal(await valueOf(page, 'Approach or Method'), '4.5');
  assertClean(env, log);
  await context.close();
});

test('touch: tap and drag; a cancelled touch restores the value from before it', async () => {
  const { context, page, log } = await openApp(env, { hasTouch: true, isMobile: true, viewport: { width: 800, height: 1000 } });
  const cdp = await context.newCDPSession(page);
  const box = await slider(page, 'Overall').boundingBox();
  const y = box.y + box.height / 2;
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' || type === 'touchCancel' ? [] : [{ x, y, id: 1 }],
  });
  await touch('touchStart', box.x + box.width * 0.3);
  await touch('touchEnd');
  assert.equal(await valueBecomes(page, 'Overall', '3.0'), '3.0');
  await touch('touchStart', box.x + box.width * 0.5);
  for (let i = 1; i <= 10; i++) await touch('touchMove', box.x + box.width * (0.5 + i * 0.03));
  await touch('touchEnd');
  assert.equal(await valueBecomes(page, 'Overall', '8.0'), '8.0');
  // A system gesture cancels this touch: the mark returns to 8.0.
  await touch('touchStart', box.x + box.width * 0.1);
  await touch('touchMove', box.x + box.width * 0.15);
  assert.equal(await valueBecomes(page, 'Overall', '1.5'), '1.5');
  await touch('touchCancel');
  assert.equal(await valueBecomes(page, 'Overall', '8.0'), '8.0');
  // touch-action: none keeps the page from scrolling under the finger.
  assert.equal(await slider(page, 'Overall').evaluate((el) => getComputedStyle(el).touchAction), 'none');
  assertClean(env, log);
  await context.close();
});

test('pen: a stylus tap and drag rate a line', async () => {
  const { context, page, log } = await openApp(env);
  const cdp = await context.newCDPSession(page);
  const box = await slider(page, 'Relationship').boundingBox();
  const y = box.y + box.height / 2;
  const pen = (type, x, buttons) => cdp.send('Input.dispatchMouseEvent', {
    type, x, y, button: 'left', buttons, clickCount: 1, pointerType: 'pen',
  });
  // The listener must be in place before the press: CDP input and page
  // evaluation travel on different sessions, so awaiting a promise set up
  // alongside the press could miss the event.
  await page.evaluate(() => {
    document.querySelector('.vas').addEventListener('pointerdown', (e) => { window.seenPointer = e.pointerType; }, { once: true });
  });
  await pen('mousePressed', box.x + box.width * 0.25, 1);
  assert.equal(await page.evaluate(() => window.seenPointer), 'pen');
  await pen('mouseMoved', box.x + box.width * 0.55, 1);
  await pen('mouseReleased', box.x + box.width * 0.55, 0);
  assert.equal(await valueOf(page, 'Relationship'), '5.5');
  assertClean(env, log);
  await context.close();
});

test('keyboard: every APG key, with visible focus', async () => {
  const { context, page, log } = await openApp(env);
  // From the top of the page: Tab to the skip link, Enter, then Tab reaches the first line.
  const s = slider(page, 'Relationship');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  assert.ok(await page.getByRole('button', { name: 'Skip to main content' }).isVisible(), 'visible when focused');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await s.evaluate((el) => el === document.activeElement), true, 'Tab reaches the first line');
  const outline = await s.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const steps = [
    ['End', '10.0'], ['ArrowRight', '10.0'], ['ArrowLeft', '9.9'], ['ArrowDown', '9.8'],
    ['ArrowUp', '9.9'], ['PageDown', '8.9'], ['PageUp', '9.9'], ['PageUp', '10.0'],
    ['Home', '0.0'], ['ArrowLeft', '0.0'], ['PageDown', '0.0'], ['ArrowRight', '0.1'], ['PageUp', '1.1'],
  ];
  for (const [key, want] of steps) {
    await page.keyboard.press(key);
    assert.equal(await valueOf(page, 'Relationship'), want, `after ${key}`);
  }
  // Tab moves on to the next line, which is still blank.
  await page.keyboard.press('Tab');
  assert.equal(await slider(page, 'Goals and Topics').evaluate((el) => el === document.activeElement), true);
  assert.equal(await valueOf(page, 'Goals and Topics'), null);
  await page.keyboard.press('ArrowUp');
  assert.equal(await valueOf(page, 'Goals and Topics'), '0.1');
  assertClean(env, log);
  await context.close();
});

test('Done only when all four are rated; the review shows total, status, lowest, items', async () => {
  const { context, page, log } = await openApp(env);
  const done = page.getByRole('button', { name: 'Done', exact: true });
  await rateAll(page, [0.9, 0.85, 0.7]);
  assert.equal(await done.isDisabled(), true);
  await tapAt(page, 'Overall', 0.7);
  assert.equal(await done.isDisabled(), false);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '31.5 / 40');
  // The band stays as data; on screen the status speaks in the app's voice.
  assert.equal(await page.getByTestId('status').getAttribute('data-band'), 'poor');
  assert.equal((await page.getByTestId('status').textContent()).trim(), 'Below cutoff: worth talking about');
  assert.equal(await page.getByTestId('cutoff-flag').count(), 1);
  const lowest = await page.getByTestId('status-detail').textContent();
  assert.ok(lowest.includes('Approach or Method') && lowest.includes('Overall'), `tied lowest: ${lowest}`);
  const rows = await page.locator('table.items tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim()).filter(Boolean).join(' ')));
  assert.deepEqual(rows, [
    'Relationship 9.0', 'Goals and Topics 8.5', 'Approach or Method 7.0', 'Overall 7.0',
  ]);
  // New rating starts blank.
  await page.getByRole('button', { name: 'New rating' }).click();
  assert.equal(await valueOf(page, 'Relationship'), null);
  assertClean(env, log);
  await context.close();
});

test('band and cutoff at the boundaries seen by a therapist', async () => {
  const { context, page } = await openApp(env);
  const cases = [
    [[1, 1, 1, 0.9], '39.0 / 40', 'good', 0],
    [[1, 1, 0.9, 0.6], '35.0 / 40', 'fair', 1],
    [[1, 1, 1, 0.6], '36.0 / 40', 'fair', 0],
  ];
  for (const [fr, total, band, flag] of cases) {
    await rateAll(page, fr);
    await finishRating(page);
    assert.equal((await page.getByTestId('total').textContent()).trim(), total);
    assert.equal(await page.getByTestId('status').getAttribute('data-band'), band);
    assert.doesNotMatch(await page.getByTestId('status').textContent(), /poor|fair|good/, 'no verdict on screen');
    assert.equal(await page.getByTestId('cutoff-flag').count(), flag, `flag for ${total}`);
    await page.getByRole('button', { name: 'New rating' }).click();
  }
  await context.close();
});

test('a saved rating survives a reload, in a versioned envelope', async () => {
  const { context, page, log } = await openApp(env);
  await rateAll(page, [0.95, 0.95, 0.95, 0.95]);
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  await page.reload();
  await page.getByTestId('total').waitFor();
  assert.equal((await page.getByTestId('total').textContent()).trim(), '38.0 / 40');
  assert.equal(await page.getByTestId('recent').locator('li').count(), 1);
  const stored = await page.evaluate(() => attuneStored());
  assert.equal(stored.schema, 'attune');
  assert.equal(typeof stored.version, 'number');
  assert.equal(stored.ratings.length, 1);
  const r = stored.ratings[0];
  assert.deepEqual(r.scores, [95, 95, 95, 95]);
  assert.equal(r.scale_id, 'srs-attune');
  assert.equal(r.scale_version, 1);
  assert.match(r.recorded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.match(r.id, /^[0-9a-f-]{36}$/);
  // Opening the app afresh (no fragment) still lands on a blank form.
  await page.goto(env.origin + '/');
  assert.equal(await valueOf(page, 'Relationship'), null);
  assertClean(env, log);
  await context.close();
});

test('a draft survives a reload mid-rating', async () => {
  const { context, page, log } = await openApp(env);
  await tapAt(page, 'Relationship', 0.42);
  await tapAt(page, 'Approach or Method', 0.81);
  await page.reload();
  await page.getByRole('slider').first().waitFor();
  assert.equal(await valueOf(page, 'Relationship'), '4.2');
  assert.equal(await valueOf(page, 'Goals and Topics'), null);
  assert.equal(await valueOf(page, 'Approach or Method'), '8.1');
  assertClean(env, log);
  await context.close();
});

for (const dpr of [1, 2]) {
  test(`scores are right at device-pixel ratio ${dpr} and on a narrow screen`, async () => {
    const { context, page, log } = await openApp(env, { deviceScaleFactor: dpr, viewport: { width: 320, height: 800 } });
    const box = await slider(page, 'Relationship').boundingBox();
    assert.ok(box.width < 320 && box.width > 250, `line shrinks to fit: ${box.width}px`);
    await tapAt(page, 'Relationship', 0.37);
    assert.equal(await valueOf(page, 'Relationship'), '3.7');
    await tapAt(page, 'Overall', 0.991);
    assert.equal(await valueOf(page, 'Overall'), '9.9');
    assertClean(env, log);
    await context.close();
  });
}

test('axe-core finds no WCAG 2.2 A/AA violation on the form and the review', async () => {
  const { context, page, log } = await openApp(env);
  assert.deepEqual(await axe(page), [], 'blank form');
  await rateAll(page, [0.5, 0.6, 0.7, 0.8]);
  assert.deepEqual(await axe(page), [], 'rated form');
  await finishRating(page);
  await page.getByTestId('total').waitFor();
  assert.deepEqual(await axe(page), [], 'review');
  assertClean(env, log);
  await context.close();
});
