// The steady state: webwxinit, webwxstatusnotify, the synccheck long-poll and webwxsync
// (digest 2.6, 2.7, 2.10, 2.11).
import { renderAny } from './contacts.ts';
import { type Exchange, protocolError, send, sendJson } from './exchange.ts';
import { type Session, type SyncEvent, selectorFor } from './session.ts';
import type { SimState } from './state.ts';
import { num, record, safeDecode, str } from './values.ts';
import { baseResponse } from './wire.ts';

/** The client's pass_ticket in any of the forms clients send (raw, URL-encoded once). */
export function passTicketMatches(session: Session, value: string): boolean {
  return value === session.passTicket || value === encodeURIComponent(session.passTicket) || safeDecode(value) === session.passTicket;
}

export function webwxInit(state: SimState, ex: Exchange, session: Session): void {
  const passTicket = ex.query.get('pass_ticket');
  if (passTicket !== null && !passTicketMatches(session, passTicket)) return protocolError(ex, -14, 'ticket error');
  session.initCount += 1;
  const skey = session.rotateSkey();
  const book = state.book;
  const profile = state.account(session.uin).profile;
  const recent = book.recentIds.map((id) => renderAny(session, book, id)).filter((c): c is Record<string, unknown> => c !== undefined);
  const official = book.friends().find((c) => c.kind === 'official' && c.id !== 'weixin');
  sendJson(ex, {
    BaseResponse: baseResponse(),
    Count: recent.length,
    ContactList: recent,
    // Resuming (second init on the same session) starts from what the client acknowledged.
    SyncKey: session.syncKey(session.ackedSeq, false),
    User: {
      Uin: session.uin,
      UserName: session.selfUserName,
      NickName: profile.nickName,
      HeadImgUrl: `/cgi-bin/mmwebwx-bin/webwxgeticon?seq=1730335888&username=${session.selfUserName}&skey=${skey}`,
      RemarkName: '',
      PYInitial: '',
      PYQuanPin: '',
      RemarkPYInitial: '',
      RemarkPYQuanPin: '',
      HideInputBarFlag: 0,
      StarFriend: 0,
      Sex: profile.sex,
      Signature: profile.signature,
      AppAccountFlag: 0,
      VerifyFlag: 0,
      ContactFlag: 0,
      WebWxPluginSwitch: 0,
      HeadImgFlag: 1,
      SnsFlag: 17,
    },
    // The sample ends ChatSet with a comma; so do we.
    ChatSet: recent.map((c) => `${str(c['UserName'])},`).join(''),
    SKey: skey,
    ClientVersion: 637_927_733,
    SystemTime: state.nowSeconds(),
    GrayScale: 1,
    InviteStartCount: 40,
    MPSubscribeMsgCount: official ? 1 : 0,
    MPSubscribeMsgList: official
      ? [{
          UserName: session.userName(official.id),
          MPArticleCount: 1,
          MPArticleList: [{ Title: '今日要闻 &amp; 双语', Digest: '摘要', Cover: 'http://mmbiz.qpic.cn/mmbiz_jpg/x/640', Url: 'http://mp.weixin.qq.com/s?__biz=MjM5&mid=1&idx=1' }],
          Time: state.nowSeconds() - 3600,
          NickName: official.nickName,
        }]
      : [],
    ClickReportInterval: 600_000,
  });
}

export function statusNotify(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const code = num(body['Code']) ?? 0;
  const to = str(body['ToUserName']);
  if (code === 1 && to) session.markedRead.add(session.idOf(to) ?? to);
  state.recordSent({ kind: 'statusnotify', at: state.now(), uin: session.uin, code, from: str(body['FromUserName']), to, clientMsgId: str(body['ClientMsgId']) });
  sendJson(ex, { BaseResponse: baseResponse(), MsgID: state.msgIds.take() });
}

/** Key 2 of "1_700|2_701|3_702|1000_..." (synccheck) or of a SyncKey object (webwxsync). */
function key2FromString(text: string): number | undefined {
  for (const pair of text.split('|')) {
    const [key, value] = pair.split('_');
    if (key === '2') return num(value);
  }
  return undefined;
}

function key2FromObject(value: unknown): number | undefined {
  const list = record(value)?.['List'];
  if (!Array.isArray(list)) return undefined;
  for (const item of list) {
    const entry = record(item);
    if (num(entry?.['Key']) === 2) return num(entry?.['Val']);
  }
  return undefined;
}

function acknowledge(session: Session, seq: number): void {
  if (seq > session.ackedSeq) session.ackedSeq = seq;
}

const syncAnswer = (retcode: number, selector: number) => `window.synccheck={retcode:"${retcode}",selector:"${selector}"}`;

export function syncCheck(state: SimState, ex: Exchange, session: Session): void {
  const seq = session.seqOf(key2FromString(ex.query.get('synckey') ?? '')) ?? 0;
  acknowledge(session, seq);
  const pending = session.pendingAfter(seq);
  if (pending.length > 0) return send(ex, { body: syncAnswer(0, selectorFor(pending)) });
  // Nothing new: hold the request until something arrives, the session ends, or ~25 s pass.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waiter = {
    release(retcode: number, selector: number) {
      session.waiters.delete(waiter);
      state.timers.cancel(timer);
      send(ex, { body: syncAnswer(retcode, selector) });
    },
  };
  session.waiters.add(waiter);
  timer = state.timers.after(state.config.syncHoldMs, () => waiter.release(0, 0));
  ex.res.on('close', () => {
    session.waiters.delete(waiter);
    state.timers.cancel(timer);
  });
}

function partition(events: SyncEvent[]) {
  return {
    add: events.filter((e) => e.kind === 'msg').map((e) => e.payload),
    mod: events.filter((e) => e.kind === 'modContact').map((e) => e.payload),
    del: events.filter((e) => e.kind === 'delContact').map((e) => e.payload),
  };
}

export function webwxSync(state: SimState, ex: Exchange, session: Session): void {
  const key2 = key2FromObject(ex.json?.['SyncKey']);
  if (key2 === undefined) return protocolError(ex, 1, 'SyncKey missing');
  const seq = session.seqOf(key2) ?? 0;
  acknowledge(session, seq);
  const pending = session.pendingAfter(seq);
  const batch = pending.slice(0, Math.max(1, state.config.syncBatchSize));
  const last = batch[batch.length - 1]?.seq ?? seq;
  const { add, mod, del } = partition(batch);
  const key = session.syncKey(last, true);
  sendJson(ex, {
    BaseResponse: baseResponse(),
    AddMsgCount: add.length,
    AddMsgList: add,
    ModContactCount: mod.length,
    ModContactList: mod,
    DelContactCount: del.length,
    DelContactList: del,
    ModChatRoomMemberCount: 0,
    ModChatRoomMemberList: [],
    Profile: {
      BitFlag: 0,
      UserName: { Buff: '' },
      NickName: { Buff: '' },
      BindUin: 0,
      BindEmail: { Buff: '' },
      BindMobile: { Buff: '' },
      Status: 0,
      Sex: 0,
      PersonalCard: 0,
      Alias: '',
      HeadImgUpdateFlag: 0,
      HeadImgUrl: '',
      Signature: '',
    },
    ContinueFlag: pending.length > batch.length ? 1 : 0,
    SyncKey: key,
    SyncCheckKey: key,
    SKey: '',
  });
}
