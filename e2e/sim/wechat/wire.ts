// Wire formats: JSON written by hand where JavaScript numbers cannot hold the value (NewMsgId),
// and the text escaping the service applies to names and message Content (digest 3.6).
import { randomHex } from './ids.ts';

const MARK = `~bignum${randomHex(12)}~`;
const MARK_PATTERN = new RegExp(`"${MARK}(-?\\d+)${MARK}"`, 'g');

/** A JSON number too large for a double; serialised digit for digit. */
export class BigNum {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return `${MARK}${this.digits}${MARK}`;
  }
}

/** JSON.stringify, except that BigNum values become bare (overflowing) numbers in the text. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value).replace(MARK_PATTERN, '$1');
}

export function baseResponse(ret = 0, errMsg = ''): { Ret: number; ErrMsg: string } {
  return { Ret: ret, ErrMsg: errMsg };
}

const EMOJI = /(\p{Regional_Indicator}\p{Regional_Indicator})|(\p{Extended_Pictographic})\uFE0F?/gu;

/** Emoji as the web client receives them: <span class="emoji emoji1f604"></span>; flags as 5+5 hex. */
export function emojiToSpans(text: string): string {
  return text.replace(EMOJI, (match: string) => {
    const hex = [...match]
      .filter((ch) => ch !== '\uFE0F')
      .map((ch) => (ch.codePointAt(0) ?? 0).toString(16))
      .join('');
    return `<span class="emoji emoji${hex}"></span>`;
  });
}

/** HTML-escape as the server does for text Content, then newlines to <br/>, then emoji spans. */
export function escapeText(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br/>');
  return emojiToSpans(escaped);
}

/** XML inside Content travels entity-escaped (app messages, sysmsg, image/voice/video XML). */
export function escapeXml(xml: string): string {
  return xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** For values placed inside XML attributes/elements we build. */
export function xmlValue(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Plain text of a wire name (for pinyin): drop emoji spans and decode the common entities. */
export function plainText(wire: string): string {
  return wire
    .replace(/<span class="emoji emoji[0-9a-f]+"><\/span>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
