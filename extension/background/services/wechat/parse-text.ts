// Strict parser for the `window.x = ...;` bodies WeChat answers login and synccheck with.
// Other clients eval them; MV3 forbids that and server text is data (invariant 4), so this accepts
// only: `window.<dotted.name> = <string | integer | {key: string|integer, ...}>` statements.
// Anything else (a call, an identifier, a stray token) makes the whole body invalid.

export type ScalarValue = string | number;
export type AssignedValue = ScalarValue | Readonly<Record<string, ScalarValue>>;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  eat(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }
  done(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  name(): string | undefined {
    this.skipSpace();
    const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', "'": "'", '\\': '\\', '/': '/' };

function readString(cursor: Cursor): string | undefined {
  cursor.skipSpace();
  const quote = cursor.peek();
  if (quote !== '"' && quote !== "'") return undefined;
  cursor.pos++;
  let out = '';
  while (cursor.pos < cursor.text.length) {
    const ch = cursor.text[cursor.pos++] ?? '';
    if (ch === quote) return out;
    if (ch === '\n') return undefined;
    if (ch === '\\') {
      const next = cursor.text[cursor.pos++] ?? '';
      const mapped = ESCAPES[next];
      if (mapped === undefined) return undefined;
      out += mapped;
    } else {
      out += ch;
    }
  }
  return undefined;
}

function readScalar(cursor: Cursor): ScalarValue | undefined {
  cursor.skipSpace();
  const ch = cursor.peek();
  if (ch === '"' || ch === "'") return readString(cursor);
  const match = /^-?\d{1,15}(?![\w.])/.exec(cursor.text.slice(cursor.pos, cursor.pos + 20));
  if (!match) return undefined;
  cursor.pos += match[0].length;
  return Number(match[0]);
}

function readObject(cursor: Cursor): Record<string, ScalarValue> | undefined {
  if (!cursor.eat('{')) return undefined;
  const out: Record<string, ScalarValue> = Object.create(null) as Record<string, ScalarValue>;
  if (cursor.eat('}')) return out;
  for (;;) {
    cursor.skipSpace();
    const key = cursor.peek() === '"' || cursor.peek() === "'" ? readString(cursor) : cursor.name();
    if (key === undefined || !cursor.eat(':')) return undefined;
    const value = readScalar(cursor);
    if (value === undefined) return undefined;
    out[key] = value;
    if (cursor.eat('}')) return out;
    if (!cursor.eat(',')) return undefined;
  }
}

/** All assignments keyed by the name after `window.` (e.g. `QRLogin.code`), or null if any is not plain data. */
export function parseWindowAssignments(text: string): Map<string, AssignedValue> | null {
  const cursor = new Cursor(text);
  const out = new Map<string, AssignedValue>();
  while (!cursor.done()) {
    if (cursor.name() !== 'window') return null;
    const path: string[] = [];
    while (cursor.eat('.')) {
      const part = cursor.name();
      if (part === undefined) return null;
      path.push(part);
    }
    if (path.length === 0 || !cursor.eat('=')) return null;
    cursor.skipSpace();
    const value = cursor.peek() === '{' ? readObject(cursor) : readScalar(cursor);
    if (value === undefined) return null;
    out.set(path.join('.'), value);
    cursor.eat(';');
  }
  return out;
}

/** A number, or a string holding only an integer (synccheck quotes its numbers). */
export function asInteger(value: AssignedValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function asString(value: AssignedValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export type QrLoginAnswer = { code: number; uuid?: string };

/** `window.QRLogin.code = 200; window.QRLogin.uuid = "xxxx==";` */
export function parseQrLogin(text: string): QrLoginAnswer | null {
  const values = parseWindowAssignments(text);
  const code = asInteger(values?.get('QRLogin.code'));
  if (code === undefined) return null;
  const uuid = asString(values?.get('QRLogin.uuid'));
  // The uuid goes into a URL we encode into a QR code: accept only the base64-ish alphabet.
  const safe = uuid !== undefined && /^[A-Za-z0-9_=+/-]{4,64}$/.test(uuid) ? uuid : undefined;
  return safe === undefined ? { code } : { code, uuid: safe };
}

export type LoginPollAnswer = { code: number; redirectUri?: string; avatar?: string };

/** `window.code=201;window.userAvatar='data:...';` or `window.code=200;window.redirect_uri="...";` */
export function parseLoginPoll(text: string): LoginPollAnswer | null {
  const values = parseWindowAssignments(text);
  const code = asInteger(values?.get('code'));
  if (code === undefined) return null;
  const answer: LoginPollAnswer = { code };
  const redirect = asString(values?.get('redirect_uri'));
  if (redirect !== undefined) answer.redirectUri = redirect;
  const avatar = asString(values?.get('userAvatar'));
  // Only an image data URL is useful (and harmless) to show; anything else is dropped.
  if (avatar !== undefined && /^data:im(?:g|age)\/[a-z+.-]{2,12};base64,[A-Za-z0-9+/=\s]+$/.test(avatar)) answer.avatar = avatar;
  return answer;
}

export type SyncCheckAnswer = { retcode: number; selector: number };

/** `window.synccheck={retcode:"0",selector:"2"}`; values are numbers after parsing, never strings. */
export function parseSyncCheck(text: string): SyncCheckAnswer | null {
  const value = parseWindowAssignments(text)?.get('synccheck');
  if (value === undefined || typeof value !== 'object') return null;
  const retcode = asInteger(value.retcode);
  const selector = asInteger(value.selector);
  if (retcode === undefined) return null;
  // Some error answers carry no selector; they are still meaningful through retcode.
  return { retcode, selector: selector ?? 0 };
}
