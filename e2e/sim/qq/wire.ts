// The simulated server's side of the QQ HTTP wire format (qq-and-peers.md A.2, A.3).
// Requests: `KEY=VALUE&...`; the server URL-decodes them like a form (A.3 evidence 2: raw UTF-8
// and form-encoded posts both worked, and a raw `+` arrived as a space). Replies: list elements
// and text values escape `%`, `&`, `,` (lower-case `%2c`, as the 2010 C# client expects) and CR/LF;
// other text, CJK included, travels as raw UTF-8. Every list ends with a trailing comma and the
// body with CRLF (A.10).

/** Request fields by upper-case key (the seed shows both `VER=` and `ver=`). Later duplicates win. */
export function decodeRequest(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of body.replace(/[\r\n]+$/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).trim().toUpperCase();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    fields.set(key, formDecode(value));
  }
  return fields;
}

/** `+` is a space, `%XX` a UTF-8 byte; a malformed escape stays as typed. */
export function formDecode(value: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i] as string;
    if (ch === '+') {
      bytes.push(0x20);
    } else if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = value.codePointAt(i) as number;
      const char = String.fromCodePoint(code);
      bytes.push(...encoder.encode(char));
      i += char.length - 1;
    }
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

/** Escape one text value or list element the way the server does. */
export function escapeText(text: string): string {
  return text.replace(/[%&,\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export type ReplyValue = string | number | readonly (string | number)[];

/** Build a reply body: scalars escaped, lists escaped per element, joined by `,` with a trailing `,`. */
export function encodeReply(fields: ReadonlyArray<readonly [string, ReplyValue]>): string {
  const pairs = fields.map(([key, value]) => {
    if (Array.isArray(value)) return `${key}=${value.map((v) => `${escapeText(String(v))},`).join('')}`;
    return `${key}=${escapeText(String(value))}`;
  });
  return `${pairs.join('&')}\r\n`;
}
