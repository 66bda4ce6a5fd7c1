// Account commands beyond sending, one handler per kind (A.4): presence, friend requests, add and
// remove friends, search (Finger, or GetInfo for a number) and profiles (GetInfo LV=2).
import type { AccountCommand, CommandResult } from '../connector.ts';
import { integer, rows } from './codec.ts';
import { contactOf, profileOf, type ContactUpsert } from './friends.ts';
import { isUin, statusCodeOf } from './protocol.ts';
import { settle, type QqRuntime } from './runtime.ts';

type Handler<K extends AccountCommand['kind']> = (rt: QqRuntime, command: Extract<AccountCommand, { kind: K }>) => Promise<CommandResult>;
type Handlers = { [K in AccountCommand['kind']]: Handler<K> };

const unsupported = (what: string): Promise<CommandResult> =>
  Promise.resolve({ ok: false, error: `The QQ HTTP interface has no way to ${what}` });
const badPeer = (peerId: string): CommandResult => ({ ok: false, error: `not a QQ number: ${peerId}` });

/** Answers to an incoming request: 0 approve, 1 reject, 2 ask them to add me back (A.4). */
const ACK_CODES = { approve: 0, reject: 1, askBack: 2 } as const;
const ACK_DONE = { approve: 'approved', reject: 'rejected', askBack: 'approved and asked to add you back' } as const;

async function nameOf(rt: QqRuntime, uin: string): Promise<string> {
  return (await rt.store.load()).names[uin] || uin;
}

async function setFriend(rt: QqRuntime, uin: string, isFriend: boolean): Promise<void> {
  const state = await rt.store.load();
  const friends = new Set(state.friends);
  if (isFriend) friends.add(uin);
  else friends.delete(uin);
  await rt.store.update({ friends: [...friends] });
}

