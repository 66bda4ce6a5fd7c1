import { describe, expect, it } from 'vitest';
import { ContactBook } from './contacts.ts';
import { idsToResolve, normalizeMessage, type NormalizeContext, type Normalized } from './messages.ts';
import { readContact, readMessage, type RawMessage } from './wire.ts';

const SELF = '@self';
const GROUP = '@@group';
const ALICE = '@alice';

function book(): ContactBook {
  const b = new ContactBook('wx2.qq.com');
  const raws = [
    { UserName: ALICE, NickName: 'Alice<span class="emoji emoji1f604"></span>', RemarkName: 'Ali' },
    {
      UserName: GROUP,
      NickName: 'Team',
      MemberCount: 3,
      MemberList: [
        { UserName: ALICE, NickName: 'Alice', DisplayName: 'Alice (PM)' },
        { UserName: '@bob', NickName: 'Bob &amp; Co', DisplayName: '' },
        { UserName: SELF, NickName: 'Me', DisplayName: 'Captain' },
      ],
    },
  ];
  b.merge(raws.map((r) => readContact(r)).filter((c) => c !== undefined));
  return b;
}

function ctx(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return {
    mainHost: 'wx2.qq.com',
    fileHost: 'file.wx2.qq.com',
    skey: '@crypt_k',
    uin: '211722515',
    passTicket: 'pt+/=',
    selfId: SELF,
    selfName: 'Me',
    book: book(),
    replayBefore: 1_000,
    replayAll: false,
    nowMs: 5_000_000,
    ...overrides,
  };
}

function raw(fields: Record<string, unknown>): RawMessage {
  const message = readMessage({ MsgId: '7615282929538795099', FromUserName: ALICE, ToUserName: SELF, MsgType: 1, Content: '', CreateTime: 2_000, ...fields });
  if (!message) throw new Error('bad fixture');
  return message;
}

function message(item: Normalized) {
  if (item.kind !== 'message') throw new Error(`expected a message, got ${item.kind}`);
  return item.message;
}

describe('normalizeMessage: basics', () => {
  it('keeps MsgId as the string serverId even when NewMsgId is a rounded number', () => {
    const parsed = JSON.parse('{"MsgId":"320984672637990367","NewMsgId":320984672637990367,"FromUserName":"@alice","ToUserName":"@self","MsgType":1,"Content":"hi","CreateTime":2000}') as unknown;
    const m = message(normalizeMessage(readMessage(parsed) as RawMessage, ctx()));
    expect(m.serverId).toBe('320984672637990367');
    expect(m).toMatchObject({ direction: 'in', peerId: ALICE, senderId: ALICE, senderName: 'Ali', at: 2_000_000, kind: 'text', text: 'hi' });
    expect(m.replay).toBeUndefined();
  });

  it('decodes <br/>, entities and emoji spans (with remaps)', () => {
    const m = message(normalizeMessage(raw({ Content: 'a<br/>b &lt;3 &amp; <span class="emoji emoji1f63c"></span>' }), ctx()));
    expect(m.text).toBe(`a\nb <3 & ${String.fromCodePoint(0x1f601)}`);
  });

  it('keeps hostile markup as text', () => {
    const m = message(normalizeMessage(raw({ Content: '&lt;script&gt;alert(1)&lt;/script&gt;<img src=x onerror=alert(1)>' }), ctx()));
    expect(m.text).toBe('<script>alert(1)</script><img src=x onerror=alert(1)>');
  });

  it('messages sent from the phone are outgoing to ToUserName', () => {
    const m = message(normalizeMessage(raw({ FromUserName: SELF, ToUserName: ALICE, Content: 'sent on phone' }), ctx()));
    expect(m).toMatchObject({ direction: 'out', peerId: ALICE, senderId: SELF, senderName: 'Me', state: 'sent' });
  });

  it('marks history: older than the login time, or anything in the first sync', () => {
    expect(message(normalizeMessage(raw({ CreateTime: 999 }), ctx())).replay).toBe(true);
    expect(message(normalizeMessage(raw({ CreateTime: 1_001 }), ctx())).replay).toBeUndefined();
    expect(message(normalizeMessage(raw({ CreateTime: 1_001 }), ctx({ replayAll: true }))).replay).toBe(true);
  });
});

