// Referer/Origin like the official page (ConnectorDeps.setRequestHeaders installs them with
// declarativeNetRequest, since fetch cannot set them). A rule applies per host, not per method, so
// Origin goes on the hosts that take our POSTs (main, file) and only Referer elsewhere.
import type { ConnectorDeps, HeaderRule } from '../connector.ts';
import { DEFAULT_MAIN_HOST, LOGIN_HOSTS, type HostFamily } from './hosts.ts';

export function loginHeaderRules(): HeaderRule[] {
  return [{ hosts: [...LOGIN_HOSTS], set: { Referer: `https://${DEFAULT_MAIN_HOST}/` } }];
}

export function familyHeaderRules(family: HostFamily): HeaderRule[] {
  const referer = `https://${family.main}/`;
  const getOnly = [...new Set([...LOGIN_HOSTS, family.login, ...family.push.filter((h) => h !== family.main)])];
  return [
    { hosts: [family.main, family.file], set: { Referer: referer, Origin: `https://${family.main}` } },
    { hosts: getOnly, set: { Referer: referer } },
  ];
}

/** Install rules; a failure only costs the look-alike headers (OW works without them), so log it. */
export async function installHeaders(deps: Pick<ConnectorDeps, 'setRequestHeaders' | 'events'>, rules: HeaderRule[]): Promise<void> {
  try {
    await deps.setRequestHeaders(rules);
  } catch (error) {
    deps.events.diagnostic({ level: 'warn', what: 'wechat: could not set Referer/Origin rules', raw: String(error) });
  }
}
