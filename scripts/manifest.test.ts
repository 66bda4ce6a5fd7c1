// The manifest asks for exactly what Switchboard uses, and no more. Changing this allowlist is a
// deliberate, reviewed act: a new permission shows up to users at install.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  manifest_version: number;
  permissions: string[];
  host_permissions: string[];
  optional_permissions?: string[];
  externally_connectable?: unknown;
  content_security_policy: { extension_pages: string };
  content_scripts: { matches: string[]; js: string[] }[];
  web_accessible_resources?: unknown;
}
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;

const PERMISSIONS = ['alarms', 'cookies', 'declarativeNetRequestWithHostAccess', 'notifications', 'storage', 'unlimitedStorage'];
const HOSTS = [
  'https://login.weixin.qq.com/*',
  'https://wx.qq.com/*',
  'https://*.wx.qq.com/*',
  'https://wx2.qq.com/*',
  'https://*.wx2.qq.com/*',
  'https://wx8.qq.com/*',
  'https://*.wx8.qq.com/*',
  'https://web.wechat.com/*',
  'https://*.web.wechat.com/*',
  'https://web2.wechat.com/*',
  'https://*.web2.wechat.com/*',
  'http://nas.im.api.weibo.com/*',
  'https://nas.im.api.weibo.com/*',
  'http://*.im.weibo.com/*',
  'https://*.im.weibo.com/*',
  'https://weibo.com/*',
  'https://www.weibo.com/*',
  'http://tqq.tencent.com:8000/*',
];

describe('manifest', () => {
  it('is MV3 with exactly the allowed permissions', () => {
    expect(manifest.manifest_version).toBe(3);
    expect([...manifest.permissions].sort()).toEqual(PERMISSIONS);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('grants exactly the services’ hosts: no wildcard schemes, no <all_urls>', () => {
    expect([...manifest.host_permissions].sort()).toEqual([...HOSTS].sort());
    for (const host of manifest.host_permissions) {
      expect(host).not.toMatch(/<all_urls>|^\*:|^https?:\/\/\*\//);
    }
  });

  it('cannot be reached from web pages', () => {
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('runs its content script only on weibo.com', () => {
    const matches = manifest.content_scripts.flatMap((c) => c.matches);
    expect(matches.sort()).toEqual(['https://weibo.com/*', 'https://www.weibo.com/*']);
  });

  it('has a strict CSP for its pages: own scripts only, no objects, no base or form targets', () => {
    expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'");
  });
});