describe('normalizeMessage: groups', () => {
  it('takes the sender from the prefix and names them by group card', () => {
    const m = message(normalizeMessage(raw({ FromUserName: GROUP, Content: '@alice:<br/>hello<br/>all' }), ctx()));
    expect(m).toMatchObject({ peerId: GROUP, senderId: ALICE, senderName: 'Alice (PM)', text: 'hello\nall' });
  });
  it('falls back to the nickname (decoded) when there is no card', () => {
    const m = message(normalizeMessage(raw({ FromUserName: GROUP, Content: '@bob:<br/>x' }), ctx()));
    expect(m.senderName).toBe('Bob & Co');
  });
  it('detects @-mentions of our card or nickname, followed by U+2005 or the end', () => {
    const at = (content: string) => message(normalizeMessage(raw({ FromUserName: GROUP, Content: `@alice:<br/>${content}` }), ctx())).mentionsMe;
    expect(at('@Captain\u2005look')).toBe(true);
    expect(at('look @Me')).toBe(true);
    expect(at('@Captainship\u2005no')).toBeUndefined();
    expect(at('no mention')).toBeUndefined();
  });
  it('system lines in groups have no prefix', () => {
    const m = message(normalizeMessage(raw({ FromUserName: GROUP, MsgType: 10000, Content: '"Alice" invited "Bob" to the group chat' }), ctx()));
    expect(m).toMatchObject({ kind: 'system', senderId: GROUP, text: '"Alice" invited "Bob" to the group chat' });
  });
  it('own messages to a group are outgoing and have no prefix', () => {
    const m = message(normalizeMessage(raw({ FromUserName: SELF, ToUserName: GROUP, Content: '@x:<br/>literal' }), ctx()));
    expect(m).toMatchObject({ direction: 'out', peerId: GROUP, text: '@x:\nliteral' });
  });
});

const APPMSG = (type: number, extra = '') =>
  `&lt;?xml version="1.0"?&gt;<br/>&lt;msg&gt;&lt;appmsg appid="" sdkver="0"&gt;&lt;title&gt;Title &amp;amp; more&lt;/title&gt;&lt;des&gt;Desc&lt;/des&gt;&lt;type&gt;${type}&lt;/type&gt;&lt;url&gt;https://mp.weixin.qq.com/s?a=1&amp;amp;b=2&lt;/url&gt;${extra}&lt;/appmsg&gt;&lt;/msg&gt;`;

