// Friend list (List), online friends (Query_Stat) and profiles (GetInfo), A.4 and A.7.
// Paging is our inference (A.7): UN=0 first, then UN=<last number of the previous page> until
// FN=1, an empty page, a page with nothing new, or the hard stop.
import type { Contact, Presence } from '../../../shared/domain.ts';
import type { CallOutcome, QqClient } from './client.ts';
import { integer, list, rows, scalar, type Reply } from './codec.ts';
import { LIST_TN, QUERY_STAT_TN, SYSTEM_NAME, SYSTEM_UIN, isUin, presenceOf } from './protocol.ts';

/** 50 pages of ~120 is far beyond any QQ friend list (the old client capped lists at 500). */
export const MAX_PAGES = 50;

export type ContactUpsert = Omit<Contact, 'accountId'>;
export type Failure = Exclude<CallOutcome, { kind: 'ok' }>;
/** `requests`: how many calls (pages) it took, which the idle request budget counts. */
export type Paged<T> = { ok: true; items: T[]; requests: number } | { ok: false; failure: Failure };

export interface OnlineFriend {
  uin: string;
  name: string;
  presence: Presence;
  face: number;
}

async function pages<T extends { uin: string }>(
  client: QqClient,
  cmd: string,
  tn: number,
  read: (reply: Reply, body: string) => T[] | { error: string },
  signal?: AbortSignal,
): Promise<Paged<T>> {
  const seen = new Map<string, T>();
  let cursor = '0';
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.call(cmd, [['TN', tn], ['UN', cursor]], signal);
    if (answer.kind !== 'ok') return { ok: false, failure: answer };
    const items = read(answer.reply, answer.body);
    if ('error' in items) {
      client.diagnose('error', `${cmd}: ${items.error}`, answer.body);
      return { ok: false, failure: { kind: 'failed', reason: `QQ sent an unreadable ${cmd} page (${items.error})`, code: 'qq:protocol' } };
    }
    const fresh = items.filter((item) => !seen.has(item.uin));
    for (const item of fresh) seen.set(item.uin, item);
    const last = items[items.length - 1];
    // FN=1 is the last page; without FN we ask once more and stop on an empty or repeated page.
    if (integer(answer.reply, 'FN', 0) === 1 || fresh.length === 0 || !last) return { ok: true, items: [...seen.values()], requests: page + 1 };
    cursor = last.uin;
  }
  client.diagnose('warn', `${cmd}: stopped after ${MAX_PAGES} pages`);
  return { ok: true, items: [...seen.values()], requests: MAX_PAGES };
}

export function fetchFriendUins(client: QqClient, signal?: AbortSignal): Promise<Paged<{ uin: string }>> {
  return pages(
    client,
    'List',
    LIST_TN,
    (reply) => {
      const uins = list(reply, 'UN').map((u) => u.trim());
      const bad = uins.find((u) => !isUin(u));
      return bad === undefined ? uins.map((uin) => ({ uin })) : { error: `not a QQ number in UN: ${JSON.stringify(bad.slice(0, 40))}` };
    },
    signal,
  );
}

export function fetchOnlineFriends(client: QqClient, signal?: AbortSignal): Promise<Paged<OnlineFriend>> {
  return pages(
    client,
    'Query_Stat',
    QUERY_STAT_TN,
    (reply) => {
      const table = rows(reply, ['UN', 'ST', 'NK', 'FC'], ['NK', 'FC']);
      if (!table.ok) return { error: table.error };
      const out: OnlineFriend[] = [];
      for (const row of table.rows) {
        const uin = row.UN.trim();
        if (!isUin(uin)) return { error: `not a QQ number in UN: ${JSON.stringify(uin.slice(0, 40))}` };
        // Query_Stat lists online friends only: a code we do not know still means "not offline".
        out.push({ uin, name: row.NK, presence: presenceOf(Number(row.ST)) ?? 'online', face: Number(row.FC) || 0 });
      }
      return out;
    },
    signal,
  );
}

export function contactOf(uin: string, name: string | undefined, presence?: Presence): ContactUpsert {
  if (uin === SYSTEM_UIN) return { id: uin, name: name || SYSTEM_NAME, kind: 'system' };
  return { id: uin, name: name || uin, kind: 'user', ...(presence ? { presence } : {}) };
}

const SEX = ['male', 'female'];
const BLOOD = ['', 'A', 'B', 'O', 'AB', 'other'];

/** A GetInfo reply (LV 1-3) as a contact with the readable fields in `note`. */
export function profileOf(reply: Reply, fallbackUin: string): { contact: ContactUpsert; summary: string } {
  const get = (key: string) => scalar(reply, key)?.trim() ?? '';
  const uin = isUin(get('UN')) ? get('UN') : fallbackUin;
  const name = get('NK');
  const sex = SEX[Number(get('SX'))] ?? '';
  const blood = BLOOD[Number(get('BT'))] ?? '';
  const parts: [string, string][] = [
    ['Real name', get('RN')],
    ['Age', get('AG') === '0' ? '' : get('AG')],
    ['Sex', get('SX') === '' ? '' : sex],
    ['Province', get('PV')],
    ['City', get('CT')],
    ['Country', get('CY')],
    ['Address', get('AD')],
    ['Post code', get('PC')],
    ['Occupation', get('JB')],
    ['School', get('SC')],
    ['E-mail', get('EM')],
    ['Home page', get('HP')],
    ['Phone', get('PH')],
    ['Mobile', get('MO')],
    ['Blood type', blood],
    ['About', get('PR')],
  ];
  const note = parts
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
  const contact = { ...contactOf(uin, name), ...(note ? { note } : {}) };
  return { contact, summary: `${name || uin} (${uin})` };
}