const HANDLERS: Handlers = {
  markRead: () => unsupported('mark messages read'),
  revoke: () => unsupported('recall a message'),

  async setPresence(rt, { presence }) {
    const st = statusCodeOf(presence);
    if (st === undefined) return { ok: false, error: `QQ has no "${presence}" status here: choose online, busy or offline` };
    const answer = await rt.client.call('Change_Stat', [['ST', st]]);
    if (answer.kind !== 'ok') return { ok: false, error: settle(rt, answer) };
    return { ok: true, message: `QQ status set to ${presence}` };
  },

  async answerFriendRequest(rt, { peerId, answer, text }) {
    if (!isUin(peerId)) return badPeer(peerId);
    const reply = await rt.client.call('Ack_AddToList', [['UN', peerId], ['CD', ACK_CODES[answer]], ['RS', text ?? '']]);
    if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
    const state = await rt.store.load();
    const name = state.names[peerId] || peerId;
    // The request is answered: drop it from the contact, or the contact itself if it was only a request.
    if (answer === 'reject' && !state.friends.includes(peerId)) {
      rt.known.delete(peerId);
      await rt.deps.events.contacts([], [peerId]);
    } else {
      await rt.deps.events.contacts([contactOf(peerId, state.names[peerId], rt.presence.get(peerId))]);
    }
    return { ok: true, message: `Friend request from ${name} ${ACK_DONE[answer]}` };
  },

  async addFriend(rt, { peerId, text }) {
    if (!isUin(peerId)) return badPeer(peerId);
    const reply = await rt.client.call('AddToList', [['UN', peerId]]);
    if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
    const cd = integer(reply.reply, 'CD', Number.NaN);
    const name = await nameOf(rt, peerId);
    if (cd === 0) {
      await setFriend(rt, peerId, true);
      const contact = contactOf(peerId, name === peerId ? undefined : name);
      rt.known.add(peerId);
      await rt.deps.events.contacts([contact]);
      return { ok: true, contacts: [contact], message: `${name} is now in your friend list (CD=0: anyone may add)` };
    }
    if (cd === 1) {
      // Verification required: send the request with its text (seed 004 §8, CD=2 with RS).
      const request = await rt.client.call('Ack_AddToList', [['UN', peerId], ['CD', 2], ['RS', text ?? '']]);
      if (request.kind !== 'ok') return { ok: false, error: `${name} requires verification, but sending the request failed: ${settle(rt, request)}` };
      return { ok: true, message: `${name} requires verification (CD=1): request sent, waiting for an answer` };
    }
    // Hackfan's tested value for "refuses everyone" is 3; one C# comment says 2 (A.9.8): both refuse.
    if (cd === 2 || cd === 3) return { ok: false, error: `${name} does not accept friend requests (CD=${cd})` };
    rt.client.diagnose('warn', `AddToList: unknown CD`, reply.body);
    return { ok: false, error: `QQ gave an unknown answer to the friend request (CD=${Number.isNaN(cd) ? 'missing' : cd})` };
  },

  async removeFriend(rt, { peerId }) {
    if (!isUin(peerId)) return badPeer(peerId);
    const reply = await rt.client.call('DelFromList', [['UN', peerId]]);
    if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
    const name = await nameOf(rt, peerId);
    await setFriend(rt, peerId, false);
    rt.known.delete(peerId);
    rt.presence.delete(peerId);
    await rt.deps.events.contacts([], [peerId]);
    return { ok: true, message: `${name} removed from your friend list` };
  },

  async fetchProfile(rt, { peerId }) {
    if (!isUin(peerId)) return badPeer(peerId);
    const reply = await rt.client.call('GetInfo', [['LV', 2], ['UN', peerId]]);
    if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
    const { contact, summary } = profileOf(reply.reply, peerId);
    if (contact.name !== contact.id) await rt.store.rememberNames({ [contact.id]: contact.name });
    const withPresence: ContactUpsert = { ...contact, ...(rt.presence.has(peerId) ? { presence: rt.presence.get(peerId) } : {}) };
    if (rt.known.has(peerId)) await rt.deps.events.contacts([withPresence]);
    return { ok: true, contacts: [withPresence], message: `Profile of ${summary}` };
  },

  async searchUser(rt, { query }) {
    const trimmed = query.trim();
    if (isUin(trimmed)) {
      const reply = await rt.client.call('GetInfo', [['LV', 1], ['UN', trimmed]]);
      if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
      const { contact } = profileOf(reply.reply, trimmed);
      // Remembered so that a friend added from these results shows by name, not by number.
      if (contact.name !== trimmed) await rt.store.rememberNames({ [trimmed]: contact.name });
      return { ok: true, contacts: [contact], message: `QQ ${trimmed}` };
    }
    const filters = parseFinger(trimmed);
    if ('error' in filters) return { ok: false, error: filters.error };
    const reply = await rt.client.call('Finger', [['AG', filters.age], ['SX', filters.sex], ['PV', filters.province]]);
    if (reply.kind !== 'ok') return { ok: false, error: settle(rt, reply) };
    const table = rows(reply.reply, ['UN', 'NK', 'AG', 'SX', 'PV'], ['NK', 'AG', 'SX', 'PV']);
    if (!table.ok) {
      rt.client.diagnose('error', `Finger: ${table.error}`, reply.body);
      return { ok: false, error: `QQ sent unreadable search results (${table.error})` };
    }
    const contacts = table.rows
      .filter((row) => isUin(row.UN.trim()))
      .map((row) => {
        const note = [row.AG && `Age: ${row.AG}`, row.SX && `Sex: ${row.SX === '1' ? 'female' : 'male'}`].filter(Boolean).join('\n');
        return { ...contactOf(row.UN.trim(), row.NK.trim()), ...(note ? { note } : {}) };
      });
    await rt.store.rememberNames(Object.fromEntries(contacts.filter((c) => c.name !== c.id).map((c) => [c.id, c.name])));
    return { ok: true, contacts, message: `${contacts.length} QQ users found` };
  },
};

/** `age=20 sex=female province=3` (also `age:20`, `f`/`m`, 男/女); each part optional. */
export function parseFinger(query: string): { age: number; sex: string; province: string } | { error: string } {
  const out = { age: 0, sex: '', province: '' };
  for (const token of query.split(/[\s,;]+/).filter(Boolean)) {
    const [rawKey = '', value = ''] = token.split(/[=:]/, 2);
    const key = rawKey.toLowerCase();
    if ((key === 'age' || key === 'ag') && /^\d{1,3}$/.test(value)) out.age = Number(value);
    else if ((key === 'sex' || key === 'sx') && /^(m|male|0|男)$/i.test(value)) out.sex = '0';
    else if ((key === 'sex' || key === 'sx') && /^(f|female|1|女)$/i.test(value)) out.sex = '1';
    else if ((key === 'province' || key === 'pv') && /^\d{1,3}$/.test(value)) out.province = value;
    else return { error: 'Search QQ by number, or by age=, sex= and province= (a province code)' };
  }
  return out;
}

export function runCommand(rt: QqRuntime, command: AccountCommand): Promise<CommandResult> {
  const handler = HANDLERS[command.kind] as Handler<typeof command.kind>;
  return handler(rt, command as never);
}
