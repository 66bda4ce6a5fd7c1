// Contacts as the service sends them (field set of seed 002), webwxgetcontact paged by Seq and
// webwxbatchgetcontact (<= 50 names a call, members of groups, unknown senders).
import type { AddressBook, BookContact, BookGroup } from './address-book.ts';
import { type Exchange, sendJson, protocolError } from './exchange.ts';
import { pinyinFields } from './pinyin.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { num, record, str } from './values.ts';
import { baseResponse } from './wire.ts';

export const BATCH_LIMIT = 50;
const pyCache = new WeakMap<object, { nick: { initial: string; full: string }; remark: { initial: string; full: string } }>();

function py(contact: { nickName: string; remarkName?: string }) {
  let cached = pyCache.get(contact);
  if (!cached) {
    cached = { nick: pinyinFields(contact.nickName), remark: pinyinFields(contact.remarkName ?? '') };
    pyCache.set(contact, cached);
  }
  return cached;
}

function contactFlag(contact: BookContact): number {
  if (contact.kind === 'stranger') return 0;
  let flag = contact.id === 'filehelper' ? 1 : 3;
  if (contact.muted) flag |= 512;
  if (contact.pinned) flag |= 2048;
  return flag;
}

export function renderContact(session: Session, contact: BookContact, displayName = ''): Record<string, unknown> {
  const userName = session.userName(contact.id);
  const names = py(contact);
  return {
    Uin: 0,
    UserName: userName,
    NickName: contact.nickName,
    HeadImgUrl: `/cgi-bin/mmwebwx-bin/webwxgeticon?seq=${contact.headSeq}&username=${userName}&skey=${session.skey}`,
    ContactFlag: contactFlag(contact),
    MemberCount: 0,
    MemberList: [],
    RemarkName: contact.remarkName,
    HideInputBarFlag: 0,
    Sex: contact.sex,
    Signature: contact.signature,
    VerifyFlag: contact.verifyFlag,
    OwnerUin: 0,
    PYInitial: names.nick.initial,
    PYQuanPin: names.nick.full,
    RemarkPYInitial: names.remark.initial,
    RemarkPYQuanPin: names.remark.full,
    StarFriend: contact.starred ? 1 : 0,
    AppAccountFlag: 0,
    Statues: 0,
    AttrStatus: contact.kind === 'friend' ? 2_359_303 : 0,
    Province: contact.province,
    City: contact.city,
    Alias: contact.alias,
    SnsFlag: contact.kind === 'friend' ? 17 : 0,
    UniFriend: 0,
    DisplayName: displayName,
    ChatRoomId: 0,
    KeyWord: contact.id.slice(0, 3),
    EncryChatRoomId: '',
    IsOwner: 0,
  };
}

function renderMember(session: Session, book: AddressBook, group: BookGroup, memberId: string): Record<string, unknown> {
  const contact = memberId === 'self' ? undefined : book.contacts.get(memberId);
  const nickName = memberId === 'self' ? book.self.nickName : (contact?.nickName ?? '');
  const names = contact ? py(contact).nick : pinyinFields(nickName);
  return {
    Uin: 0,
    UserName: session.userName(memberId),
    NickName: nickName,
    AttrStatus: contact?.kind === 'friend' ? 2_359_303 : 0,
    PYInitial: names.initial,
    PYQuanPin: names.full,
    RemarkPYInitial: '',
    RemarkPYQuanPin: '',
    MemberStatus: 0,
    DisplayName: group.displayNames[memberId] ?? '',
    KeyWord: memberId === 'self' ? book.self.id.slice(0, 3) : memberId.slice(0, 3),
  };
}

