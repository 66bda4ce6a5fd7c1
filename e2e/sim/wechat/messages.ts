// Messages in the simulator's own terms (raw ids) and their AddMsgList form for one session
// (per-login UserNames, group "@member:<br/>" prefix, NewMsgId as an overflowing JSON number).
import type { AddressBook } from './address-book.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { BigNum } from './wire.ts';

export interface RecommendSpec {
  /** Contact id the card / friend request is about. */
  id: string;
  content?: string;
  ticket?: string;
  opCode?: number;
  scene?: number;
}

export interface MessageSpec {
  msgId: string;
  createTime: number;
  msgType: number;
  /** 'self', a contact id or a group id. */
  from: string;
  to: string;
  /** Group member who wrote it (messages from others in a group): becomes the Content prefix. */
  sender?: string;
  /** Wire Content without the group prefix (entities, <br/>, emoji spans already applied). */
  content: string;
  appMsgType?: number;
  subMsgType?: number;
  fileName?: string;
  fileSize?: string;
  mediaId?: string;
  encryFileName?: string;
  url?: string;
  oriContent?: string;
  voiceLength?: number;
  playLength?: number;
  imgWidth?: number;
  imgHeight?: number;
  imgStatus?: number;
  statusNotifyCode?: number;
  /** Raw ids listed in StatusNotifyUserName. */
  statusNotifyIds?: string[];
  recommend?: RecommendSpec;
  appInfo?: { AppID: string; Type: number };
  /** Overrides the sync selector this message announces (default 2). */
  selector?: number;
  /** Field overrides applied last (hostile or odd bodies). */
  raw?: Record<string, unknown>;
}

function recommendInfo(session: Session, book: AddressBook, spec: RecommendSpec | undefined): Record<string, unknown> {
  const contact = spec ? book.contacts.get(spec.id) : undefined;
  return {
    UserName: spec ? session.userName(spec.id) : '',
    NickName: contact?.nickName ?? '',
    QQNum: 0,
    Province: contact?.province ?? '',
    City: contact?.city ?? '',
    Content: spec?.content ?? '',
    Signature: contact?.signature ?? '',
    Alias: contact?.alias ?? '',
    Scene: spec?.scene ?? 0,
    VerifyFlag: contact?.verifyFlag ?? 0,
    AttrStatus: 0,
    Sex: contact?.sex ?? 0,
    Ticket: spec?.ticket ?? '',
    OpCode: spec?.opCode ?? 0,
  };
}

export function renderMessage(session: Session, book: AddressBook, spec: MessageSpec): Record<string, unknown> {
  const prefix = spec.sender && book.isGroup(spec.from) && spec.msgType !== 10000 ? `${session.userName(spec.sender)}:<br/>` : '';
  return {
    MsgId: spec.msgId,
    FromUserName: session.userName(spec.from),
    ToUserName: session.userName(spec.to),
    MsgType: spec.msgType,
    Content: prefix + spec.content,
    Status: 3,
    ImgStatus: spec.imgStatus ?? 1,
    CreateTime: spec.createTime,
    VoiceLength: spec.voiceLength ?? 0,
    PlayLength: spec.playLength ?? 0,
    FileName: spec.fileName ?? '',
    FileSize: spec.fileSize ?? '',
    MediaId: spec.mediaId ?? '',
    Url: spec.url ?? '',
    AppMsgType: spec.appMsgType ?? 0,
    StatusNotifyCode: spec.statusNotifyCode ?? 0,
    StatusNotifyUserName: (spec.statusNotifyIds ?? []).map((id) => session.userName(id)).join(','),
    RecommendInfo: recommendInfo(session, book, spec.recommend),
    ForwardFlag: 0,
    AppInfo: spec.appInfo ?? { AppID: '', Type: 0 },
    HasProductId: 0,
    Ticket: '',
    ImgHeight: spec.imgHeight ?? 0,
    ImgWidth: spec.imgWidth ?? 0,
    SubMsgType: spec.subMsgType ?? 0,
    // The real service writes NewMsgId as a bare number above 2^53 (often equal to MsgId).
    NewMsgId: new BigNum(spec.msgId),
    OriContent: spec.oriContent ?? '',
    EncryFileName: spec.encryFileName ?? '',
    ...spec.raw,
  };
}

function selectorOf(spec: MessageSpec): number {
  if (spec.selector !== undefined) return spec.selector;
  // The phone entering/leaving a chat is announced as selector 7 (MOBILEOPEN).
  if (spec.msgType === 51 && (spec.statusNotifyCode === 2 || spec.statusNotifyCode === 5)) return 7;
  return 2;
}

/** Put a message into every live session of the account (and its history for later logins). */
export function deliver(state: SimState, uin: number, spec: MessageSpec, options: { remember?: boolean } = {}): void {
  if (options.remember ?? true) state.remember(uin, spec);
  for (const session of state.liveSessions(uin)) appendMessage(session, state.book, spec);
}

export function appendMessage(session: Session, book: AddressBook, spec: MessageSpec): void {
  session.append('msg', selectorOf(spec), renderMessage(session, book, spec));
}
