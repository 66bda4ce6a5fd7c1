import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureEntry, workerEntry } from './size.ts';

const dist = mkdtempSync(join(tmpdir(), 'bench-size-'));
const write = (path: string, text: string) => {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
};
write('manifest.json', JSON.stringify({ background: { service_worker: 'loader.js' } }));
write('loader.js', "import './assets/worker.js';");
write('assets/worker.js', 'import{a as b}from"./shared.js";console.log(b);');
write('assets/shared.js', 'export const a=1;');
write('assets/page.js', 'import{a}from"./shared.js";const w=()=>new Worker(new URL(`/assets/heavy.js`,``+import.meta.url));import("./later.js");');
write('assets/heavy.js', 'x'.repeat(5000));
write('assets/later.js', 'import{a}from"./shared.js";');
write('assets/page.css', 'body{color:red}');
write('page/index.html', '<script type="module" src="/assets/page.js"></script><link rel="stylesheet" href="/assets/page.css"><a href="https://example.com/x.js">');

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('size', () => {
  it('follows an HTML entry through scripts, stylesheets and static imports; workers and import() are lazy', () => {
    const size = measureEntry(dist, 'page/index.html');
    expect(size.files.map((f) => f.path).sort()).toEqual(['assets/page.css', 'assets/page.js', 'assets/shared.js', 'page/index.html']);
    expect(size.lazy.map((f) => f.path).sort()).toEqual(['assets/heavy.js', 'assets/later.js']);
    expect(size.gzip).toBe(size.files.reduce((s, f) => s + f.gzip, 0));
    expect(size.lazyGzip).toBeGreaterThan(0);
  });

  it('follows the worker loader named by the manifest', () => {
    expect(workerEntry(dist)).toBe('loader.js');
    const size = measureEntry(dist, 'loader.js');
    expect(size.files.map((f) => f.path).sort()).toEqual(['assets/shared.js', 'assets/worker.js', 'loader.js']);
    expect(size.lazy).toEqual([]);
  });
});
