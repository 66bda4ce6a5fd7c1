// Control API (POST /wechat/<action> on the control port): the phone (scan, confirm, expire,
// endSession), the world (inject, setAddressBook), the network (fault) and what happened
// (state, sent, requests, contacts).
import type { ControlAction } from '../module.ts';
import { type AddressBookSpec, buildAddressBook } from './book-generator.ts';
import { announceContact, announceRemoval } from './contacts.ts';
import { FAULT_KINDS, type FaultKind } from './faults.ts';
import { isFamily } from './hosts.ts';
import { avatarDataUrl } from './images.ts';
import { inject } from './inject.ts';
import { changeQr, confirmQr } from './login.ts';
import { type QrLogin, type SimConfig, type SimState, defaultConfig } from './state.ts';
import { num, record, str } from './values.ts';

function pickQr(state: SimState, body: Record<string, unknown>, statuses: QrLogin['status'][]): QrLogin {
  const uuid = str(body['uuid']);
  if (uuid) {
    const qr = state.qrs.get(uuid);
    if (!qr) throw new Error(`unknown uuid ${uuid}`);
    return qr;
  }
  const candidates = [...state.qrs.values()].filter((q) => statuses.includes(q.status));
  const latest = candidates[candidates.length - 1];
  if (!latest) throw new Error('no QR login in progress');
  return latest;
}

function configure(state: SimState, body: Record<string, unknown>): SimConfig {
  const config = state.config;
  const defaults = defaultConfig();
  for (const [key, value] of Object.entries(body)) {
    if (key === 'rateLimits') {
      for (const [cls, limit] of Object.entries(record(value) ?? {})) {
        if (!(cls in config.rateLimits)) throw new Error(`unknown rate class ${cls}`);
        const l = record(limit);
        config.rateLimits[cls as keyof SimConfig['rateLimits']] = l ? { max: num(l['max']) ?? 5, windowMs: num(l['windowMs']) ?? 1000 } : null;
      }
      continue;
    }
    if (!(key in defaults)) throw new Error(`unknown setting ${key}`);
    const expected = typeof defaults[key as keyof SimConfig];
    if (typeof value !== expected) throw new Error(`${key} must be a ${expected}`);
    if (key === 'defaultFamily' && !isFamily(value)) throw new Error('defaultFamily must be wx, wx2, wx8, web or web2');
    if (key === 'exchangeVariant' && value !== '200' && value !== '301') throw new Error("exchangeVariant must be '200' or '301'");
    Object.assign(config, { [key]: value });
  }
  return config;
}

function setAddressBook(state: SimState, body: Record<string, unknown>) {
  const before = state.book;
  const spec = body as AddressBookSpec;
  const next = buildAddressBook({ ...spec, self: { ...before.self, ...record(body['self']) } });
  state.book = next;
  const known = (id: string) => before.contacts.has(id) || before.groups.has(id);
  const added = [...next.contacts.keys(), ...next.groups.keys()].filter((id) => !known(id) && next.contacts.get(id)?.kind !== 'stranger');
  const removed = [...before.contacts.keys(), ...before.groups.keys()].filter((id) => !next.contacts.has(id) && !next.groups.has(id));
  if (state.liveSessions().length > 0) {
    for (const id of added) announceContact(state, id, 6);
    for (const id of removed) announceRemoval(state, id);
  }
  return { contacts: next.contacts.size, groups: next.groups.size, added: added.length, removed: removed.length };
}

function summary(state: SimState) {
  return {
    config: state.config,
    exchangeVariant: state.config.exchangeVariant,
    pendingQr: [...state.qrs.values()]
      .filter((q) => q.status === 'waiting' || q.status === 'scanned' || q.status === 'confirmed')
      .map((q) => ({ uuid: q.uuid, status: q.status, desktop: q.desktop, push: q.push, polls: q.polls, heldPolls: q.waiters.size, qrUrl: `https://login.weixin.qq.com/l/${q.uuid}` })),
    qrs: [...state.qrs.values()].slice(-50).map((q) => ({ uuid: q.uuid, status: q.status, family: q.family, desktop: q.desktop, push: q.push })),
    sessions: state.sessions.map((s) => ({
      uin: s.uin,
      family: s.family,
      sid: s.sid,
      skey: s.skey,
      passTicket: s.passTicket,
      selfUserName: s.selfUserName,
      ended: s.ended ?? null,
      initCount: s.initCount,
      lastSeq: s.lastSeq,
      ackedSeq: s.ackedSeq,
      heldSyncchecks: s.waiters.size,
    })),
    faults: state.faults.list(),
    book: { self: state.book.self, contacts: state.book.contacts.size, groups: state.book.groups.size },
  };
}

