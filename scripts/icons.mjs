// Renders the PNG app icons from the SVG sources with Debian's Chromium (the
// browser the tests already use), so no image tool is needed. The PNGs are
// committed; run this again only when public/icon*.svg changes:
//   node scripts/icons.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// playwright-core lives with the browser tests (npm ci --prefix tests/browser).
const { chromium } = createRequire(path.join(root, 'tests/browser/package.json'))('playwright-core');

const OUT = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
for (const [src, dest, size] of OUT) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const svg = fs.readFileSync(path.join(root, 'public', src), 'utf8');
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: path.join(root, 'public', dest), omitBackground: true });
  await page.close();
  console.log(dest, fs.statSync(path.join(root, 'public', dest)).size, 'bytes');
}
await browser.close();
