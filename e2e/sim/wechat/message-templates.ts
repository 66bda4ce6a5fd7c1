// Content and fields of every MsgType / AppMsgType the digest lists (3.2, 3.3), shaped like the
// service's: XML bodies entity-escaped inside Content, media fields beside them.
import type { MessageSpec } from './messages.ts';
import { randomHex } from './ids.ts';
import { escapeText, escapeXml, xmlValue } from './wire.ts';

export const MSG_TYPES: Record<string, number> = {
  text: 1, image: 3, voice: 34, verify: 37, possibleFriend: 40, card: 42, video: 43, emoticon: 47,
  location: 48, app: 49, voip: 50, statusNotify: 51, voipNotify: 52, voipInvite: 53, microVideo: 62,
  sysNotice: 9999, system: 10000, recall: 10002,
};

export const APP_MSG_TYPES: Record<string, number> = {
  appText: 1, appImage: 2, music: 3, appVideo: 4, link: 5, file: 6, open: 7, appEmoji: 8, voiceRemind: 9,
  scanGood: 10, good: 13, emotion: 15, cardTicket: 16, realtimeLocation: 17, chatHistory: 19,
  miniProgram: 33, miniProgram36: 36, channels: 51, groupNote: 53, quote: 57, transfer: 2000,
  redPacket: 2001, reader: 100001, mergedHistory: 0,
};

export interface TemplateInput {
  msgId: string;
  text: string;
  /** Raw id of whoever wrote it, for XML fields (fromusername). */
  authorId: string;
  title?: string;
  description?: string;
  url?: string;
  fileName?: string;
  fileSize?: number;
  oldMsgId?: string;
  /** Raw id of the session/chat a recall belongs to. */
  chatId?: string;
  recallName?: string;
  statusNotifyCode?: number;
  store?: boolean;
}

export type Fields = Omit<MessageSpec, 'msgId' | 'createTime' | 'msgType' | 'from' | 'to'>;

const xmlDoc = (body: string) => escapeXml(`<?xml version="1.0"?>\n<msg>\n\t${body}\n</msg>\n`);

export function appMessage(appMsgType: number, input: TemplateInput): Fields {
  const title = input.title ?? input.text ?? '';
  let extra = '';
  let fields: Fields;
  if (appMsgType === 6) {
    const name = input.fileName ?? (title || 'report.pdf');
    const size = input.fileSize ?? 2048;
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
    extra = `<appattach><totallen>${size}</totallen><attachid>@cdn_${randomHex(48)}</attachid><fileext>${xmlValue(ext)}</fileext></appattach>`;
    fields = { content: '', fileName: name, fileSize: String(size), encryFileName: encodeURIComponent(name) };
  } else if (appMsgType === 2000) {
    extra = `<wcpayinfo><paysubtype>1</paysubtype><feedesc><![CDATA[￥0.01]]></feedesc><transcationid>${randomHex(28)}</transcationid><transferid>${randomHex(24)}</transferid><invalidtime>${Math.floor(Date.now() / 1000) + 86400}</invalidtime><pay_memo><![CDATA[${title}]]></pay_memo></wcpayinfo>`;
    fields = { content: '', fileName: '微信转账' };
  } else if (appMsgType === 2001) {
    extra = `<wcpayinfo><templateid>${randomHex(32)}</templateid><url><![CDATA[https://wxapp.tenpay.com/mmpayhb/wxhb_personalreceive]]></url><sendertitle><![CDATA[${title || '恭喜发财，大吉大利'}]]></sendertitle><receivertitle><![CDATA[${title || '恭喜发财，大吉大利'}]]></receivertitle></wcpayinfo>`;
    fields = { content: '', fileName: '微信红包' };
  } else if (appMsgType === 57) {
    extra = `<refermsg><type>1</type><svrid>${input.oldMsgId ?? '0'}</svrid><fromusr>${xmlValue(input.authorId)}</fromusr><displayname>someone</displayname><content>${xmlValue(input.description ?? 'original message')}</content></refermsg>`;
    fields = { content: '', fileName: title };
  } else {
    fields = { content: '', fileName: title, url: input.url ?? (appMsgType === 5 ? 'https://mp.weixin.qq.com/s?__biz=MjM5&mid=1&idx=1' : '') };
  }
  const appmsg = `<appmsg appid="" sdkver="0"><title>${xmlValue(title)}</title><des>${xmlValue(input.description ?? '')}</des><action></action><type>${appMsgType}</type><showtype>0</showtype><content></content><url>${xmlValue(fields.url ?? input.url ?? '')}</url><lowurl></lowurl>${extra}<extinfo></extinfo></appmsg><fromusername>${xmlValue(input.authorId)}</fromusername><scene>0</scene><appinfo><version>1</version><appname></appname></appinfo><commenturl></commenturl>`;
  return { ...fields, appMsgType, content: escapeXml(`<msg>${appmsg}</msg>`), appInfo: { AppID: '', Type: 0 } };
}

