// After `vite build`: fail if the worker's module graph contains a dynamic import() — Chromium
// throws "import() is disallowed on ServiceWorkerGlobalScope" and the worker dies before its
// listeners register (crxjs#1235 with Vite 8). Also fail if the manifest lost its worker.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8')) as { background?: { service_worker?: string } };
const loader = manifest.background?.service_worker;
if (!loader) throw new Error('dist/manifest.json has no background.service_worker');

const seen = new Set<string>();
const offenders: string[] = [];
const visit = (file: string) => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join('dist', file), 'utf8');
  if (/\bimport\s*\(/.test(code)) offenders.push(file);
  for (const match of code.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?['"](\.{0,2}\/[^'"]+)['"]/g)) {
    const spec = match[1]!;
    const target = spec.startsWith('/') ? spec.slice(1) : join(file, '..', spec);
    visit(target);
  }
};
visit(loader);
if (offenders.length) {
  console.error(`The worker bundle contains dynamic import(): ${offenders.join(', ')}`);
  process.exit(1);
}
const assets = readdirSync('dist/assets').length;
console.log(`build check: worker graph ${seen.size} files, no dynamic import(); ${assets} assets`);
