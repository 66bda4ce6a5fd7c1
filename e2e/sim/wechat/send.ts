// Sending: webwxsendmsg, webwxsendmsgimg, webwxsendappmsg, webwxsendemoticon, webwxsendvideomsg
// and webwxrevokemsg (digest 2.12, 2.14, 2.15). Every accepted send is echoed into the account's
// next webwxsync with FromUserName = self, like the real service, and rate-limited (1205).
import { type Exchange, protocolError, sendJson } from './exchange.ts';
import { typedMessage } from './message-templates.ts';
import { deliver, type MessageSpec } from './messages.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { num, record, str } from './values.ts';
import { baseResponse, escapeText, escapeXml } from './wire.ts';

export type SentListener = (state: SimState, session: Session, spec: MessageSpec) => void;

const tag = (xml: string, name: string): string => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';

/** The echo the account's sessions will see for what the client sent. */
function echoFields(msgType: number, msg: Record<string, unknown>, state: SimState, msgId: string): Partial<MessageSpec> | undefined {
  const content = str(msg['Content']);
  const mediaId = str(msg['MediaId']);
  switch (msgType) {
    case 1:
      return { content: escapeText(content) };
    case 3:
    case 43: {
      const media = state.media.byId.get(mediaId);
      if (!media) return undefined;
      if (msgType === 3) state.media.byMsgId.set(msgId, { kind: 'image', bytes: media.bytes, mime: media.mime });
      else state.media.byMsgId.set(msgId, { kind: 'video', bytes: media.bytes.length });
      return { ...typedMessage(msgType, { msgId, text: '', authorId: state.book.self.id }), mediaId };
    }
    case 47: {
      const md5 = str(msg['EMoticonMd5']);
      if (!md5 && !state.media.byId.has(mediaId)) return undefined;
      state.media.byMsgId.set(msgId, { kind: 'emoticon', bytes: state.media.byId.get(mediaId)?.bytes });
      return { ...typedMessage(47, { msgId, text: '', authorId: state.book.self.id }), mediaId };
    }
    default: {
      // App messages (Type 6 file, 5 link, ...): the client's <appmsg> XML, echoed escaped.
      const attach = tag(content, 'attachid');
      if (msgType === 6 && attach && !state.media.byId.has(attach)) return undefined;
      if (msgType === 6 && attach) state.media.byMsgId.set(msgId, { kind: 'file', mediaId: attach });
      return {
        msgType: 49,
        appMsgType: msgType,
        content: escapeXml(content),
        fileName: tag(content, 'title'),
        fileSize: tag(content, 'totallen'),
        mediaId: attach,
        url: tag(content, 'url'),
      };
    }
  }
}

export function sendMessage(state: SimState, ex: Exchange, session: Session, listeners: SentListener[]): void {
  const msg = record(ex.json?.['Msg']);
  if (!msg) return protocolError(ex, 1, 'Msg missing');
  const msgType = num(msg['Type']) ?? 0;
  const to = str(msg['ToUserName']);
  const toId = session.idOf(to);
  const localId = str(msg['LocalID']);
  const clientMsgId = str(msg['ClientMsgId']);
  const base = { at: state.now(), uin: session.uin, endpoint: ex.endpoint, msgType, localId, clientMsgId, from: str(msg['FromUserName']), to, toId, content: str(msg['Content']), mediaId: str(msg['MediaId']), scene: num(ex.json?.['Scene']) ?? 0 };
  const refuse = (ret: number, why: string) => {
    state.recordSent({ kind: 'message', ...base, ret, refused: why });
    protocolError(ex, ret, why);
  };
  if (str(msg['FromUserName']) !== session.selfUserName) return refuse(1, 'FromUserName is not you');
  if (!toId) return refuse(1, 'unknown ToUserName');
  if (state.overLimit(`${session.uin}:${session.sid}`, 'send')) return refuse(1205, '');
  const msgId = state.msgIds.take();
  const fields = echoFields(msgType, msg, state, msgId);
  if (!fields) return refuse(1, 'unknown MediaId');
  state.recordSent({ kind: 'message', ...base, msgId, ret: 0, emojiFlag: num(msg['EmojiFlag']), emoticonMd5: str(msg['EMoticonMd5']) });
  session.sentById.set(msgId, { at: state.now(), to, clientMsgId });
  sendJson(ex, { BaseResponse: baseResponse(), MsgID: msgId, LocalID: localId });
  const spec: MessageSpec = { content: '', msgType, ...fields, msgId, createTime: state.nowSeconds(), from: 'self', to: toId };
  deliver(state, session.uin, spec);
  for (const listener of listeners) listener(state, session, spec);
}

export function revokeMessage(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const svrMsgId = str(body['SvrMsgId']);
  const sent = session.sentById.get(svrMsgId);
  const entry = { at: state.now(), uin: session.uin, svrMsgId, to: str(body['ToUserName']), clientMsgId: str(body['ClientMsgId']) };
  if (!sent) {
    state.recordSent({ kind: 'revoke', ...entry, ret: 1 });
    return protocolError(ex, 1, 'unknown SvrMsgId');
  }
  if (state.now() - sent.at > state.config.revokeWindowMs) {
    state.recordSent({ kind: 'revoke', ...entry, ret: -2 });
    return protocolError(ex, -2, 'too late to revoke');
  }
  session.sentById.delete(svrMsgId);
  state.recordSent({ kind: 'revoke', ...entry, ret: 0 });
  sendJson(ex, { BaseResponse: baseResponse(), Introduction: '', SysWording: '' });
  const toId = session.idOf(sent.to) ?? 'filehelper';
  const msgId = state.msgIds.take();
  deliver(state, session.uin, {
    ...typedMessage(10002, { msgId, text: '', authorId: state.book.self.id, oldMsgId: svrMsgId, chatId: toId, recallName: '你' }),
    msgId,
    createTime: state.nowSeconds(),
    msgType: 10002,
    from: 'self',
    to: toId,
  });
}
