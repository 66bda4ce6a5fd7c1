// The simulated account's address book, in wire form (names already carry emoji spans and HTML
// entities, exactly as the service sends them). Ids are stable across logins; the per-login
// UserNames ("@<hex>", "@@<hex>") are minted by each session (session.ts).

export type ContactKind = 'friend' | 'official' | 'special' | 'stranger';

export interface BookContact {
  /** Stable raw id (wxid_..., gh_..., or the special name itself). */
  id: string;
  kind: ContactKind;
  nickName: string;
  remarkName: string;
  alias: string;
  sex: 0 | 1 | 2;
  signature: string;
  province: string;
  city: string;
  /** 0 = person; 8 personal MP, 24 enterprise MP, 56 WeChat team (digest 3.5). */
  verifyFlag: number;
  starred: boolean;
  muted: boolean;
  pinned: boolean;
  headSeq: number;
}

export interface BookGroup {
  /** Stable raw id, "<digits>@chatroom". */
  id: string;
  /** Topic in wire form; "" for a group nobody named. */
  nickName: string;
  /** Member ids; 'self' stands for the logged-in account. */
  memberIds: string[];
  /** Group cards (DisplayName) by member id. */
  displayNames: Record<string, string>;
  ownerId: string;
  /** Saved to contacts: listed by webwxgetcontact (with an empty MemberList). */
  saved: boolean;
  /** In the recent-chat list: returned by webwxinit with members. */
  recent: boolean;
  muted: boolean;
  headSeq: number;
}

export interface SelfProfile {
  uin: number;
  id: string;
  nickName: string;
  sex: 0 | 1 | 2;
  signature: string;
}

export interface SeedMessage {
  /** Sender id (a member when `group` is set). */
  from: string;
  group?: string;
  text: string;
  ageSeconds: number;
}

export class AddressBook {
  readonly contacts = new Map<string, BookContact>();
  readonly groups = new Map<string, BookGroup>();
  /** Chats shown by webwxinit (ContactList / ChatSet), most recent first. */
  recentIds: string[] = [];
  /** Older messages the account already has; replayed by the first webwxsync after a login. */
  seedHistory: SeedMessage[] = [];

  constructor(public self: SelfProfile) {}

  addContact(contact: BookContact): void {
    this.contacts.set(contact.id, contact);
  }

  addGroup(group: BookGroup): void {
    this.groups.set(group.id, group);
  }

  isGroup(id: string): boolean {
    return this.groups.has(id);
  }

  /** Resolve a control-API reference: raw id, exact NickName or RemarkName (contacts, then groups). */
  findId(reference: string): string | undefined {
    if (reference === 'self' || reference === this.self.id) return 'self';
    if (this.contacts.has(reference) || this.groups.has(reference)) return reference;
    for (const c of this.contacts.values()) if (c.nickName === reference || (c.remarkName && c.remarkName === reference)) return c.id;
    for (const g of this.groups.values()) if (g.nickName === reference) return g.id;
    return undefined;
  }

  friends(): BookContact[] {
    return [...this.contacts.values()].filter((c) => c.kind !== 'stranger');
  }
}

export function blankContact(id: string, nickName: string, kind: ContactKind = 'friend'): BookContact {
  return {
    id,
    kind,
    nickName,
    remarkName: '',
    alias: '',
    sex: 0,
    signature: '',
    province: '',
    city: '',
    verifyFlag: 0,
    starred: false,
    muted: false,
    pinned: false,
    headSeq: 600_000_000 + Math.floor(Math.random() * 100_000_000),
  };
}
