// QR login (digest §2.1-§2.4, UOS "desktop" variant): jslogin -> QR -> login poll ->
// webwxnewloginpage. Ends with session keys, a refusal the user must see, or an abort.
import type { ConnectorDeps, StatusReport } from '../connector.ts';
import { clip, diagnose } from './api-request.ts';
import { Backoff, describeDelay, pause } from './backoff.ts';
import { EXTSPAM, UOS_CLIENT_VERSION } from './uos.ts';
import { cgi, DEFAULT_MAIN_HOST, familyFor, LOGIN_HOSTS, QR_HOST, type HostFamily } from './hosts.ts';
import { parseLoginPoll, parseQrLogin } from './parse-text.ts';
import { parseLoginPage } from './parse-xml.ts';
import { familyHeaderRules, installHeaders, loginHeaderRules } from './headers.ts';

export const APPID = 'wx782c26e4c19acffb';
const LOGIN_POLL_DEADLINE_MS = 35_000;
/** QR codes that expire without anyone scanning them before we stop asking (decisions #6). */
export const MAX_UNSCANNED_QRS = 8;

export type LoginOutcome =
  | { kind: 'ok'; family: HostFamily; uin: string; sid: string; skey: string; passTicket: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'aborted' }
  | { kind: 'gaveUp'; reason: string };

type Deps = Pick<ConnectorDeps, 'http' | 'events' | 'sleep' | 'now' | 'random' | 'setRequestHeaders'>;

const BLOCKED_ADVICE =
  'WeChat does not allow this account to use Web WeChat. Accounts usually need real-name verification ' +
  'in the WeChat app (Me > Services > Wallet), and some are refused for a while; try again later or use the desktop app.';

export function qrText(uuid: string): string {
  return `https://${QR_HOST}/l/${uuid}`;
}

export function jsloginUrl(host: string, nowMs: number): string {
  const redirect = `https://${DEFAULT_MAIN_HOST}/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop`;
  const params = new URLSearchParams({ appid: APPID, redirect_uri: redirect, fun: 'new', lang: 'zh_CN', _: String(Math.floor(nowMs)) });
  return `https://${host}/jslogin?${params.toString()}`;
}

