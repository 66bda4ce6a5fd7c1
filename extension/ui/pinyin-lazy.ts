// Pinyin for names the services did not romanize, without paying for pinyin-pro in the popup's
// first render: results come from a local cache at once, the rest from a worker started after the
// first frame. Pages only derive this; it is a cache, not state (the worker owns state).
import type { Pinyin } from './contact-search.ts';
import { hasHan } from './contact-search.ts';
import type { PinyinReply, PinyinRequest } from './pinyin-worker.ts';

const CACHE_KEY = 'pinyinCache.v1';
const CACHE_MAX = 20_000;

export interface PinyinSource {
  /** Known pinyin for a text, if computed already. */
  get(text: string): Pinyin | undefined;
  /** Compute what is missing; `onProgress` fires as batches arrive. */
  ensure(texts: Iterable<string>, onProgress: () => void): void;
}

function readCache(): Map<string, Pinyin> {
  const map = new Map<string, Pinyin>();
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const rows = raw ? (JSON.parse(raw) as unknown) : [];
    if (Array.isArray(rows)) {
      for (const row of rows) {
        if (Array.isArray(row) && row.length === 3 && row.every((x) => typeof x === 'string')) {
          map.set(row[0] as string, { initials: row[1] as string, full: row[2] as string });
        }
      }
    }
  } catch {
    // A broken cache is only a slower first search.
  }
  return map;
}

function writeCache(map: Map<string, Pinyin>): void {
  try {
    const rows = [...map].slice(-CACHE_MAX).map(([text, p]) => [text, p.initials, p.full]);
    localStorage.setItem(CACHE_KEY, JSON.stringify(rows));
  } catch {
    // Quota or privacy mode: the cache is optional.
  }
}

export function createPinyinSource(spawn: () => Worker = defaultSpawn): PinyinSource {
  let known: Map<string, Pinyin> | undefined;
  const pending = new Set<string>();
  const cache = () => (known ??= readCache());
  return {
    get: (text) => (hasHan(text) ? cache().get(text) : undefined),
    ensure(texts, onProgress) {
      const missing: string[] = [];
      for (const text of texts) if (hasHan(text) && !cache().has(text) && !pending.has(text)) missing.push(text);
      if (missing.length === 0) return;
      for (const text of missing) pending.add(text);
      const worker = spawn();
      worker.onmessage = (event: MessageEvent<PinyinReply>) => {
        for (const [text, initials, full] of event.data.rows) {
          cache().set(text, { initials, full });
          pending.delete(text);
        }
        if (event.data.done) {
          worker.terminate();
          writeCache(cache());
        }
        onProgress();
      };
      worker.postMessage({ texts: missing } satisfies PinyinRequest);
    },
  };
}

function defaultSpawn(): Worker {
  return new Worker(new URL('./pinyin-worker.ts', import.meta.url), { type: 'module' });
}
