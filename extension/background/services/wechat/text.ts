// Text cleaning for everything WeChat Web sends as "HTML-ish" strings: names, signatures and
// message Content (protocol digest §3.6). The result is always plain text for rendering as text;
// nothing here ever produces markup.

/** Wrong code points the web client emits, and the ones they mean (ItChat's table, digest §3.6). */
const EMOJI_REMAP: Readonly<Record<string, string>> = {
  '1f63c': '1f601',
  '1f639': '1f602',
  '1f63a': '1f603',
  '1f4ab': '1f616',
  '1f64d': '1f614',
  '1f63b': '1f60d',
  '1f63d': '1f618',
  '1f64e': '1f621',
  '1f63f': '1f622',
};

// The closing `>` is optional because the server sometimes drops it (ItChat repairs 1f450).
const EMOJI_SPAN = /<span class=["']emoji emoji([0-9a-fA-F]{4,10})["']\s*><\/span>?/g;

function codePointText(hex: string): string | undefined {
  const fixed = EMOJI_REMAP[hex.toLowerCase()] ?? hex;
  const value = Number.parseInt(fixed, 16);
  if (!Number.isFinite(value) || value <= 0 || value > 0x10ffff) return undefined;
  if (value >= 0xd800 && value <= 0xdfff) return undefined;
  return String.fromCodePoint(value);
}

/** One span's hex: one code point (4-5 digits) or two glued together (8 = 4+4, 10 = 5+5, flags). */
export function emojiHexToText(hex: string): string | undefined {
  if (hex.length === 4 || hex.length === 5) return codePointText(hex);
  if (hex.length === 8 || hex.length === 10) {
    const half = hex.length / 2;
    const first = codePointText(hex.slice(0, half));
    const second = codePointText(hex.slice(half));
    return first !== undefined && second !== undefined ? first + second : undefined;
  }
  return undefined;
}

/** `<span class="emoji emoji1f604"></span>` -> the emoji; unknown spans are dropped, not shown as markup. */
export function emojiSpansToText(input: string): string {
  return input.replace(EMOJI_SPAN, (_span, hex: string) => emojiHexToText(hex) ?? '');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes named (the five XML ones + nbsp) and numeric entities once; unknown ones stay as typed. */
export function decodeEntities(input: string): string {
  return input.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const value = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(value) || value <= 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return whole;
      return String.fromCodePoint(value);
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

export function brToNewline(input: string): string {
  return input.replace(/<br\s*\/?>/gi, '\n');
}

/**
 * Message Content -> plain text. Emoji spans go first so that a span someone typed literally
 * (and which therefore arrives entity-escaped) stays text instead of turning into an emoji.
 */
export function cleanContent(input: string): string {
  return decodeEntities(emojiSpansToText(brToNewline(input)));
}

/** Names and signatures: like content, but single-line and trimmed. */
export function cleanName(input: string): string {
  return cleanContent(input).replace(/\s*\n\s*/g, ' ').trim();
}
