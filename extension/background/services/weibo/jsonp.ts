// Strict JSONP reader (invariant 4): the body is text, never code. It accepts exactly the wrappers
// seen on the wire (weibo-bayeux.md B.3, D.2 rule 8) around OUR callback name and a JSON payload:
//   cb(...)   cb(...);   /**/cb(...);   try{cb(...)}catch(e){}   try{cb(...);}catch(e){}
// Anything else (another callback, code before or after the call, a non-JSON argument) is a
// protocol error for the caller to report; nothing is ever evaluated.

export type JsonpError = 'empty' | 'wrapper' | 'callback' | 'json';

export type JsonpResult = { ok: true; value: unknown } | { ok: false; error: JsonpError; detail: string };

const TRY_OPEN = /^try\s*\{/;
const TRY_CLOSE = /\}\s*catch\s*\(\s*e\s*\)\s*\{\s*\}\s*;?$/;
const CALL_START = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(/;

const fail = (error: JsonpError, detail: string): JsonpResult => ({ ok: false, error, detail });

export function parseJsonp(body: string, callback: string): JsonpResult {
  let text = body.trim();
  if (text === '') return fail('empty', 'empty body');

  if (TRY_OPEN.test(text)) {
    const close = TRY_CLOSE.exec(text);
    if (!close) return fail('wrapper', 'try{ without a matching }catch(e){}');
    text = text.slice(text.indexOf('{') + 1, close.index).trim();
  } else if (text.startsWith('/**/')) {
    text = text.slice(4).trimStart();
  }

  if (!text.startsWith(`${callback}(`)) {
    return CALL_START.test(text)
      ? fail('callback', `expected a call to ${callback}, got ${text.slice(0, 40)}`)
      : fail('wrapper', `not a ${callback}(...) call`);
  }
  if (text.endsWith(';')) text = text.slice(0, -1).trimEnd();
  if (!text.endsWith(')')) return fail('wrapper', 'the call is not the last thing in the body');

  const payload = text.slice(callback.length + 1, -1);
  try {
    return { ok: true, value: JSON.parse(payload) as unknown };
  } catch (error) {
    return fail('json', `argument is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
