// Builds address books: the special entries every test wants (filehelper, the WeChat team, official
// accounts, emoji / entity / hostile names, groups saved and unsaved), plus synthetic bulk (e.g.
// 5,000 friends and 200 groups) from a seeded PRNG so the same spec always yields the same book.
import { AddressBook, blankContact, type BookContact, type BookGroup, type SelfProfile } from './address-book.ts';
import { SeededRandom } from './ids.ts';

export interface ContactSpec {
  id?: string;
  nickName: string;
  remarkName?: string;
  sex?: 0 | 1 | 2;
  signature?: string;
  verifyFlag?: number;
  province?: string;
  city?: string;
  alias?: string;
  starred?: boolean;
  muted?: boolean;
  /** Not a friend: known only as a group member. */
  stranger?: boolean;
}

export interface GroupSpec {
  id?: string;
  nickName?: string;
  /** Member references (ids or NickNames) or a count of members to draw from the book. */
  members?: string[] | number;
  saved?: boolean;
  recent?: boolean;
  muted?: boolean;
  displayNames?: Record<string, string>;
}

export interface AddressBookSpec {
  contacts?: number | ContactSpec[];
  groups?: number | GroupSpec[];
  self?: Partial<SelfProfile>;
  seed?: number;
  /** Include the special entries (default true). */
  specials?: boolean;
}