/** Content and fields for a non-app MsgType. */
export function typedMessage(msgType: number, input: TemplateInput): Fields {
  const author = xmlValue(input.authorId);
  switch (msgType) {
    case 1:
      return { content: escapeText(input.text) };
    case 3:
      return {
        content: xmlDoc(`<img aeskey="${randomHex(32)}" encryver="1" cdnthumbaeskey="${randomHex(32)}" cdnthumburl="${randomHex(64)}" cdnthumblength="3160" cdnthumbheight="100" cdnthumbwidth="100" cdnmidheight="0" cdnmidwidth="0" cdnhdheight="0" cdnhdwidth="0" cdnmidimgurl="${randomHex(64)}" length="12345" md5="${randomHex(32)}" />`),
        imgWidth: 100,
        imgHeight: 100,
        imgStatus: 2,
      };
    case 34:
      return { content: escapeXml(`<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="3000" length="4800" bufid="0" clientmsgid="${randomHex(32)}" fromusername="${author}" /></msg>`), voiceLength: 3000 };
    case 43:
    case 62:
      return { content: xmlDoc(`<videomsg aeskey="${randomHex(32)}" cdnthumbaeskey="${randomHex(32)}" cdnvideourl="${randomHex(64)}" cdnthumburl="${randomHex(64)}" length="40960" playlength="5" cdnthumblength="3000" cdnthumbwidth="224" cdnthumbheight="400" fromusername="${author}" md5="${randomHex(32)}" newmd5="${randomHex(32)}" isad="0" />`), playLength: 5, imgWidth: 224, imgHeight: 400, imgStatus: 1 };
    case 47:
      return {
        content: input.store ? '' : escapeXml(`<msg><emoji fromusername="${author}" tousername="" type="2" idbuffer="media:0_0" md5="${randomHex(32)}" len="8542" productid="" androidmd5="" androidlen="" cdnurl="http://emoji.qpic.cn/wx_emoji/${randomHex(40)}/" designerid="" thumburl="" encrypturl="" aeskey="" width="120" height="120" /></msg>`),
        imgWidth: 120,
        imgHeight: 120,
        imgStatus: 2,
        ...(input.store ? { raw: { HasProductId: 1 } } : {}),
      };
    case 48: {
      const label = input.text || '北京市海淀区中关村大街';
      const location = `<location x="39.983" y="116.312" scale="16" label="${xmlValue(label)}" maptype="roadmap" poiname="[位置]" poiid="" />`;
      return {
        content: `${escapeText(label)}:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=${input.msgId}&pictype=location`,
        subMsgType: 48,
        url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=39.983,116.312',
        oriContent: xmlDoc(location),
      };
    }
    case 37:
    case 40:
      return {
        content: escapeXml(`<msg fromusername="${author}" encryptusername="v1_${randomHex(48)}@stranger" fromnickname="" content="${xmlValue(input.text || '我是群聊里的朋友')}" ticket="v2_${randomHex(48)}@stranger" opcode="2" scene="14" />`),
        recommend: { id: input.authorId, content: input.text || '我是群聊里的朋友', ticket: `v2_${randomHex(48)}@stranger`, opCode: 2, scene: 14 },
      };
    case 42:
      return {
        content: escapeXml(`<?xml version="1.0"?>\n<msg bigheadimgurl="" smallheadimgurl="" username="${author}" nickname="" fullpy="" shortpy="" alias="" imagestatus="3" scene="17" province="" city="" sign="" sex="1" certflag="0" certinfo="" brandIconUrl="" brandHomeUrl="" brandSubscriptConfigUrl="" brandFlags="0" regionCode="CN" />\n`),
        recommend: { id: input.authorId, scene: 17 },
      };
    case 50:
    case 52:
    case 53:
      return { content: escapeXml(`<voipmsg type="VoIPBubbleMsg"><VoIPBubbleMsg><msg><![CDATA[${input.text || '通话时长 00:12'}]]></msg><room_type>1</room_type></VoIPBubbleMsg></voipmsg>`) };
    case 51:
      return { content: '', statusNotifyCode: input.statusNotifyCode ?? 2 };
    case 10000:
      return { content: escapeText(input.text || '"张三"邀请"李四"加入了群聊') };
    case 10002:
      return {
        content: escapeXml(`<sysmsg type="revokemsg"><revokemsg><session>${xmlValue(input.chatId ?? input.authorId)}</session><oldmsgid>${1_000_000_000 + Math.floor(Math.random() * 999_999_999)}</oldmsgid><msgid>${input.oldMsgId ?? '0'}</msgid><replacemsg><![CDATA["${input.recallName ?? ''}" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`),
      };
    default:
      return { content: escapeText(input.text) };
  }
}
