// PYInitial / PYQuanPin as the service fills them (seed 002): "文件传输助手" -> WJCSZS /
// wenjianchuanshuzhushou, "Nandi Wardhana" -> NANDIWARDHANA / NandiWardhana.
import { pinyin } from 'pinyin-pro';
import { plainText } from './wire.ts';

const HAN = /\p{Script=Han}/u;
const KEEP = /[\p{L}\p{N}]/u;

export function pinyinFields(wireName: string): { initial: string; full: string } {
  const text = plainText(wireName);
  if (!text) return { initial: '', full: '' };
  const chars = [...text];
  const syllables = chars.some((ch) => HAN.test(ch)) ? pinyin(text, { toneType: 'none', type: 'array' }) : [];
  let initial = '';
  let full = '';
  chars.forEach((ch, index) => {
    if (HAN.test(ch)) {
      const syllable = syllables[index] ?? '';
      initial += syllable.slice(0, 1).toUpperCase();
      full += syllable.toLowerCase();
    } else if (KEEP.test(ch)) {
      initial += ch.toUpperCase();
      full += ch;
    }
  });
  return { initial, full };
}
