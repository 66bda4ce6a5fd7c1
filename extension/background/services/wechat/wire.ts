// Typed views of WeChat's JSON, read defensively from `unknown`: a missing or odd field becomes an
// empty value instead of a crash (invariant 7). Field names follow the wire (digest §2, §3.1).

export type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function str(obj: Json | undefined, key: string): string {
  const value = obj?.[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

export function num(obj: Json | undefined, key: string): number {
  const value = obj?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return 0;
}

export function list(obj: Json | undefined, key: string): Json[] {
  const value = obj?.[key];
  if (!Array.isArray(value)) return [];
  return value.map(asRecord).filter((item): item is Json => item !== undefined);
}

export interface SyncKey {
  Count: number;
  List: { Key: number; Val: number }[];
}

/** A SyncKey/SyncCheckKey, or undefined when absent or empty (an empty key must not replace ours). */
export function readSyncKey(value: unknown): SyncKey | undefined {
  const items = list(asRecord(value), 'List')
    .map((item) => ({ Key: num(item, 'Key'), Val: num(item, 'Val') }))
    .filter((item) => Number.isInteger(item.Key) && Number.isInteger(item.Val));
  return items.length > 0 ? { Count: items.length, List: items } : undefined;
}

/** `1_700722177|2_700724325|...` for synccheck. */
export function syncKeyString(key: SyncKey): string {
  return key.List.map((item) => `${item.Key}_${item.Val}`).join('|');
}

export interface BaseResponse {
  ret: number;
  message: string;
}

export function readBaseResponse(json: Json): BaseResponse | undefined {
  const base = asRecord(json.BaseResponse);
  if (!base || !('Ret' in base)) return undefined;
  return { ret: num(base, 'Ret'), message: str(base, 'ErrMsg') };
}

export interface RawMember {
  UserName: string;
  NickName: string;
  DisplayName: string;
}

export interface RawContact {
  UserName: string;
  NickName: string;
  RemarkName: string;
  DisplayName: string;
  PYInitial: string;
  PYQuanPin: string;
  RemarkPYInitial: string;
  RemarkPYQuanPin: string;
  HeadImgUrl: string;
  Signature: string;
  VerifyFlag: number;
  ContactFlag: number;
  MemberCount: number;
  MemberList: RawMember[];
  EncryChatRoomId: string;
}

export function readContact(value: unknown): RawContact | undefined {
  const obj = asRecord(value);
  const userName = str(obj, 'UserName');
  if (!obj || !userName) return undefined;
  return {
    UserName: userName,
    NickName: str(obj, 'NickName'),
    RemarkName: str(obj, 'RemarkName'),
    DisplayName: str(obj, 'DisplayName'),
    PYInitial: str(obj, 'PYInitial'),
    PYQuanPin: str(obj, 'PYQuanPin'),
    RemarkPYInitial: str(obj, 'RemarkPYInitial'),
    RemarkPYQuanPin: str(obj, 'RemarkPYQuanPin'),
    HeadImgUrl: str(obj, 'HeadImgUrl'),
    Signature: str(obj, 'Signature'),
    VerifyFlag: num(obj, 'VerifyFlag'),
    ContactFlag: num(obj, 'ContactFlag'),
    MemberCount: num(obj, 'MemberCount'),
    MemberList: list(obj, 'MemberList')
      .map((m) => ({ UserName: str(m, 'UserName'), NickName: str(m, 'NickName'), DisplayName: str(m, 'DisplayName') }))
      .filter((m) => m.UserName !== ''),
    EncryChatRoomId: str(obj, 'EncryChatRoomId'),
  };
}

export function readContacts(json: Json | undefined, key: string): RawContact[] {
  return list(json, key)
    .map(readContact)
    .filter((c): c is RawContact => c !== undefined);
}

export interface RawMessage {
  /** Always the string MsgId: NewMsgId is a JSON number above 2^53 and is never used. */
  MsgId: string;
  FromUserName: string;
  ToUserName: string;
  MsgType: number;
  AppMsgType: number;
  SubMsgType: number;
  Content: string;
  OriContent: string;
  CreateTime: number;
  Url: string;
  FileName: string;
  FileSize: string;
  MediaId: string;
  EncryFileName: string;
  VoiceLength: number;
  PlayLength: number;
  StatusNotifyCode: number;
  StatusNotifyUserName: string;
  Recommend: { UserName: string; NickName: string; Content: string; Alias: string };
}

export function readMessage(value: unknown): RawMessage | undefined {
  const obj = asRecord(value);
  const msgId = str(obj, 'MsgId');
  if (!obj || !msgId) return undefined;
  const recommend = asRecord(obj.RecommendInfo);
  return {
    MsgId: msgId,
    FromUserName: str(obj, 'FromUserName'),
    ToUserName: str(obj, 'ToUserName'),
    MsgType: num(obj, 'MsgType'),
    AppMsgType: num(obj, 'AppMsgType'),
    SubMsgType: num(obj, 'SubMsgType'),
    Content: str(obj, 'Content'),
    OriContent: str(obj, 'OriContent'),
    CreateTime: num(obj, 'CreateTime'),
    Url: str(obj, 'Url'),
    FileName: str(obj, 'FileName'),
    FileSize: str(obj, 'FileSize'),
    MediaId: str(obj, 'MediaId'),
    EncryFileName: str(obj, 'EncryFileName'),
    VoiceLength: num(obj, 'VoiceLength'),
    PlayLength: num(obj, 'PlayLength'),
    StatusNotifyCode: num(obj, 'StatusNotifyCode'),
    StatusNotifyUserName: str(obj, 'StatusNotifyUserName'),
    Recommend: {
      UserName: str(recommend, 'UserName'),
      NickName: str(recommend, 'NickName'),
      Content: str(recommend, 'Content'),
      Alias: str(recommend, 'Alias'),
    },
  };
}