describe('normalizeMessage: every MsgType', () => {
  const cases: [string, Record<string, unknown>, { kind: string; text: RegExp }][] = [
    ['1 text', { MsgType: 1, Content: 'hi' }, { kind: 'text', text: /^hi$/ }],
    ['1/48 shared location', { MsgType: 1, SubMsgType: 48, Url: 'http://apis.map.qq.com/x', Content: '北京市海淀区:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&amp;msgid=1&amp;pictype=location', OriContent: '&lt;msg&gt;&lt;location x="39.9" y="116.3" label="海淀区" poiname="中关村" /&gt;&lt;/msg&gt;' }, { kind: 'location', text: /^\[Location\] 中关村$/ }],
    ['3 image', { MsgType: 3, Content: '&lt;msg&gt;&lt;img /&gt;&lt;/msg&gt;' }, { kind: 'image', text: /^\[Image\]$/ }],
    ['34 voice', { MsgType: 34, VoiceLength: 3400, Content: '&lt;msg&gt;&lt;voicemsg voicelength="3400" /&gt;&lt;/msg&gt;' }, { kind: 'voice', text: /^\[Voice message, 3 s\]$/ }],
    ['37 friend request', { MsgType: 37, FromUserName: 'fmessage', RecommendInfo: { UserName: '@new', NickName: 'Newbie', Content: 'I am Newbie' } }, { kind: 'system', text: /^\[Friend request\] Newbie: I am Newbie$/ }],
    ['40 possible friend', { MsgType: 40, RecommendInfo: { NickName: 'Maybe' } }, { kind: 'system', text: /Maybe/ }],
    ['42 card', { MsgType: 42, RecommendInfo: { NickName: 'Card Person' } }, { kind: 'card', text: /^\[Contact card\] Card Person$/ }],
    ['43 video', { MsgType: 43, PlayLength: 12 }, { kind: 'video', text: /^\[Video, 12 s\]$/ }],
    ['47 sticker', { MsgType: 47, Content: '&lt;msg&gt;&lt;emoji md5="abc" /&gt;&lt;/msg&gt;' }, { kind: 'sticker', text: /^\[Sticker\]$/ }],
    ['48 location', { MsgType: 48, Content: '&lt;msg&gt;&lt;location label="Somewhere" /&gt;&lt;/msg&gt;' }, { kind: 'location', text: /^\[Location\] Somewhere$/ }],
    ['50 voip', { MsgType: 50 }, { kind: 'system', text: /call/ }],
    ['52 voip notify', { MsgType: 52 }, { kind: 'system', text: /call/ }],
    ['53 voip invite', { MsgType: 53 }, { kind: 'system', text: /call/ }],
    ['62 micro video', { MsgType: 62, PlayLength: 5 }, { kind: 'video', text: /^\[Video, 5 s\]$/ }],
    ['9999 system notice', { MsgType: 9999, Content: 'notice' }, { kind: 'system', text: /^notice$/ }],
    ['10000 system text', { MsgType: 10000, Content: '收到红包，请在手机上查看' }, { kind: 'system', text: /手机/ }],
    ['10000 pat sysmsg', { MsgType: 10000, Content: '&lt;sysmsg type="pat"&gt;&lt;pat&gt;&lt;template&gt;&lt;![CDATA["${wxid_a}" 拍了拍我]]&gt;&lt;/template&gt;&lt;/pat&gt;&lt;/sysmsg&gt;' }, { kind: 'system', text: /^"someone" 拍了拍我$/ }],
    ['unknown type', { MsgType: 12345, Content: '' }, { kind: 'unknown', text: /Unsupported message type 12345/ }],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    const m = message(normalizeMessage(raw(fields), ctx()));
    expect(m.kind).toBe(expected.kind);
    expect(m.text).toMatch(expected.text);
  });

  it('media URLs point at the session host (thumbnail for images)', () => {
    const image = message(normalizeMessage(raw({ MsgType: 3 }), ctx()));
    expect(image.media?.url).toBe('https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxgetmsgimg?MsgID=7615282929538795099&skey=%40crypt_k&type=slave');
    const voice = message(normalizeMessage(raw({ MsgType: 34, VoiceLength: 2000 }), ctx()));
    expect(voice.media).toEqual({ url: 'https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxgetvoice?msgid=7615282929538795099&skey=%40crypt_k', durationMs: 2000 });
    const location = message(normalizeMessage(raw({ MsgType: 1, SubMsgType: 48, Content: 'Addr:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=x' }), ctx()));
    expect(location.media?.url).toBe('https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=x');
    const foreign = message(normalizeMessage(raw({ MsgType: 1, SubMsgType: 48, Content: 'Addr:<br/>https://evil.example/x' }), ctx()));
    expect(foreign.media?.url).toBeUndefined();
  });
});

