// Host families (protocol digest §1.1). The host of the login redirect picks main, login, file and
// push hosts; calling another family's host gets 1102 because the cookies are scoped to it.

export interface HostFamily {
  /** wx.qq.com, wx2.qq.com, wx8.qq.com, web.wechat.com or web2.wechat.com */
  main: string;
  login: string;
  file: string;
  /** synccheck candidates in the order to try them: `webpush.<main>` first, then `<main>`. */
  push: string[];
}

/** Before the family is known: jslogin and the login poll (W4U/OW use the first, IC/WB/BZ the second). */
export const LOGIN_HOSTS: readonly string[] = ['login.wx.qq.com', 'login.weixin.qq.com'];
/** Where the QR payload points, whatever the family. */
export const QR_HOST = 'login.weixin.qq.com';
/** The page we look like before the family is known. */
export const DEFAULT_MAIN_HOST = 'wx.qq.com';

const QQ_PREFIXES = new Set(['wx', 'wx2', 'wx8']);
const WECHAT_PREFIXES = new Set(['web', 'web2']);

/**
 * Family for a redirect host, or undefined when the host is not WeChat's at all (we never follow a
 * login redirect to a foreign host). Unknown qq.com prefixes fall back to wx, unknown wechat.com
 * prefixes to web (W4U's rule).
 */
export function familyFor(host: string): HostFamily | undefined {
  const lower = host.toLowerCase();
  let main: string;
  const qq = /^(?:[a-z0-9-]+\.)*?([a-z0-9-]+)\.qq\.com$/.exec(lower);
  const wechat = /^(?:[a-z0-9-]+\.)*?([a-z0-9-]+)\.wechat\.com$/.exec(lower);
  if (qq) main = `${QQ_PREFIXES.has(qq[1] ?? '') ? qq[1] : 'wx'}.qq.com`;
  else if (wechat) main = `${WECHAT_PREFIXES.has(wechat[1] ?? '') ? wechat[1] : 'web'}.wechat.com`;
  else return undefined;
  return { main, login: `login.${main}`, file: `file.${main}`, push: [`webpush.${main}`, main] };
}

export function familyHosts(family: HostFamily): string[] {
  return [...new Set([family.main, family.login, family.file, ...family.push])];
}

export function cgi(host: string, endpoint: string, query: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  const text = params.toString();
  return `https://${host}/cgi-bin/mmwebwx-bin/${endpoint}${text ? `?${text}` : ''}`;
}
