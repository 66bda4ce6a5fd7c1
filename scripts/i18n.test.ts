// Every user-visible string is in both locales, and every key the code asks for exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
  JSON.parse(readFileSync(`extension/public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string; placeholders?: object }>;
const en = load('en');
const zh = load('zh_CN');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('en and zh_CN have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty, and zh_CN is really translated where en has letters', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(zh[key]?.message.trim(), key).not.toBe('');
    }
  });

  it('placeholders agree between the locales', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(Object.keys(zh[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
    }
  });

  it('every literal key the code asks for exists', () => {
    const missing: string[] = [];
    for (const file of sources('extension')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) {
        if (!(match[1]! in en)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every account status and service has a label', () => {
    for (const status of ['signedOut', 'signingIn', 'online', 'reconnecting', 'needsUser', 'stopped']) expect(en).toHaveProperty(`status_${status}`);
    for (const service of ['wechat', 'weibo', 'qq']) expect(en).toHaveProperty(`service_${service}`);
  });
});
