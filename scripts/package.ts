// `npm run package`: a Chrome Web Store-ready zip of dist/ (manifest at the zip's root), named
// after the manifest's version.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const DIST = 'dist';
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { version: string };
const files: Record<string, Uint8Array> = {};
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith('.') || name.endsWith('.map')) continue; // vite's own bookkeeping, source maps
    if (statSync(path).isDirectory()) walk(path);
    else files[relative(DIST, path).split('\\').join('/')] = readFileSync(path);
  }
};
walk(DIST);
const zip = zipSync(files, { level: 9 });
const out = `switchboard-${manifest.version}.zip`;
writeFileSync(out, zip);
console.log(`${out}: ${Object.keys(files).length} files, ${(zip.length / 1024).toFixed(1)} KiB`);
