// The client report, printed: a client with four sessions (one with a
// progress note) is seeded as a stored document (version 3), the report is
// opened from the client's page, and Chromium prints it to PDF on A4 and US
// Letter. The PDFs' text (read with pdf.js) must carry the label, the period,
// the table's dates and totals, the chart's dates and summary and the note,
// and nothing of the app around it. The PDFs and a PNG of the print layout
// are kept in tests/browser/artifacts/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfText } from './pdf.mjs';
import { setup, teardown, openApp, axe, assertClean } from './harness.mjs';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

let env;
before(async () => { env = await setup(); });
after(async () => { await teardown(env); });

const NOTE = {
  client_feedback: 'it felt rushed at the end',
  therapist_response: 'we will stop ten minutes earlier',
};

/** Four sessions of client RB (one with a note) and one of another client. */
const DOC = JSON.stringify({
  schema: 'attune', version: 3, last_backup_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  clients: [
    { id: 'c-rb', label: 'RB', archived: false, created_at: '2026-01-05T09:00:00Z' },
    { id: 'c-zz', label: 'ZZ', archived: false, created_at: '2026-01-05T09:00:00Z' },
  ],
  ratings: [
    ['r-1', 'c-rb', '2026-01-12T10:00:00Z', [95, 95, 95, 95]],
    ['r-2', 'c-rb', '2026-02-09T10:00:00Z', [90, 85, 88, 90]],
    ['r-3', 'c-rb', '2026-03-09T10:00:00Z', [80, 80, 50, 70], NOTE],
    ['r-4', 'c-rb', '2026-03-23T10:00:00Z', [92, 92, 90, 93]],
    ['r-9', 'c-zz', '2026-03-10T10:00:00Z', [10, 10, 10, 10]],
  ].map(([id, client_id, at, scores, note]) => ({
    id, recorded_at: at, session_at: at, client_id, scores, scale_id: 'srs-attune', scale_version: 1,
    ...(note ? { note } : {}),
  })),
});


test('the report opens from the client page, prints on A4 and Letter with the client, chart, table and note, and nothing else', async () => {
  const { context, page, log } = await openApp(env, { timezoneId: 'UTC' });
  await page.evaluate((t) => localStorage.setItem('attune.data', t), DOC);
  await page.goto(env.origin + '/therapist.html#/client/c-rb');
  await page.getByRole('heading', { name: 'Client RB' }).waitFor();
  await page.getByRole('link', { name: 'Report to print' }).click();
  await page.getByRole('heading', { name: 'SRS report: client RB' }).waitFor();
  assert.match(page.url(), /#\/report\/c-rb$/);
  assert.equal((await page.getByTestId('report-period').textContent()).trim(), '4 sessions, 12 Jan 2026 \u2013 23 Mar 2026');
  assert.equal(await page.getByTestId('history-table').locator('tbody tr').count(), 4, 'only this client\'s sessions');
  const notes = await page.getByTestId('report-notes').locator('li').allTextContents();
  assert.equal(notes.length, 1, 'only the session with a note');

  // On screen: accessible, and nothing scrolls sideways on a phone or a tablet.
  assert.deepEqual(await axe(page), [], 'report screen');
  for (const width of [360, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(wide, false, `no sideways scrolling at ${width}px`);
  }

  // The button asks the browser to print (the dialog itself is the browser's).
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'window.print() was called');

  // On paper: the print layout fits the narrower printable width (A4 less
  // 15 mm margins is 180 mm, 680 px) without anything sticking out.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 962 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the print layout is ${overflow}px wider than the page`);
  for (const sel of ['header.top', '.skip-link', '.report-actions', '.checklist', '.banner']) {
    const shown = await page.locator(sel).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).length);
    assert.equal(shown, 0, `${sel} is not printed`);
  }
  // The table's caption heads it on paper, above the column headings.
  const caption = await page.evaluate(() => {
    const table = document.querySelector('.history-table');
    const cap = table.querySelector('caption').getBoundingClientRect();
    const head = table.querySelector('thead').getBoundingClientRect();
    return { capBottom: cap.bottom, headTop: head.top };
  });
  assert.ok(caption.capBottom <= caption.headTop + 0.5, `the caption is above the headings (${JSON.stringify(caption)})`);
  const ink = await page.evaluate(() => getComputedStyle(document.querySelector('.chart .total-line')).stroke);
  assert.equal(ink, 'rgb(0, 0, 0)', 'the total line prints black');
  await page.screenshot({ path: path.join(ARTIFACTS, 'report-print.png') });
  // Back to no emulation: page.pdf() prints with print media only then.
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1000, height: 900 });

  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, `report-${format.toLowerCase()}.pdf`), pdf);
    const pages = await pdfText(pdf);
    const text = pages.join(' ');
    assert.ok(pages.length <= 2, `${format}: ${pages.length} pages`);
    assert.match(text, /SRS report: client RB/, `${format}: the client label`);
    assert.match(text, /4 sessions, 12 Jan 2026 \u2013 23 Mar 2026/, `${format}: the period`);
    for (const [date, total] of [['2026-01-12', '38.0'], ['2026-02-09', '35.3'], ['2026-03-09', '28.0'], ['2026-03-23', '36.7']]) {
      assert.match(text, new RegExp(`${date} 10:00`), `${format}: session ${date} in the table`);
      assert.match(text, new RegExp(`${total.replace('.', '\\.')} / 40`), `${format}: total ${total}`);
    }
    assert.match(text, /Sudden drop/, `${format}: the table's alerts`);
    assert.match(text, /12 Jan 2026/, `${format}: the chart's first date`);
    assert.match(text, /4 sessions from 2026-01-12 to 2026-03-23; total went from 38\.0 to 36\.7/, `${format}: the chart's summary`);
    assert.match(text, /it felt rushed at the end/, `${format}: the client's feedback`);
    assert.match(text, /we will stop ten minutes earlier/, `${format}: the therapist's response`);
    assert.doesNotMatch(text, /focus/i, `${format}: no words meant for the screen`);
    for (const word of ['Spoken entry', 'Settings', 'Hand to client', 'Print or save as PDF', 'Skip to main', 'Back to the client', 'Report to print', 'ZZ']) {
      assert.ok(!text.includes(word), `${format}: "${word}" is not printed`);
    }
  }
  assertClean(env, log);
  await context.close();
});

test('an unknown client\'s report says so and links back', async () => {
  const { context, page, log } = await openApp(env);
  await page.goto(env.origin + '/therapist.html#/report/nobody');
  await page.getByRole('heading', { name: 'Client not found' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'All clients' }).count(), 1);
  assertClean(env, log);
  await context.close();
});
