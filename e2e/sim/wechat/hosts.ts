// Host families of WeChat Web (protocol digest 1.1). The redirect_uri host of the login poll picks the
// family; every later call must stay on that family's main/login/file/webpush hosts.

export const FAMILIES = ['wx', 'wx2', 'wx8', 'web', 'web2'] as const;
export type Family = (typeof FAMILIES)[number];

export type HostRole = 'main' | 'login' | 'file' | 'webpush';

export interface HostInfo {
  /** null for the pre-login hosts of weixin.qq.com, which belong to no family. */
  family: Family | null;
  role: HostRole;
  host: string;
}

const SUFFIX: Record<Family, string> = { wx: 'qq.com', wx2: 'qq.com', wx8: 'qq.com', web: 'wechat.com', web2: 'wechat.com' };

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && (FAMILIES as readonly string[]).includes(value);
}

export function mainHost(family: Family): string {
  return `${family}.${SUFFIX[family]}`;
}

/** The service's own page origin, the only Origin a POST may carry. */
export function serviceOrigin(family: Family, scheme: 'http' | 'https'): string {
  return `${scheme}://${mainHost(family)}`;
}

/** Classify a host name; undefined = not a WeChat Web host we serve. */
export function parseHost(host: string): HostInfo | undefined {
  const name = host.toLowerCase();
  // The QR image and (for some clients) jslogin/login live on login.weixin.qq.com; the old default
  // push host webpush.weixin.qq.com still answers, but no session cookie is scoped to it (digest 1.1).
  if (name === 'login.weixin.qq.com') return { family: null, role: 'login', host: name };
  if (name === 'webpush.weixin.qq.com') return { family: null, role: 'webpush', host: name };
  for (const family of FAMILIES) {
    const main = mainHost(family);
    if (name === main) return { family, role: 'main', host: name };
    for (const role of ['login', 'file', 'webpush'] as const) {
      if (name === `${role}.${main}`) return { family, role, host: name };
    }
  }
  return undefined;
}

/** Cookie Domain attribute for a family: the main host, so login./file./webpush. receive them too. */
export function cookieDomain(family: Family): string {
  return mainHost(family);
}