/** Append `fun=new&version=v2` without re-encoding the server's own parameters (OW's v2 fix). */
export function exchangeUrl(redirectUri: string): string {
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}fun=new&version=v2`;
}

export async function qrLogin(deps: Deps, signal: AbortSignal, report: (r: StatusReport) => void): Promise<LoginOutcome> {
  const backoff = new Backoff(deps.random);
  let hostIndex = 0;
  let unscanned = 0;
  await installHeaders(deps, loginHeaderRules());

  const wait = async (what: string, reason: string): Promise<boolean> => {
    const delay = backoff.next();
    report({ status: 'signingIn', reason: `${what}: ${reason}; trying again ${describeDelay(delay)}` });
    return pause(deps.sleep, delay, signal);
  };

  while (!signal.aborted) {
    // 1. uuid
    const host = LOGIN_HOSTS[hostIndex % LOGIN_HOSTS.length] ?? LOGIN_HOSTS[0] ?? 'login.wx.qq.com';
    report({ status: 'signingIn', reason: 'Getting a sign-in QR code from WeChat' });
    const js = await deps.http({ url: jsloginUrl(host, deps.now()), method: 'GET', deadlineMs: 30_000, signal });
    if (!js.ok) {
      if (js.failure === 'aborted') return { kind: 'aborted' };
      hostIndex++; // the other login host next time (W4U/OW vs IC/WB/BZ)
      if (!(await wait('Could not reach WeChat', js.message))) return { kind: 'aborted' };
      continue;
    }
    const qr = parseQrLogin(js.text);
    if (!qr || qr.code !== 200 || !qr.uuid) {
      diagnose(deps, `jslogin: unexpected answer (HTTP ${js.status})`, js.text);
      hostIndex++;
      if (!(await wait('WeChat did not give a QR code', qr ? `code ${qr.code}` : 'unexpected answer'))) return { kind: 'aborted' };
      continue;
    }
    const uuid = qr.uuid;
    report({ status: 'needsUser', reason: 'Scan the QR code with WeChat on your phone', needs: { kind: 'scanQr', qrText: qrText(uuid) } });

    // 2. poll the same uuid until confirmed or expired
    const polled = await pollUntilConfirmed(deps, signal, report, host, uuid, backoff);
    if (polled.kind === 'aborted') return polled;
    if (polled.kind === 'expired') {
      if (!polled.scanned) unscanned++;
      if (unscanned >= MAX_UNSCANNED_QRS) {
        return { kind: 'gaveUp', reason: `The QR code expired ${unscanned} times without being scanned; sign in again when you are ready` };
      }
      continue;
    }
    unscanned = 0;

    // 3. exchange the ticket
    const family = familyFor(new URL(polled.redirectUri).hostname);
    if (!family) continue; // checked in pollUntilConfirmed; kept for the type
    await installHeaders(deps, familyHeaderRules(family));
    report({ status: 'signingIn', reason: 'Confirmed on the phone; signing in' });
    const page = await deps.http({
      url: exchangeUrl(polled.redirectUri),
      method: 'GET',
      deadlineMs: 30_000,
      signal,
      headers: { 'client-version': UOS_CLIENT_VERSION, extspam: EXTSPAM },
    });
    if (!page.ok) {
      if (page.failure === 'aborted') return { kind: 'aborted' };
      if (!(await wait('Signing in failed', page.message))) return { kind: 'aborted' };
      continue;
    }
    // Read the body whatever the status: by 2021 success came as HTTP 301 with the XML in it.
    const answer = parseLoginPage(page.text);
    if (answer.kind === 'ok') return { kind: 'ok', family, uin: answer.wxuin, sid: answer.wxsid, skey: answer.skey, passTicket: answer.passTicket };
    diagnose(deps, `webwxnewloginpage: ${answer.kind} (HTTP ${page.status})`, page.text);
    if (answer.kind === 'refused' && (answer.ret === 1203 || answer.ret === 0)) {
      const said = answer.message ? ` WeChat said: “${answer.message}”.` : '';
      return { kind: 'blocked', message: `${BLOCKED_ADVICE}${said} (${answer.ret})` };
    }
    const why = answer.kind === 'refused' ? `WeChat refused the sign-in (${answer.ret}${answer.message ? `: ${answer.message}` : ''})` : `no readable answer (HTTP ${page.status})`;
    if (!(await wait('Signing in failed', why))) return { kind: 'aborted' };
  }
  return { kind: 'aborted' };
}

type PollOutcome = { kind: 'confirmed'; redirectUri: string } | { kind: 'expired'; scanned: boolean } | { kind: 'aborted' };

async function pollUntilConfirmed(
  deps: Deps,
  signal: AbortSignal,
  report: (r: StatusReport) => void,
  host: string,
  uuid: string,
  backoff: Backoff,
): Promise<PollOutcome> {
  let tip = 1;
  let scanned = false;
  while (!signal.aborted) {
    const url = cgi(host, 'login', { loginicon: 'true', uuid, tip, r: ~Math.floor(deps.now() / 1000), _: Math.floor(deps.now()) });
    const started = deps.now();
    const outcome = await deps.http({ url, method: 'GET', deadlineMs: LOGIN_POLL_DEADLINE_MS, signal });
    tip = 0;
    if (!outcome.ok) {
      if (outcome.failure === 'aborted') return { kind: 'aborted' };
      // Keep the same uuid: the user may be in the middle of confirming (digest §2.3).
      if (outcome.failure === 'network') diagnose(deps, 'login poll: network error', outcome.message, 'info');
      if (!(await pause(deps.sleep, backoff.next(), signal))) return { kind: 'aborted' };
      continue;
    }
    const answer = parseLoginPoll(outcome.text);
    switch (answer?.code) {
      case 408:
        backoff.reset();
        break;
      case 201:
        backoff.reset();
        scanned = true;
        report({
          status: 'needsUser',
          reason: 'Scanned: confirm the sign-in on your phone',
          needs: { kind: 'scanQr', qrText: qrText(uuid), ...(answer.avatar ? { scannedAvatar: answer.avatar } : {}) },
        });
        break;
      case 200: {
        const target = answer.redirectUri ? safeRedirect(answer.redirectUri) : undefined;
        if (target) return { kind: 'confirmed', redirectUri: target };
        diagnose(deps, 'login poll: 200 without a usable redirect_uri', clip(outcome.text));
        return { kind: 'expired', scanned: true };
      }
      case 400:
        return { kind: 'expired', scanned };
      default:
        // Unknown code (e.g. during the phone's new-device countdown): keep polling the same uuid.
        diagnose(deps, `login poll: unexpected answer (HTTP ${outcome.status})`, outcome.text);
        if (!(await pause(deps.sleep, backoff.next(), signal))) return { kind: 'aborted' };
        continue;
    }
    // A server that answers instantly must not turn the long-poll into a busy loop.
    if (deps.now() - started < 1_000 && !(await pause(deps.sleep, 1_000, signal))) return { kind: 'aborted' };
  }
  return { kind: 'aborted' };
}

/** Only an https URL on a WeChat host is followed. */
function safeRedirect(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && familyFor(url.hostname) ? uri : undefined;
  } catch {
    return undefined;
  }
}