export const DEMO_FRIEND_ID = 'wxid_demo_echo';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚', '小红', '晓东', '子涵', '一诺', '浩然', '雨桐', '思远', '嘉怡'];
const LATIN = ['Alice', 'Bob', 'Carol', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kate', 'Leo', 'Mia', 'Nick', 'Olivia', 'Paul', 'Quinn', 'Rosa', 'Sam', 'Tina'];
const EMOJI = ['1f604', '1f60a', '2600', '1f31b', '1f436', '1f338', '1f680', '2764'];
const PLACES: Array<[string, string]> = [['北京', '海淀'], ['上海', '浦东新区'], ['广东', '深圳'], ['浙江', '杭州'], ['四川', '成都'], ['', '']];

const span = (hex: string) => `<span class="emoji emoji${hex}"></span>`;

function specials(book: AddressBook): void {
  const add = (c: BookContact) => book.addContact(c);
  add({ ...blankContact('filehelper', '文件传输助手', 'special') });
  add({ ...blankContact('weixin', '微信团队', 'official'), verifyFlag: 56 });
  add({ ...blankContact('gh_chinadaily', '中国日报双语新闻', 'official'), verifyFlag: 24, signature: '每日双语新闻' });
  add({ ...blankContact('gh_reading', `读书${span('1f4da')}订阅号`, 'official'), verifyFlag: 8 });
  add({ ...blankContact('wxid_zhangsanfeng', '张三丰'), remarkName: '丰哥', sex: 2, province: '北京', city: '平谷', signature: `${span('2600')} 一定会找到${span('1f31b')}` });
  add({ ...blankContact('wxid_xiaoming', `小明${span('1f604')}`), sex: 1 });
  add({ ...blankContact('wxid_tomjerry', 'Tom &amp; Jerry &lt;3') });
  add({ ...blankContact('wxid_ana_cn', `Ana${span('1f1e81f1f3')}`), sex: 2 });
  add({ ...blankContact('wxid_hostile', HOSTILE_NAME), signature: '<script>alert(2)</script>' });
  add({ ...blankContact(DEMO_FRIEND_ID, `Echo 小助手${span('1f916')}`), signature: '我会回复你发给我的每一句话' });
  add({ ...blankContact('wxid_stranger_li', '李路人', 'stranger') });
  add({ ...blankContact('wxid_stranger_wu', `吴${span('1f338')}`, 'stranger') });

  const group = (g: Partial<BookGroup> & { id: string; memberIds: string[] }): BookGroup => ({
    nickName: '',
    displayNames: {},
    ownerId: g.memberIds[0] ?? 'self',
    saved: true,
    recent: false,
    muted: false,
    headSeq: 700_000_001,
    ...g,
    memberIds: g.memberIds.includes('self') ? g.memberIds : ['self', ...g.memberIds],
  });
  book.addGroup(group({
    id: '20001@chatroom',
    nickName: `周末爬山群${span('26f0')}`,
    memberIds: ['wxid_zhangsanfeng', 'wxid_xiaoming', 'wxid_tomjerry', 'wxid_stranger_li', 'wxid_stranger_wu', 'wxid_hostile'],
    displayNames: { wxid_xiaoming: '明明', self: '我自己' },
    saved: true,
    recent: true,
  }));
  book.addGroup(group({ id: '20002@chatroom', nickName: '', memberIds: ['wxid_xiaoming', 'wxid_ana_cn', 'wxid_stranger_li'], saved: false, recent: true }));
  book.addGroup(group({ id: '20003@chatroom', nickName: '项目 &amp; 需求 &lt;内部&gt;', memberIds: ['wxid_tomjerry', 'wxid_stranger_wu'], saved: false, recent: false, muted: true }));
  book.recentIds = ['filehelper', 'weixin', 'wxid_zhangsanfeng', '20001@chatroom', '20002@chatroom', 'gh_chinadaily', DEMO_FRIEND_ID];
  book.seedHistory = [
    { from: 'wxid_zhangsanfeng', text: '明天见', ageSeconds: 3600 },
    { from: 'wxid_xiaoming', group: '20001@chatroom', text: '周六早上八点集合', ageSeconds: 1800 },
    { from: 'wxid_tomjerry', text: 'Did you get my file?', ageSeconds: 600 },
  ];
}

function synthName(rng: SeededRandom): string {
  let name = rng.chance(0.7) ? rng.pick(SURNAMES) + rng.pick(GIVEN) : `${rng.pick(LATIN)} ${rng.pick(LATIN)}`;
  if (rng.chance(0.1)) name += span(rng.pick(EMOJI));
  if (rng.chance(0.03)) name += ' &amp; Co';
  return name;
}

function synthContacts(book: AddressBook, count: number, rng: SeededRandom): void {
  for (let i = 0; i < count; i += 1) {
    const official = rng.chance(0.02);
    const c = blankContact(official ? `gh_${i.toString(36)}x${rng.int(100, 999)}` : `wxid_${i.toString(36)}${rng.int(1000, 9999)}`, synthName(rng), official ? 'official' : 'friend');
    const [province, city] = rng.pick(PLACES);
    book.addContact({
      ...c,
      verifyFlag: official ? rng.pick([8, 24]) : 0,
      remarkName: rng.chance(0.05) ? `备注${i}` : '',
      sex: rng.pick([0, 1, 2] as const),
      province,
      city,
      starred: rng.chance(0.02),
      headSeq: 600_000_000 + rng.int(0, 99_999_999),
    });
  }
}

function synthGroups(book: AddressBook, count: number, rng: SeededRandom): void {
  const people = book.friends().filter((c) => c.kind === 'friend').map((c) => c.id);
  const strangers: string[] = [];
  for (let i = 0; i < Math.max(10, Math.floor(count / 2)); i += 1) {
    const c = blankContact(`wxid_s${i.toString(36)}${rng.int(100, 999)}`, synthName(rng), 'stranger');
    book.addContact(c);
    strangers.push(c.id);
  }
  for (let i = 0; i < count; i += 1) {
    const wanted = rng.chance(0.1) ? rng.int(40, 200) : rng.int(3, 30);
    const size = Math.min(wanted, people.length + strangers.length + 1);
    const members = new Set<string>(['self']);
    while (members.size < size) members.add(rng.chance(0.8) && people.length ? rng.pick(people) : rng.pick(strangers));
    const memberIds = [...members];
    book.addGroup({
      id: `${30000 + i}@chatroom`,
      nickName: rng.chance(0.1) ? '' : `群${i} ${rng.pick(LATIN)}${rng.chance(0.2) ? span(rng.pick(EMOJI)) : ''}`,
      memberIds,
      displayNames: {},
      ownerId: memberIds[1] ?? 'self',
      saved: rng.chance(0.75),
      recent: rng.chance(0.05),
      muted: rng.chance(0.2),
      headSeq: 700_000_000 + rng.int(0, 99_999_999),
    });
  }
}

function explicitContacts(book: AddressBook, specs: ContactSpec[]): void {
  specs.forEach((spec, index) => {
    const base = blankContact(spec.id ?? `wxid_custom${index}`, spec.nickName, spec.stranger ? 'stranger' : spec.verifyFlag ? 'official' : 'friend');
    book.addContact({
      ...base,
      remarkName: spec.remarkName ?? '',
      sex: spec.sex ?? 0,
      signature: spec.signature ?? '',
      verifyFlag: spec.verifyFlag ?? 0,
      province: spec.province ?? '',
      city: spec.city ?? '',
      alias: spec.alias ?? '',
      starred: spec.starred ?? false,
      muted: spec.muted ?? false,
    });
  });
}

function explicitGroups(book: AddressBook, specs: GroupSpec[], rng: SeededRandom): void {
  const pool = book.friends().map((c) => c.id);
  specs.forEach((spec, index) => {
    let memberIds: string[];
    if (Array.isArray(spec.members)) {
      memberIds = spec.members.map((ref) => book.findId(ref) ?? ref).filter((id) => id === 'self' || book.contacts.has(id));
    } else {
      const set = new Set<string>();
      const wanted = Math.min(spec.members ?? 5, pool.length);
      while (set.size < wanted) set.add(rng.pick(pool));
      memberIds = [...set];
    }
    if (!memberIds.includes('self')) memberIds.unshift('self');
    book.addGroup({
      id: spec.id ?? `${40000 + index}@chatroom`,
      nickName: spec.nickName ?? '',
      memberIds,
      displayNames: spec.displayNames ?? {},
      ownerId: memberIds[1] ?? 'self',
      saved: spec.saved ?? true,
      recent: spec.recent ?? false,
      muted: spec.muted ?? false,
      headSeq: 700_000_000 + index,
    });
  });
}

export const DEFAULT_SELF: SelfProfile = { uin: 211722515, id: 'wxid_self_switchboard', nickName: `总机测试号${span('1f4de')}`, sex: 1, signature: '这里是签名' };

export function buildAddressBook(spec: AddressBookSpec = {}): AddressBook {
  const rng = new SeededRandom(spec.seed ?? 20240601);
  const book = new AddressBook({ ...DEFAULT_SELF, ...spec.self });
  if (spec.specials ?? true) specials(book);
  const contacts = spec.contacts ?? 40;
  if (typeof contacts === 'number') synthContacts(book, contacts, rng);
  else explicitContacts(book, contacts);
  const groups = spec.groups ?? 6;
  if (typeof groups === 'number') synthGroups(book, groups, rng);
  else explicitGroups(book, groups, rng);
  for (const group of book.groups.values()) if (group.recent && !book.recentIds.includes(group.id)) book.recentIds.push(group.id);
  return book;
}
