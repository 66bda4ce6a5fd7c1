// A small, strict tag extractor for the XML WeChat sends: the webwxnewloginpage answer and the
// (entity-escaped) XML inside app, location, recall and system messages. There is no DOMParser in
// a service worker, and we only ever need "the text of the first <tag>" or "attribute of <tag>".
import { decodeEntities } from './text.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text nodes: unwrap CDATA sections, decode entities outside them. */
function nodeText(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const start = rest.indexOf('<![CDATA[');
    if (start < 0) return out + decodeEntities(rest);
    const end = rest.indexOf(']]>', start + 9);
    if (end < 0) return out + decodeEntities(rest);
    out += decodeEntities(rest.slice(0, start)) + rest.slice(start + 9, end);
    rest = rest.slice(end + 3);
  }
}

/**
 * Raw inner markup of the first `<tag ...>...</tag>` (or '' for `<tag/>`), or undefined when the
 * tag is absent or not closed. Nested same-name tags are not supported (WeChat does not nest them).
 */
export function xmlInner(xml: string, tag: string): string | undefined {
  const open = new RegExp(`<${escapeRegExp(tag)}(\\s[^<>]*?)?(/?)>`, 'i').exec(xml);
  if (!open) return undefined;
  if (open[2] === '/') return '';
  const from = open.index + open[0].length;
  const close = xml.toLowerCase().indexOf(`</${tag.toLowerCase()}>`, from);
  if (close < 0) return undefined;
  return xml.slice(from, close);
}

/** Decoded text of the first `<tag>`; inner markup other than CDATA is kept as text. */
export function xmlText(xml: string, tag: string): string | undefined {
  const inner = xmlInner(xml, tag);
  return inner === undefined ? undefined : nodeText(inner).trim();
}

/** Decoded value of `attr` on the first `<tag ...>`. */
export function xmlAttr(xml: string, tag: string, attr: string): string | undefined {
  const open = new RegExp(`<${escapeRegExp(tag)}(\\s[^<>]*?)?/?>`, 'i').exec(xml);
  const attrs = open?.[1];
  if (!attrs) return undefined;
  const match = new RegExp(`(?:^|\\s)${escapeRegExp(attr)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attrs);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? '');
}

export type LoginPageAnswer =
  | { kind: 'ok'; skey: string; wxsid: string; wxuin: string; passTicket: string }
  | { kind: 'refused'; ret: number; message: string }
  | { kind: 'malformed' };

function decodeTicket(raw: string): string {
  // The XML carries pass_ticket URL-encoded (`qg%2BL...%3D`); we keep the decoded value and let
  // URLSearchParams encode it once per request (see docs/decisions/wechat-client.md).
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `<error><ret>0</ret><message/><skey>..</skey><wxsid>..</wxsid><wxuin>..</wxuin><pass_ticket>..</pass_ticket>...</error>` */
export function parseLoginPage(body: string): LoginPageAnswer {
  const root = xmlInner(body, 'error');
  if (root === undefined) return { kind: 'malformed' };
  const retText = xmlText(root, 'ret');
  if (retText === undefined || !/^-?\d{1,9}$/.test(retText)) return { kind: 'malformed' };
  const ret = Number(retText);
  const message = xmlText(root, 'message') ?? '';
  if (ret !== 0) return { kind: 'refused', ret, message };
  const skey = xmlText(root, 'skey') ?? '';
  const wxsid = xmlText(root, 'wxsid') ?? '';
  const wxuin = xmlText(root, 'wxuin') ?? '';
  const passTicket = decodeTicket(xmlText(root, 'pass_ticket') ?? '');
  if (!skey || !wxsid || !/^\d{1,20}$/.test(wxuin) || !passTicket) {
    // ret 0 without the keys: what ItChat reports as "account may be LIMITED" (digest §2.4).
    return { kind: 'refused', ret, message: message || 'the answer had no session keys (account may be limited or not verified)' };
  }
  return { kind: 'ok', skey, wxsid, wxuin, passTicket };
}
