// Pinyin for one name, computed with pinyin-pro. Loaded only inside the pinyin worker: the
// dictionary is ~143 KB gzip, far beyond the popup's first-render budget.
import { pinyin } from 'pinyin-pro';
import type { Pinyin } from './contact-search.ts';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** `full` is the syllables run together, `initials` their first letters; latin words count as words. */
export function romanize(text: string): Pinyin {
  const tokens = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  let full = '';
  let initials = '';
  const chars = [...text];
  let han = 0;
  for (const token of tokens) {
    // pinyin-pro gives one token per Han character and one per run of anything else.
    const isHan = HAN.test(chars[han] ?? '') && /^[a-z]+$/i.test(token);
    han += isHan ? 1 : [...token].length;
    if (isHan) {
      full += token.toLowerCase();
      initials += token.charAt(0).toLowerCase();
      continue;
    }
    for (const word of token.toLowerCase().split(/[^a-z0-9]+/)) {
      if (!word) continue;
      full += word;
      initials += word.charAt(0);
    }
  }
  return { initials, full };
}
