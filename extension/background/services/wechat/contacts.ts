// Contacts: wire contact -> domain Contact, plus the in-memory book the message normaliser asks for
// group member names and our own group card (digest §2.8, §2.9, §3.5, §3.6).
import type { Contact, ContactKind } from '../../../shared/domain.ts';
import { cleanName } from './text.ts';
import type { RawContact, RawMember } from './wire.ts';

export type WechatContact = Omit<Contact, 'accountId'>;

/** Plain-name accounts that are features, not people (W4U's special-user list, digest §3.5). */
export const SYSTEM_USERS: ReadonlySet<string> = new Set([
  'newsapp', 'fmessage', 'filehelper', 'weibo', 'qqmail', 'tmessage', 'qmessage', 'qqsync', 'floatbottle',
  'lbsapp', 'shakeapp', 'medianote', 'qqfriend', 'readerapp', 'blogapp', 'facebookapp', 'masssendapp',
  'meishiapp', 'feedsapp', 'voip', 'blogappweixin', 'weixin', 'brandsessionholder', 'weixinreminder',
  'wxid_novlwrv3lqwv11', 'gh_22b87fa7cb3c', 'officialaccounts', 'notification_messages', 'wxitil',
  'userexperience_alarm', 'mphelper',
]);

export function isGroupId(id: string): boolean {
  return id.startsWith('@@');
}

export function contactKind(raw: Pick<RawContact, 'UserName' | 'VerifyFlag'>): ContactKind {
  if (isGroupId(raw.UserName)) return 'group';
  if (SYSTEM_USERS.has(raw.UserName)) return 'system';
  // VerifyFlag & 8: official accounts (8 personal, 24 enterprise, 56 WeChat team).
  if ((raw.VerifyFlag & 8) !== 0) return 'official';
  return 'user';
}

/** Only WeChat's own relative paths become avatar URLs; anything else is not fetched. */
export function avatarUrl(mainHost: string, path: string): string | undefined {
  if (!path.startsWith('/cgi-bin/mmwebwx-bin/')) return undefined;
  return `https://${mainHost}${path}`;
}

function pinyinOf(raw: RawContact): WechatContact['pinyin'] {
  const initials = [raw.PYInitial, raw.RemarkPYInitial].filter(Boolean).join(' ').toLowerCase();
  const full = [raw.PYQuanPin, raw.RemarkPYQuanPin].filter(Boolean).join(' ').toLowerCase();
  return initials || full ? { initials, full } : undefined;
}

export function memberLabel(member: RawMember): string {
  return cleanName(member.DisplayName) || cleanName(member.NickName) || member.UserName;
}

export function toContact(raw: RawContact, mainHost: string): WechatContact {
  const kind = contactKind(raw);
  const groupFallback = raw.MemberList.slice(0, 3).map(memberLabel).join('、');
  const name = cleanName(raw.NickName) || (kind === 'group' ? groupFallback || 'Group chat' : '') || raw.UserName;
  const contact: WechatContact = { id: raw.UserName, name, kind };
  const remark = cleanName(raw.RemarkName);
  if (remark) contact.remark = remark;
  const pinyin = pinyinOf(raw);
  if (pinyin) contact.pinyin = pinyin;
  const avatar = avatarUrl(mainHost, raw.HeadImgUrl);
  if (avatar) contact.avatarUrl = avatar;
  if (kind === 'group') contact.memberCount = raw.MemberCount || raw.MemberList.length;
  const note = cleanName(raw.Signature);
  if (note) contact.note = note;
  return contact;
}

/** What this session knows about contacts; UserNames change every login, so it is never persisted. */
export class ContactBook {
  private readonly byId = new Map<string, RawContact>();

  constructor(private readonly mainHost: string) {}

  /** Merge and return the domain contacts to upsert. An update without members keeps the old members. */
  merge(raws: RawContact[]): WechatContact[] {
    return raws.map((raw) => {
      const old = this.byId.get(raw.UserName);
      const merged = old && raw.MemberList.length === 0 && old.MemberList.length > 0 ? { ...raw, MemberList: old.MemberList } : raw;
      this.byId.set(raw.UserName, merged);
      return toContact(merged, this.mainHost);
    });
  }

  remove(ids: string[]): void {
    for (const id of ids) this.byId.delete(id);
  }

  get(id: string): RawContact | undefined {
    return this.byId.get(id);
  }

  member(groupId: string, memberId: string): RawMember | undefined {
    return this.byId.get(groupId)?.MemberList.find((m) => m.UserName === memberId);
  }

  /** Groups we know nothing about, or whose member list we do not have yet. */
  needsDetails(id: string): boolean {
    const known = this.byId.get(id);
    if (!known) return true;
    return isGroupId(id) && known.MemberList.length === 0;
  }

  /** Groups among the known contacts whose members are missing (saved groups come without them). */
  groupsWithoutMembers(): string[] {
    return [...this.byId.values()].filter((c) => isGroupId(c.UserName) && c.MemberList.length === 0).map((c) => c.UserName);
  }

  get size(): number {
    return this.byId.size;
  }
}
