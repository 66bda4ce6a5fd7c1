// QR login: jslogin, the QR image, the login long-poll (408/201/200/400), the ticket exchange
// webwxnewloginpage (XML + cookies, UOS checks, 200 or 301 variant) and webwxpushloginurl.
import QRCode from 'qrcode';
import { type Exchange, protocolError, send, sendJson } from './exchange.ts';
import { type Family, cookieDomain, mainHost } from './hosts.ts';
import { newTicket, newUuid } from './ids.ts';
import { avatarDataUrl } from './images.ts';
import { appendMessage } from './messages.ts';
import { Session } from './session.ts';
import type { QrLogin, QrStatus, SimState } from './state.ts';
import { escapeXml } from './wire.ts';

export const APP_ID = 'wx782c26e4c19acffb';
const FORBIDDEN = '当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。你可以通过Windows微信、Mac微信或者手机客户端微信登录。';

export function createQr(state: SimState, options: { desktop: boolean; push?: boolean; uin?: number; family?: Family }): QrLogin {
  const qr: QrLogin = {
    uuid: newUuid(),
    createdAt: state.now(),
    desktop: options.desktop,
    push: options.push ?? false,
    status: 'waiting',
    avatar: '',
    uin: options.uin,
    family: options.family,
    ticket: undefined,
    scanTime: undefined,
    polls: 0,
    reported: false,
    waiters: new Set(),
  };
  state.qrs.set(qr.uuid, qr);
  return qr;
}

/** Move a QR login along and wake its held polls. */
export function changeQr(qr: QrLogin, status: QrStatus, patch: Partial<QrLogin> = {}): void {
  Object.assign(qr, patch, { status });
  for (const wake of [...qr.waiters]) wake();
}

function expireIfOld(state: SimState, qr: QrLogin): void {
  if ((qr.status === 'waiting' || qr.status === 'scanned') && state.now() - qr.createdAt > state.config.qrLifetimeMs) changeQr(qr, 'expired');
}

export function jsLogin(state: SimState, ex: Exchange): void {
  if (ex.query.get('appid') !== APP_ID) return protocolError(ex, 400);
  let desktop: boolean;
  try {
    desktop = new URL(ex.query.get('redirect_uri') ?? '').searchParams.get('mod') === 'desktop';
  } catch {
    desktop = false;
  }
  const qr = createQr(state, { desktop });
  if (state.ctx.demo && state.config.autoLogin) {
    // No phone in the demo: "scan" and "confirm" by ourselves after a moment.
    const delay = state.config.autoLoginDelayMs;
    state.timers.after(delay, () => qr.status === 'waiting' && changeQr(qr, 'scanned', { avatar: avatarDataUrl('demo'), scanTime: state.nowSeconds(), reported: false }));
    state.timers.after(2 * delay, () => qr.status === 'scanned' && confirmQr(state, qr, state.config.defaultFamily, undefined));
  }
  send(ex, { body: `window.QRLogin.code = 200; window.QRLogin.uuid = "${qr.uuid}";` });
}

export async function qrImage(state: SimState, ex: Exchange): Promise<void> {
  const uuid = decodeURIComponent(ex.url.pathname.slice('/qrcode/'.length));
  if (!uuid) return send(ex, { status: 404, body: 'not found' });
  const png = await QRCode.toBuffer(`https://login.weixin.qq.com/l/${uuid}`, { type: 'png', margin: 2, width: 300 });
  send(ex, { headers: { 'content-type': 'image/png', 'cache-control': 'no-cache' }, body: png });
}

export function confirmQr(state: SimState, qr: QrLogin, family: Family, uin: number | undefined): void {
  changeQr(qr, 'confirmed', {
    family: qr.family ?? family,
    uin: uin ?? qr.uin ?? state.book.self.uin,
    ticket: newTicket(),
    scanTime: qr.scanTime ?? state.nowSeconds(),
  });
}

/** What a poll should answer now; undefined = keep holding (unless this is the final answer). */
function pollAnswer(qr: QrLogin, loginIcon: boolean, final: boolean): string | undefined {
  switch (qr.status) {
    case 'expired':
    case 'used':
      return 'window.code=400;';
    case 'confirmed':
      return `window.code=200;\nwindow.redirect_uri="https://${mainHost(qr.family ?? 'wx')}/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=${qr.ticket ?? ''}&uuid=${qr.uuid}&lang=zh_CN&scan=${qr.scanTime ?? 0}";`;
    case 'scanned':
      // The first poll after the scan learns of it at once; later ones wait for the confirmation.
      if (!final && qr.reported) return undefined;
      qr.reported = true;
      return loginIcon && qr.avatar ? `window.code=201;window.userAvatar = '${qr.avatar}';` : 'window.code=201;';
    default:
      return final ? 'window.code=408;' : undefined;
  }
}

