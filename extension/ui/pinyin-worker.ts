// A dedicated worker that romanizes names off the main thread: 5,000 names take ~0.5 s with
// pinyin-pro, which must not block typing or scrolling in the popup.
import { romanize } from './romanize.ts';

export type PinyinRequest = { texts: string[] };
/** [text, initials, full] per text, in batches so early results show up early. */
export type PinyinReply = { done: boolean; rows: [string, string, string][] };

const BATCH = 250;

self.onmessage = (event: MessageEvent<PinyinRequest>) => {
  const texts = event.data.texts;
  for (let i = 0; i < texts.length; i += BATCH) {
    const rows = texts.slice(i, i + BATCH).map((text): [string, string, string] => {
      const { initials, full } = romanize(text);
      return [text, initials, full];
    });
    (self as unknown as Worker).postMessage({ done: i + BATCH >= texts.length, rows } satisfies PinyinReply);
  }
  if (texts.length === 0) (self as unknown as Worker).postMessage({ done: true, rows: [] } satisfies PinyinReply);
};