/** A group; `withMembers` false is how webwxgetcontact lists saved groups (empty MemberList). */
export function renderGroup(session: Session, book: AddressBook, group: BookGroup, withMembers: boolean): Record<string, unknown> {
  const userName = session.userName(group.id);
  const names = py(group);
  return {
    Uin: 0,
    UserName: userName,
    NickName: group.nickName,
    HeadImgUrl: `/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=${group.headSeq}&username=${userName}&skey=${session.skey}`,
    ContactFlag: group.saved ? 3 : 2,
    MemberCount: withMembers ? group.memberIds.length : 0,
    MemberList: withMembers ? group.memberIds.map((id) => renderMember(session, book, group, id)) : [],
    RemarkName: '',
    HideInputBarFlag: 0,
    Sex: 0,
    Signature: '',
    VerifyFlag: 0,
    OwnerUin: 0,
    PYInitial: names.nick.initial,
    PYQuanPin: names.nick.full,
    RemarkPYInitial: '',
    RemarkPYQuanPin: '',
    StarFriend: 0,
    AppAccountFlag: 0,
    Statues: group.muted ? 0 : 1,
    AttrStatus: 0,
    Province: '',
    City: '',
    Alias: '',
    SnsFlag: 0,
    UniFriend: 0,
    DisplayName: '',
    ChatRoomId: 0,
    KeyWord: '',
    EncryChatRoomId: session.encryChatRoomId(group.id),
    ChatRoomOwner: session.userName(group.ownerId),
    IsOwner: group.ownerId === 'self' ? 1 : 0,
  };
}

/** Any id rendered the way a full lookup (init, batchgetcontact, ModContactList) shows it. */
export function renderAny(session: Session, book: AddressBook, id: string): Record<string, unknown> | undefined {
  const group = book.groups.get(id);
  if (group) return renderGroup(session, book, group, true);
  const contact = book.contacts.get(id);
  return contact ? renderContact(session, contact) : undefined;
}

/** webwxgetcontact: friends, official/special accounts and saved groups, paged by Seq. */
export function getContact(state: SimState, ex: Exchange, session: Session): void {
  const book = state.book;
  const all: Array<{ contact?: BookContact; group?: BookGroup }> = [
    ...book.friends().map((contact) => ({ contact })),
    ...[...book.groups.values()].filter((g) => g.saved).map((group) => ({ group })),
  ];
  const offset = Math.max(0, Math.floor(num(ex.query.get('seq')) ?? 0));
  const size = Math.max(1, state.config.contactPageSize);
  const page = all.slice(offset, offset + size);
  const next = offset + size < all.length ? offset + size : 0;
  sendJson(ex, {
    BaseResponse: baseResponse(),
    MemberCount: page.length,
    MemberList: page.map((item) => (item.group ? renderGroup(session, book, item.group, false) : renderContact(session, item.contact as BookContact))),
    Seq: next,
  });
}

/** webwxbatchgetcontact: details for groups (with members), members (with their group card), strangers. */
export function batchGetContact(state: SimState, ex: Exchange, session: Session): void {
  const list = Array.isArray(ex.json?.['List']) ? (ex.json['List'] as unknown[]) : undefined;
  if (!list) return protocolError(ex, 1, 'List missing');
  if (list.length > BATCH_LIMIT) return protocolError(ex, 1, `at most ${BATCH_LIMIT} per call`);
  if (state.overLimit(`${session.uin}:${session.sid}`, 'batch')) return protocolError(ex, 1205);
  const book = state.book;
  const encryToGroup = new Map([...book.groups.values()].map((g) => [session.encryChatRoomId(g.id), g]));
  const out: Record<string, unknown>[] = [];
  for (const item of list) {
    const entry = record(item);
    const id = session.idOf(str(entry?.['UserName']));
    if (!id) continue;
    const group = book.groups.get(id);
    if (group) {
      out.push(renderGroup(session, book, group, true));
      continue;
    }
    const chatRoom = str(entry?.['EncryChatRoomId']);
    const inGroup = encryToGroup.get(chatRoom) ?? book.groups.get(session.idOf(chatRoom) ?? '');
    const contact = id === 'self' ? undefined : book.contacts.get(id);
    if (contact) out.push(renderContact(session, contact, inGroup?.displayNames[id] ?? ''));
  }
  sendJson(ex, { BaseResponse: baseResponse(), Count: out.length, ContactList: out });
}

/** Tell every live session of the account that a contact or group changed (ModContactList). */
export function announceContact(state: SimState, id: string, selector: 4 | 6): void {
  for (const session of state.liveSessions()) {
    const payload = renderAny(session, state.book, id);
    if (payload) session.append('modContact', selector, payload);
  }
}

/** A contact or group is gone (DelContactList), e.g. after setAddressBook dropped it. */
export function announceRemoval(state: SimState, id: string): void {
  for (const session of state.liveSessions()) session.append('delContact', 6, { UserName: session.userName(id), ContactFlag: 0 });
}
