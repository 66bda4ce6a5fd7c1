// Benchmark 4, size: gzip bytes per entry of dist/. From each HTML entry, its scripts and
// stylesheets; from each script, its static imports (the files loaded before first render);
// dynamic imports and `new URL(...)` workers are counted apart as lazy. The worker entry is the
// service-worker loader's import graph. Every file is gzipped on its own (zlib level 6, gzip's
// default), as a store or a browser cache would hold it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult, Figure } from './types.ts';

export interface SizedFile {
  path: string;
  raw: number;
  gzip: number;
}

export interface EntrySize {
  entry: string;
  /** Loaded before first render / worker start. */
  files: SizedFile[];
  /** Reachable only through dynamic import() or a Worker URL. */
  lazy: SizedFile[];
  gzip: number;
  lazyGzip: number;
}

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.(?:js|mjs|css))["']/g;
const DYNAMIC = /(?:import\(\s*|new URL\(\s*)[`"']([^`"']+\.(?:js|mjs))[`"']/g;
const HTML_REFS = /<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g;

function resolveRef(dist: string, from: string, ref: string): string | undefined {
  if (/^[a-z]+:/i.test(ref)) return undefined;
  const path = ref.startsWith('/') ? join(dist, ref) : resolve(dirname(from), ref);
  const clean = normalize(path);
  return clean.startsWith(dist) && existsSync(clean) ? clean : undefined;
}

function sized(dist: string, path: string): SizedFile {
  const bytes = readFileSync(path);
  return { path: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
}

export function measureEntry(distDir: string, entry: string): EntrySize {
  const dist = resolve(distDir);
  const entryPath = join(dist, entry);
  const loaded = new Set<string>();
  const lazy = new Set<string>();
  const queue: string[] = [];
  const visit = (path: string | undefined, into: Set<string>) => {
    if (!path || loaded.has(path) || into.has(path)) return;
    into.add(path);
    queue.push(path);
  };
  if (entry.endsWith('.html')) {
    loaded.add(entryPath);
    const html = readFileSync(entryPath, 'utf8');
    for (const m of html.matchAll(HTML_REFS)) visit(resolveRef(dist, entryPath, m[1] as string), loaded);
  } else {
    visit(entryPath, loaded);
  }
  while (queue.length) {
    const file = queue.shift() as string;
    if (!file.endsWith('.js') && !file.endsWith('.mjs')) continue;
    const code = readFileSync(file, 'utf8');
    const isLazy = lazy.has(file);
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolveRef(dist, file, m[1] as string), isLazy ? lazy : loaded);
    for (const m of code.matchAll(DYNAMIC)) visit(resolveRef(dist, file, m[1] as string), lazy);
  }
  for (const path of loaded) lazy.delete(path);
  const files = [...loaded].map((p) => sized(dist, p));
  const lazyFiles = [...lazy].map((p) => sized(dist, p));
  const sum = (list: SizedFile[]) => list.reduce((s, f) => s + f.gzip, 0);
  return { entry, files, lazy: lazyFiles, gzip: sum(files), lazyGzip: sum(lazyFiles) };
}

/** The worker's entry: the manifest's service_worker (crxjs writes a small loader). */
export function workerEntry(distDir: string): string {
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
  return manifest.background?.service_worker ?? 'service-worker-loader.js';
}

const ENTRIES = [
  { id: 'popup', entry: 'extension/popup/index.html', maxKb: 40 },
  { id: 'options', entry: 'extension/options/index.html', maxKb: 60 },
  { id: 'worker', entry: '', maxKb: 80 },
] as const;

export function sizeBench(distDir: string): Omit<BenchResult, 'seconds'> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const { id, entry, maxKb } of ENTRIES) {
    const size = measureEntry(distDir, entry || workerEntry(distDir));
    const kb = size.gzip / 1024;
    figures.push({ key: `size.${id}`, label: `${id}: gzip of what loads first`, unit: 'KB', value: kb, basis: 'single', runs: [kb], target: { max: maxKb, label: `<= ${maxKb} KB` } });
    if (size.lazy.length) figures.push({ key: `size.${id}.lazy`, label: `${id}: lazy chunks (gzip)`, unit: 'KB', value: size.lazyGzip / 1024, basis: 'single', runs: [size.lazyGzip / 1024] });
    const list = (files: SizedFile[]) => files.map((f) => `${f.path} ${(f.gzip / 1024).toFixed(1)} KB (raw ${(f.raw / 1024).toFixed(1)})`).join(', ');
    notes.push(`${id}: ${list(size.files)}${size.lazy.length ? `; lazy: ${list(size.lazy)}` : ''}`);
  }
  return {
    id: 'size',
    title: 'Size',
    method: 'Each entry of dist/ (popup and options HTML, the manifest\'s service worker) followed through its scripts, stylesheets and static imports; every file gzipped on its own (level 6) and summed. Dynamic imports and Worker URLs are listed as lazy, outside the target. Deterministic: one run.',
    figures,
    notes,
  };
}
