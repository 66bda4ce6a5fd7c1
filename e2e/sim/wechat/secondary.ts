// Logout and the secondary endpoints of digest 2.18-2.19: remark / pin (webwxoplog), friend
// requests (webwxverifyuser), group create / update, and the ones no client depends on.
import { blankContact } from './address-book.ts';
import { announceContact, renderGroup } from './contacts.ts';
import { type Exchange, protocolError, send, sendJson } from './exchange.ts';
import { mainHost } from './hosts.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { num, record, str } from './values.ts';
import { baseResponse } from './wire.ts';

export function logout(state: SimState, ex: Exchange, session: Session): void {
  session.end(1101, 'logged out (webwxlogout)', state.now());
  state.recordSent({ kind: 'logout', at: state.now(), uin: session.uin, type: ex.query.get('type') ?? '' });
  if (ex.query.get('redirect') === '1') {
    return send(ex, { status: 302, headers: { location: `https://${mainHost(session.family)}/` }, body: '' });
  }
  send(ex, { body: '' });
}

export function opLog(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const id = session.idOf(str(body['UserName']));
  const contact = id ? state.book.contacts.get(id) : undefined;
  if (!id || (!contact && !state.book.groups.has(id))) return protocolError(ex, 1, 'unknown UserName');
  const cmd = num(body['CmdId']);
  if (cmd === 2 && contact) contact.remarkName = str(body['RemarkName']);
  else if (cmd === 3 && contact) contact.pinned = num(body['OP']) === 1;
  else if (cmd !== 2 && cmd !== 3) return protocolError(ex, 1, 'unknown CmdId');
  state.recordSent({ kind: 'oplog', at: state.now(), uin: session.uin, cmdId: cmd, userName: str(body['UserName']), remarkName: str(body['RemarkName']), op: num(body['OP']) });
  sendJson(ex, { BaseResponse: baseResponse() });
  announceContact(state, id, 4);
}

export function verifyUser(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const opcode = num(body['Opcode']);
  const first = record(Array.isArray(body['VerifyUserList']) ? body['VerifyUserList'][0] : undefined);
  const userName = str(first?.['Value']);
  state.recordSent({ kind: 'verifyuser', at: state.now(), uin: session.uin, opcode, userName, ticket: str(first?.['VerifyUserTicket']), content: str(body['VerifyContent']) });
  const id = session.idOf(userName);
  if (!id) return protocolError(ex, 1, 'unknown user');
  sendJson(ex, { BaseResponse: baseResponse() });
  if (opcode === 3) {
    const contact = state.book.contacts.get(id) ?? blankContact(id, '新朋友');
    state.book.addContact({ ...contact, kind: 'friend' });
    announceContact(state, id, 6);
  }
}

function memberIds(session: Session, list: unknown): string[] {
  const names = typeof list === 'string' ? list.split(',') : Array.isArray(list) ? list.map((m) => str(record(m)?.['UserName'])) : [];
  return names.map((n) => session.idOf(n.trim())).filter((id): id is string => id !== undefined);
}

export function createChatRoom(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const members = memberIds(session, body['MemberList']);
  if (members.length < 2) return protocolError(ex, 1, 'a group needs at least two other members');
  const id = `${50000 + state.book.groups.size}@chatroom`;
  const group = { id, nickName: str(body['Topic']), memberIds: ['self', ...members], displayNames: {}, ownerId: 'self', saved: false, recent: true, muted: false, headSeq: 700_000_000 };
  state.book.addGroup(group);
  state.recordSent({ kind: 'createchatroom', at: state.now(), uin: session.uin, topic: group.nickName, members: members.length });
  const rendered = renderGroup(session, state.book, group, true);
  sendJson(ex, { BaseResponse: baseResponse(), Topic: group.nickName, PYInitial: '', QuanPin: '', MemberCount: group.memberIds.length, MemberList: rendered['MemberList'], ChatRoomName: rendered['UserName'], BlackList: '' });
  announceContact(state, id, 6);
}

export function updateChatRoom(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const fun = ex.query.get('fun') ?? '';
  const id = session.idOf(str(body['ChatRoomName']));
  const group = id ? state.book.groups.get(id) : undefined;
  if (!id || !group) return protocolError(ex, 1, 'unknown ChatRoomName');
  if (fun === 'addmember' || fun === 'invitemember') {
    const added = memberIds(session, body[fun === 'addmember' ? 'AddMemberList' : 'InviteMemberList']);
    // Above InviteStartCount (40) members must be invited, not added (digest 2.19).
    if (fun === 'addmember' && group.memberIds.length >= 40) return protocolError(ex, 1, 'invite instead');
    group.memberIds.push(...added.filter((m) => !group.memberIds.includes(m)));
  } else if (fun === 'delmember') {
    const removed = new Set(memberIds(session, body['DelMemberList']));
    group.memberIds = group.memberIds.filter((m) => !removed.has(m));
  } else if (fun === 'modtopic') {
    group.nickName = str(body['NewTopic']);
  } else {
    return protocolError(ex, 1, 'unknown fun');
  }
  state.recordSent({ kind: 'updatechatroom', at: state.now(), uin: session.uin, fun, group: id });
  sendJson(ex, { BaseResponse: baseResponse(), MemberCount: group.memberIds.length, MemberList: renderGroup(session, state.book, group, true)['MemberList'] });
  announceContact(state, id, 4);
}

/** webwxstatreport, webwxcheckurl, webwxsendfeedback, webwxpreview, webwxsearchcontact. */
export function acknowledge(state: SimState, ex: Exchange, session: Session): void {
  state.recordSent({ kind: ex.endpoint, at: state.now(), uin: session.uin });
  if (ex.endpoint === 'webwxsearchcontact') return sendJson(ex, { BaseResponse: baseResponse(), Count: 0, List: [] });
  sendJson(ex, { BaseResponse: baseResponse() });
}