function contacts(state: SimState, body: Record<string, unknown>) {
  const uin = num(body['uin']);
  const session = state.liveSessions(uin).at(-1) ?? state.sessions.filter((s) => uin === undefined || s.uin === uin).at(-1);
  const query = str(body['query']);
  const limit = num(body['limit']) ?? 200;
  const entries = [
    ...[...state.book.contacts.values()].map((c) => ({ id: c.id, kind: c.kind as string, nickName: c.nickName, remarkName: c.remarkName })),
    ...[...state.book.groups.values()].map((g) => ({ id: g.id, kind: 'group', nickName: g.nickName, remarkName: '' })),
  ].filter((e) => !query || e.id.includes(query) || e.nickName.includes(query) || e.remarkName.includes(query));
  return entries.slice(0, limit).map((e) => ({ ...e, userName: session?.userName(e.id) ?? null }));
}

export function controlActions(state: SimState): Record<string, ControlAction> {
  return {
    scan: (body) => {
      const qr = pickQr(state, body, ['waiting', 'scanned']);
      if (qr.status !== 'waiting' && qr.status !== 'scanned') throw new Error(`QR ${qr.uuid} is ${qr.status}`);
      changeQr(qr, 'scanned', { avatar: str(body['avatar']) || avatarDataUrl(qr.uuid), scanTime: state.nowSeconds(), reported: false });
      return { uuid: qr.uuid, status: qr.status };
    },
    confirm: (body) => {
      const qr = pickQr(state, body, ['waiting', 'scanned']);
      if (qr.status !== 'waiting' && qr.status !== 'scanned') throw new Error(`QR ${qr.uuid} is ${qr.status}`);
      const family = body['family'] === undefined ? state.config.defaultFamily : body['family'];
      if (!isFamily(family)) throw new Error('family must be wx, wx2, wx8, web or web2');
      // A QR login is scanned before it is confirmed; a push login is only confirmed.
      if (qr.status === 'waiting' && !qr.push) changeQr(qr, 'scanned', { avatar: avatarDataUrl(qr.uuid), scanTime: state.nowSeconds(), reported: false });
      confirmQr(state, qr, family, num(body['uin']));
      return { uuid: qr.uuid, status: qr.status, family: qr.family, uin: qr.uin };
    },
    expire: (body) => {
      const qr = pickQr(state, body, ['waiting', 'scanned', 'confirmed']);
      changeQr(qr, 'expired');
      return { uuid: qr.uuid, status: qr.status };
    },
    endSession: (body) => {
      const code = num(body['retcode']) ?? 1101;
      const targets = state.liveSessions(num(body['uin']));
      for (const session of targets) session.end(code, str(body['reason']) || 'ended from the phone', state.now());
      return { ended: targets.length, retcode: code };
    },
    inject: (body) => inject(state, body),
    setAddressBook: (body) => setAddressBook(state, body),
    fault: (body) => {
      const kind = str(body['kind']);
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
      const endpoint = str(body['endpoint']);
      if (!endpoint) throw new Error('endpoint is required (e.g. synccheck, webwxsync, or *)');
      state.faults.arm({ endpoint, kind: kind as FaultKind, count: num(body['count']), status: num(body['status']), retcode: num(body['retcode']), delayMs: num(body['delayMs']) });
      return { faults: state.faults.list() };
    },
    clearFaults: () => {
      state.faults.clear();
      return { faults: [] };
    },
    setExchangeVariant: (body) => {
      const variant = body['variant'];
      if (variant !== '200' && variant !== '301') throw new Error("variant must be '200' or '301'");
      state.config.exchangeVariant = variant;
      return { variant };
    },
    configure: (body) => configure(state, body),
    state: () => summary(state),
    sent: (body) => {
      const since = num(body['since']) ?? 0;
      const items = state.sent.filter((s) => s.at >= since);
      return {
        messages: items.filter((s) => s.kind === 'message'),
        chunks: items.filter((s) => s.kind === 'chunk'),
        revokes: items.filter((s) => s.kind === 'revoke'),
        other: items.filter((s) => s.kind !== 'message' && s.kind !== 'chunk' && s.kind !== 'revoke'),
      };
    },
    requests: (body) => {
      const endpoint = str(body['endpoint']);
      const host = str(body['host']);
      const since = num(body['since']) ?? 0;
      const limit = num(body['limit']) ?? 200;
      return state.requests.filter((r) => (!endpoint || r.endpoint === endpoint) && (!host || r.host === host) && r.id > since).slice(-limit);
    },
    contacts: (body) => contacts(state, body),
  };
}
