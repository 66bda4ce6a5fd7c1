// Control `inject`: any MsgType / AppMsgType from a contact, a group member, or ourselves on the
// phone, delivered to the account's live sessions (and kept for history replay).
import { APP_MSG_TYPES, MSG_TYPES, appMessage, typedMessage, type TemplateInput } from './message-templates.ts';
import { deliver, type MessageSpec } from './messages.ts';
import type { SimState } from './state.ts';
import { num, record, str } from './values.ts';
import { plainText } from './wire.ts';

export interface InjectResult {
  msgId: string;
  createTime: number;
  msgType: number;
  sessions: number;
}

function resolve(state: SimState, reference: unknown, what: string): string {
  const ref = str(reference);
  const id = ref ? state.book.findId(ref) : undefined;
  if (!id) {
    // A UserName of some live session also works (tests often read it from webwxsync).
    for (const session of state.sessions) {
      const byName = ref ? session.idOf(ref) : undefined;
      if (byName) return byName;
    }
    throw new Error(`inject: unknown ${what} ${JSON.stringify(ref)}`);
  }
  return id;
}

function displayName(state: SimState, groupId: string, memberId: string): string {
  const group = state.book.groups.get(groupId);
  const card = group?.displayNames[memberId];
  if (card) return card;
  if (memberId === 'self') return state.book.self.nickName;
  return state.book.contacts.get(memberId)?.nickName ?? memberId;
}

export function inject(state: SimState, body: Record<string, unknown>): InjectResult {
  const typeName = body['type'] ?? 'text';
  const appByName = typeof typeName === 'string' ? APP_MSG_TYPES[typeName] : undefined;
  const location = typeName === 'location';
  let msgType = typeof typeName === 'number' ? typeName : appByName !== undefined ? 49 : location ? 1 : MSG_TYPES[str(typeName)];
  if (msgType === undefined) throw new Error(`inject: unknown type ${JSON.stringify(typeName)}`);
  if (msgType === 48) msgType = 1; // locations travel as text + SubMsgType 48 (digest 3.2)

  const fromSelf = body['fromSelf'] === true;
  const groupId = body['group'] !== undefined ? resolve(state, body['group'], 'group') : undefined;
  if (groupId && !state.book.isGroup(groupId)) throw new Error(`inject: ${JSON.stringify(body['group'])} is not a group`);
  const group = groupId ? state.book.groups.get(groupId) : undefined;
  let author: string;
  if (fromSelf) author = 'self';
  else if (body['from'] !== undefined) author = resolve(state, body['from'], 'sender');
  else if (group) author = group.memberIds.find((id) => id !== 'self') ?? 'self';
  else throw new Error('inject: say who it is from (from, group or fromSelf)');

  let from: string;
  let to: string;
  if (fromSelf) {
    from = 'self';
    to = groupId ?? resolve(state, body['to'] ?? 'filehelper', 'recipient');
  } else {
    from = groupId ?? author;
    to = 'self';
  }

  const msgId = state.msgIds.take();
  let text = str(body['text']);
  if (msgType === 1 && groupId && !fromSelf) {
    const mentions: string[] = [];
    if (body['mentionSelf'] === true) mentions.push(displayName(state, groupId, 'self'));
    if (Array.isArray(body['mentions'])) for (const ref of body['mentions']) mentions.push(displayName(state, groupId, resolve(state, ref, 'mention')));
    // @name + U+2005 (four-per-em space) is how the phone writes a mention (digest 3.6).
    if (mentions.length) text = `${mentions.map((m) => `@${plainText(m)}\u2005`).join('')}${text}`;
  }
  const input: TemplateInput = {
    msgId,
    text,
    authorId: author === 'self' ? state.book.self.id : author,
    title: typeof body['title'] === 'string' ? body['title'] : undefined,
    description: typeof body['description'] === 'string' ? body['description'] : undefined,
    url: typeof body['url'] === 'string' ? body['url'] : undefined,
    fileName: typeof body['fileName'] === 'string' ? body['fileName'] : undefined,
    fileSize: num(body['fileSize']),
    oldMsgId: typeof body['oldMsgId'] === 'string' ? body['oldMsgId'] : undefined,
    chatId: groupId ?? author,
    recallName: plainText(author === 'self' ? state.book.self.nickName : (state.book.contacts.get(author)?.nickName ?? '')),
    statusNotifyCode: num(body['statusNotifyCode']),
    store: body['store'] === true,
  };
  const appMsgType = msgType === 49 ? (num(body['appMsgType']) ?? appByName ?? 5) : undefined;
  const fields = appMsgType !== undefined ? appMessage(appMsgType, input) : typedMessage(location ? 48 : msgType, input);
  if (typeof body['content'] === 'string') fields.content = body['content'];

  const createTime = state.nowSeconds() - (num(body['ageSeconds']) ?? 0);
  const spec: MessageSpec = {
    ...fields,
    msgId,
    createTime,
    msgType,
    from,
    to,
    sender: groupId && !fromSelf ? author : undefined,
    selector: num(body['selector']),
    raw: { ...fields.raw, ...record(body['raw']) },
  };
  if (msgType === 51) spec.statusNotifyIds = [to === 'self' ? from : to];
  registerMedia(state, spec);
  // Default: the book's own account, or the only account logged in (confirm may pick another uin).
  const live = [...new Set(state.liveSessions().map((s) => s.uin))];
  const uin = num(body['uin']) ?? (live.length === 1 && live[0] !== undefined ? live[0] : state.book.self.uin);
  deliver(state, uin, spec);
  return { msgId, createTime, msgType, sessions: state.liveSessions(uin).length };
}

/** Make the media behind a received message downloadable (getmsgimg / getvoice / getvideo / getmedia). */
function registerMedia(state: SimState, spec: MessageSpec): void {
  if (spec.msgType === 3 || (spec.msgType === 49 && spec.appMsgType === 8)) state.media.byMsgId.set(spec.msgId, { kind: 'image' });
  else if (spec.msgType === 47) state.media.byMsgId.set(spec.msgId, { kind: 'emoticon' });
  else if (spec.msgType === 34) state.media.byMsgId.set(spec.msgId, { kind: 'voice', ms: spec.voiceLength ?? 3000 });
  else if (spec.msgType === 43 || spec.msgType === 62) state.media.byMsgId.set(spec.msgId, { kind: 'video', bytes: 40_960 });
  else if (spec.msgType === 49 && spec.appMsgType === 6) {
    const media = state.media.generatedFile(spec.fileName ?? 'file.bin', Number(spec.fileSize ?? 0));
    spec.mediaId = media.mediaId;
    state.media.byMsgId.set(spec.msgId, { kind: 'file', mediaId: media.mediaId });
  }
}