export function loginPoll(state: SimState, ex: Exchange): void {
  const qr = state.qrs.get(ex.query.get('uuid') ?? '');
  if (!qr) return send(ex, { body: 'window.code=400;' });
  qr.polls += 1;
  expireIfOld(state, qr);
  const loginIcon = ex.query.get('loginicon') === 'true';
  const now = pollAnswer(qr, loginIcon, false);
  if (now !== undefined) return send(ex, { body: now });
  const remaining = Math.min(state.config.loginHoldMs, Math.max(0, qr.createdAt + state.config.qrLifetimeMs - state.now()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (final: boolean) => {
    expireIfOld(state, qr);
    const body = pollAnswer(qr, loginIcon, final);
    if (body === undefined) return;
    qr.waiters.delete(wake);
    state.timers.cancel(timer);
    send(ex, { body });
  };
  const wake = () => finish(false);
  qr.waiters.add(wake);
  timer = state.timers.after(remaining, () => finish(true));
  ex.res.on('close', () => {
    qr.waiters.delete(wake);
    state.timers.cancel(timer);
  });
}

function cookies(state: SimState, ex: Exchange, session: Session): string[] {
  const expires = new Date(state.now() + 12 * 3600_000).toUTCString();
  const attributes = `; Domain=${cookieDomain(session.family)}; Path=/; Expires=${expires}${ex.scheme === 'https' ? '; Secure; SameSite=None' : ''}`;
  const values: Array<[string, string]> = [
    ['wxuin', String(session.uin)],
    ['wxsid', session.sid],
    ['webwx_data_ticket', session.dataTicket],
    ['webwx_auth_ticket', session.authTicket],
    ['webwxuvid', session.uvid],
    ['wxloadtime', String(state.nowSeconds())],
    ['mm_lang', 'zh_CN'],
  ];
  return values.map(([name, value]) => `${name}=${value}${attributes}`);
}

/** A fresh login: ends the account's other web session (1101) and queues what the first sync brings. */
export function startSession(state: SimState, uin: number, family: Family): Session {
  for (const other of state.liveSessions(uin)) other.end(1101, 'logged in elsewhere', state.now());
  const session = new Session(uin, family, state.now(), () => state.book);
  state.sessions.push(session);
  const account = state.account(uin);
  account.lastAuthTicket = session.authTicket;
  const book = state.book;
  const recent = book.recentIds;
  const unsaved = [...book.groups.values()].filter((g) => !g.saved && !recent.includes(g.id)).map((g) => g.id);
  // StatusNotifyCode 4 right after login lists recent chats, including groups only known from here.
  appendMessage(session, book, {
    msgId: state.msgIds.take(),
    createTime: state.nowSeconds(),
    msgType: 51,
    from: 'self',
    to: 'self',
    content: escapeXml(`<msg>\n<op id='4'>\n<username>${[...recent, ...unsaved].join(',')}</username>\n<unreadchatlist>\n</unreadchatlist>\n<unreadfunctionlist>\n</unreadfunctionlist>\n</op>\n</msg>`),
    statusNotifyCode: 4,
    statusNotifyIds: [...recent, ...unsaved],
  });
  const history = account.history.slice(-Math.max(0, state.config.historyCount));
  for (const spec of state.config.historyCount > 0 ? history : []) appendMessage(session, book, spec);
  state.ctx.record('wechat', 'login', { uin, family, sid: session.sid });
  return session;
}

export function newLoginPage(state: SimState, ex: Exchange): void {
  const q = ex.query;
  const qr = state.qrs.get(q.get('uuid') ?? '');
  const family = ex.hostInfo.family;
  if (!qr || qr.status !== 'confirmed' || !family || qr.ticket !== q.get('ticket') || qr.family !== family) {
    return protocolError(ex, -14, 'ticket error');
  }
  const desktop = qr.desktop || q.get('mod') === 'desktop';
  const uos = Boolean(ex.req.headers['client-version']) && Boolean(ex.req.headers['extspam']);
  const v2 = q.get('fun') === 'new' && q.get('version') === 'v2';
  if (state.config.forbidWeb || (state.config.requireDesktop && (!desktop || !uos)) || (state.config.exchangeRequiresV2 && !v2)) {
    return protocolError(ex, 1203, FORBIDDEN);
  }
  changeQr(qr, 'used');
  const session = startSession(state, qr.uin ?? state.book.self.uin, family);
  const xml = `<error><ret>0</ret><message></message><skey>${session.skey}</skey><wxsid>${session.sid}</wxsid><wxuin>${session.uin}</wxuin><pass_ticket>${encodeURIComponent(session.passTicket)}</pass_ticket><isgrayscale>1</isgrayscale></error>`;
  // The '301' variant: the XML arrives in the body of a 301 that has no Location header.
  send(ex, { status: state.config.exchangeVariant === '301' ? 301 : 200, headers: { 'set-cookie': cookies(state, ex, session) }, body: xml });
}

/** Scan-free re-login: the phone is asked to confirm; the client then polls `login` with this uuid. */
export function pushLoginUrl(state: SimState, ex: Exchange): void {
  const uin = Number(ex.query.get('uin') ?? ex.cookies.get('wxuin'));
  const account = state.accounts.get(uin);
  const family = ex.hostInfo.family;
  if (!family || !account || !account.lastAuthTicket || ex.cookies.get('webwx_auth_ticket') !== account.lastAuthTicket || ex.cookies.get('wxuin') !== String(uin)) {
    return sendJson(ex, { ret: '1', msg: 'auth ticket invalid' });
  }
  const qr = createQr(state, { desktop: true, push: true, uin, family });
  sendJson(ex, { ret: '0', msg: 'all ok', uuid: qr.uuid });
}