describe('normalizeMessage: every AppMsgType', () => {
  const cases: [number, string, RegExp][] = [
    [0, 'text', /^\[Chat history\] Title & more$/],
    [1, 'text', /^Title & more$/],
    [2, 'image', /^\[Image\]$/],
    [3, 'link', /^\[Music\] Title & more\nhttps:\/\/mp.weixin.qq.com\/s\?a=1&b=2$/],
    [4, 'link', /^\[Video link\]/],
    [5, 'link', /^\[Link\] Title & more\nhttps:/],
    [6, 'file', /^\[File\] Title & more \(1\.0 MB\)$/],
    [7, 'link', /^\[App\]/],
    [8, 'sticker', /^\[Sticker\]$/],
    [9, 'system', /^\[Voice reminder\]/],
    [10, 'link', /^\[Product\]/],
    [13, 'link', /^\[Product\]/],
    [15, 'sticker', /^\[Sticker\]$/],
    [16, 'link', /^\[Card ticket\]/],
    [17, 'system', /^\[Real-time location sharing\]/],
    [19, 'text', /^\[Chat history\] Title & more\nDesc$/],
    [33, 'link', /^\[Mini program\]/],
    [36, 'link', /^\[Mini program\]/],
    [51, 'link', /^\[Channels\]/],
    [53, 'text', /^\[Group note\]/],
    [57, 'text', /^Title & more\n「Bob: quoted words」$/],
    [2000, 'system', /^\[Transfer\]/],
    [2001, 'system', /^\[Red packet\]/],
    [100001, 'link', /^\[Article\]/],
    [424242, 'unknown', /^\[App message\] Title & more/],
  ];
  it.each(cases)('AppMsgType %i', (type, kind, text) => {
    const extra =
      type === 6
        ? '&lt;appattach&gt;&lt;totallen&gt;1048576&lt;/totallen&gt;&lt;fileext&gt;pdf&lt;/fileext&gt;&lt;/appattach&gt;'
        : type === 57
          ? '&lt;refermsg&gt;&lt;displayname&gt;Bob&lt;/displayname&gt;&lt;content&gt;quoted words&lt;/content&gt;&lt;/refermsg&gt;'
          : '';
    const m = message(normalizeMessage(raw({ MsgType: 49, AppMsgType: type, Content: APPMSG(type, extra), FileName: 'report.pdf', MediaId: '@crypt_media', EncryFileName: 'report%2Epdf' }), ctx()));
    expect(m.kind).toBe(kind);
    expect(m.text).toMatch(text);
  });

  it('file messages link to webwxgetmedia on the file host', () => {
    const m = message(normalizeMessage(raw({ MsgType: 49, AppMsgType: 6, Content: APPMSG(6), FileName: 'report.pdf', FileSize: '2048', MediaId: '@crypt_media', EncryFileName: 'enc' }), ctx()));
    const url = new URL(m.media?.url ?? '');
    expect(url.host).toBe('file.wx2.qq.com');
    expect(url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxgetmedia');
    expect(url.searchParams.get('mediaid')).toBe('@crypt_media');
    expect(url.searchParams.get('sender')).toBe(ALICE);
    expect(url.searchParams.get('pass_ticket')).toBe('pt+/=');
    expect(m.media?.size).toBe(2048);
  });

  it('ignores javascript: URLs in links', () => {
    const content = APPMSG(5).replace('https://mp.weixin.qq.com/s?a=1&amp;amp;b=2', 'javascript:alert(1)');
    const m = message(normalizeMessage(raw({ MsgType: 49, AppMsgType: 5, Content: content }), ctx()));
    expect(m.text).toBe('[Link] Title & more');
  });
});

describe('recalls and status notifications', () => {
  it('10002 reports the recalled MsgId from the XML', () => {
    const content = '@alice:<br/>&lt;sysmsg type="revokemsg"&gt;&lt;revokemsg&gt;&lt;session&gt;@@group&lt;/session&gt;&lt;oldmsgid&gt;1&lt;/oldmsgid&gt;&lt;msgid&gt;4444444444444444444&lt;/msgid&gt;&lt;replacemsg&gt;&lt;![CDATA["Alice" 撤回了一条消息]]&gt;&lt;/replacemsg&gt;&lt;/revokemsg&gt;&lt;/sysmsg&gt;';
    expect(normalizeMessage(raw({ FromUserName: GROUP, MsgType: 10002, Content: content }), ctx())).toEqual({ kind: 'recalled', serverId: '4444444444444444444' });
    expect(normalizeMessage(raw({ MsgType: 10002, Content: 'garbage' }), ctx()).kind).toBe('skip');
  });
  it('51 read/enter/quit -> readElsewhere for the chat; inited/sync codes are skipped', () => {
    expect(normalizeMessage(raw({ MsgType: 51, FromUserName: SELF, ToUserName: ALICE, StatusNotifyCode: 2 }), ctx())).toEqual({ kind: 'readElsewhere', peerId: ALICE });
    expect(normalizeMessage(raw({ MsgType: 51, FromUserName: SELF, ToUserName: ALICE, StatusNotifyCode: 1 }), ctx()).kind).toBe('readElsewhere');
    expect(normalizeMessage(raw({ MsgType: 51, FromUserName: SELF, ToUserName: SELF, StatusNotifyCode: 3 }), ctx()).kind).toBe('skip');
    expect(normalizeMessage(raw({ MsgType: 51, FromUserName: SELF, ToUserName: 'filehelper', StatusNotifyCode: 4 }), ctx()).kind).toBe('skip');
  });
});

describe('idsToResolve', () => {
  it('asks for unknown senders, unknown groups, groups missing the sender, and code-4 groups', () => {
    const ids = idsToResolve(
      [
        raw({ FromUserName: '@stranger' }),
        raw({ FromUserName: '@@unknown', Content: '@x:<br/>hi' }),
        raw({ FromUserName: GROUP, Content: '@newmember:<br/>hi' }),
        raw({ FromUserName: GROUP, Content: '@alice:<br/>known' }),
        raw({ FromUserName: ALICE }),
        raw({ FromUserName: 'weixin' }),
        raw({ MsgType: 51, StatusNotifyCode: 4, StatusNotifyUserName: 'filehelper,@@recent,@person' }),
      ],
      book(),
      SELF,
    );
    expect(ids.sort()).toEqual(['@@group', '@@recent', '@@unknown', '@stranger'].sort());
  });
});
