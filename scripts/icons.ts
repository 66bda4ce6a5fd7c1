// `npm run icons`: renders assets/icon.svg to the manifest's PNG sizes with Debian's Chromium,
// so the icons come from one SVG and no image library is needed.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumPath, QUIET_FLAGS } from './chromium-path.ts';

const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: QUIET_FLAGS });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}">`);
  await page.screenshot({ path: `extension/public/icons/icon-${size}.png`, omitBackground: true });
  console.log(`extension/public/icons/icon-${size}.png`);
}
await browser.close();
