// Media: webwxcheckupload, chunked webwxuploadmedia (every chunk recorded), and the downloads
// webwxgetmsgimg / getvoice / getvideo / getmedia / geticon / getheadimg / getpubliclinkimg.
import { checkBaseRequest } from './auth.ts';
import { type Exchange, protocolError, send, sendJson } from './exchange.ts';
import { colourFor, fakeMp3, fakeMp4, solidJpeg } from './images.ts';
import { parseMultipart } from './multipart.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { num, record, safeDecode, str } from './values.ts';
import { baseResponse } from './wire.ts';

export const CHUNK_SIZE = 524_288;

/** The copy of the webwx_data_ticket cookie a form/query carries: right, absent, or refused. */
function dataTicketState(state: SimState, session: Session, value: string | undefined): 'match' | 'missing' | 'refused' {
  if (value === undefined || value === '') return state.config.requireDataTicketField ? 'refused' : 'missing';
  return value === session.dataTicket || safeDecode(value) === session.dataTicket ? 'match' : 'refused';
}

export function checkUpload(state: SimState, ex: Exchange, session: Session): void {
  const body = ex.json ?? {};
  const md5 = str(body['FileMd5']);
  const known = state.media.byMd5.get(md5);
  state.recordSent({ kind: 'checkupload', at: state.now(), uin: session.uin, fileMd5: md5, fileName: str(body['FileName']), fileSize: num(body['FileSize']), fileType: num(body['FileType']), known: Boolean(known) });
  sendJson(ex, {
    BaseResponse: baseResponse(),
    MediaId: known ?? '',
    AESKey: known ? '' : Buffer.from(md5 || 'aes').toString('base64').slice(0, 24),
    Signature: known ? '' : `sig_${md5.slice(0, 16)}`,
    EncryFileName: encodeURIComponent(str(body['FileName'])),
  });
}

function uploadAnswer(mediaId: string, startPos: number, pic: boolean, name: string) {
  return { BaseResponse: baseResponse(), MediaId: mediaId, StartPos: startPos, CDNThumbImgHeight: pic && mediaId ? 100 : 0, CDNThumbImgWidth: pic && mediaId ? 100 : 0, EncryFileName: mediaId ? name : '' };
}

export function uploadMedia(state: SimState, ex: Exchange, session: Session): void {
  const form = parseMultipart(ex.body, String(ex.req.headers['content-type'] ?? ''));
  if (!form) return protocolError(ex, 1, 'multipart body expected');
  const f = form.fields;
  let request: Record<string, unknown> | undefined;
  try {
    request = record(JSON.parse(f.get('uploadmediarequest') ?? ''));
  } catch {
    request = undefined;
  }
  if (!request) return protocolError(ex, 1, 'uploadmediarequest missing');
  const check = checkBaseRequest(session, record(request['BaseRequest']));
  if (check.code !== 0) return protocolError(ex, check.code, check.reason);
  const ticket = dataTicketState(state, session, f.get('webwx_data_ticket'));
  if (ticket === 'refused') return protocolError(ex, 1, 'webwx_data_ticket mismatch');
  const file = form.files.get('filename');
  if (!file) return protocolError(ex, 1, 'file part missing');
  if (state.overLimit(`${session.uin}:${session.sid}`, 'upload')) return protocolError(ex, 1205);

  const name = f.get('name') ?? file.filename;
  const chunks = Math.max(1, num(f.get('chunks')) ?? 1);
  const chunk = num(f.get('chunk')) ?? 0;
  const total = num(f.get('size')) ?? num(request['TotalLen']) ?? file.data.length;
  const mediatype = f.get('mediatype') ?? '';
  const clientMediaId = str(request['ClientMediaId']);
  const entry = {
    at: state.now(),
    uin: session.uin,
    clientMediaId,
    name,
    mime: f.get('type') ?? file.contentType,
    mediatype,
    mediaType: num(request['MediaType']),
    uploadType: num(request['UploadType']),
    size: total,
    chunk,
    chunks,
    chunked: f.has('chunks'),
    bytes: file.data.length,
    startPos: num(request['StartPos']),
    dataLen: num(request['DataLen']),
    fileMd5: str(request['FileMd5']),
    id: f.get('id') ?? '',
    toUserName: str(request['ToUserName']),
    dataTicket: ticket,
  };
  // One part above 512 KiB fails on the real service ("上传媒体文件失败", empty MediaId).
  if (file.data.length > CHUNK_SIZE) {
    state.recordSent({ kind: 'chunk', ...entry, mediaId: '', refused: 'part larger than 512 KiB' });
    return sendJson(ex, uploadAnswer('', 0, false, name));
  }
  const key = `${session.uin}:${clientMediaId}:${name}`;
  let assembly = state.media.assemblies.get(key);
  if (!assembly || chunk === 0) {
    assembly = { name, mime: entry.mime, total, chunks, parts: new Map() };
    state.media.assemblies.set(key, assembly);
  }
  assembly.parts.set(chunk, file.data);
  const received = [...assembly.parts.values()].reduce((sum, part) => sum + part.length, 0);
  if (assembly.parts.size < chunks) {
    state.recordSent({ kind: 'chunk', ...entry, mediaId: '' });
    return sendJson(ex, uploadAnswer('', received, mediatype === 'pic', name));
  }
  state.media.assemblies.delete(key);
  const ordered = Array.from({ length: chunks }, (_, i) => assembly.parts.get(i));
  if (ordered.some((p) => !p) || received !== total) {
    state.recordSent({ kind: 'chunk', ...entry, mediaId: '', refused: `assembled ${received} of ${total} bytes` });
    return sendJson(ex, uploadAnswer('', received, false, name));
  }
  const media = state.media.store(name, entry.mime, Buffer.concat(ordered as Buffer[]));
  state.recordSent({ kind: 'chunk', ...entry, mediaId: media.mediaId });
  sendJson(ex, uploadAnswer(media.mediaId, received, mediatype === 'pic', name));
}

const msgIdOf = (ex: Exchange) => ex.query.get('MsgID') ?? ex.query.get('msgid') ?? ex.query.get('MsgId') ?? '';

export function getMsgImg(state: SimState, ex: Exchange): void {
  const msgId = msgIdOf(ex);
  const media = state.media.byMsgId.get(msgId);
  if (!media || (media.kind !== 'image' && media.kind !== 'emoticon')) return send(ex, { status: 404, headers: { 'content-type': 'text/plain' }, body: '' });
  const slave = ex.query.get('type') === 'slave';
  if (media.bytes && !slave) return send(ex, { headers: { 'content-type': media.mime ?? 'image/jpeg' }, body: media.bytes });
  send(ex, { headers: { 'content-type': 'image/jpeg' }, body: solidJpeg(slave ? 100 : 400, slave ? 100 : 300, colourFor(msgId)) });
}

export function getVoice(state: SimState, ex: Exchange): void {
  const media = state.media.byMsgId.get(msgIdOf(ex));
  if (media?.kind !== 'voice') return send(ex, { status: 404, headers: { 'content-type': 'text/plain' }, body: '' });
  send(ex, { headers: { 'content-type': 'audio/mpeg' }, body: fakeMp3(media.ms) });
}

export function getVideo(state: SimState, ex: Exchange): void {
  const media = state.media.byMsgId.get(msgIdOf(ex));
  if (media?.kind !== 'video') return send(ex, { status: 404, headers: { 'content-type': 'text/plain' }, body: '' });
  // Without "Range: bytes=0-" the service sends nothing (digest 2.16: the header is required).
  if (!ex.req.headers.range) return send(ex, { headers: { 'content-type': 'video/mp4' }, body: '' });
  const bytes = fakeMp4(media.bytes);
  send(ex, { status: 206, headers: { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` }, body: bytes });
}

export function getMedia(state: SimState, ex: Exchange, session: Session): void {
  if (dataTicketState(state, session, ex.query.get('webwx_data_ticket') ?? undefined) === 'refused') return protocolError(ex, 1, 'webwx_data_ticket mismatch');
  const media = state.media.byId.get(ex.query.get('mediaid') ?? '');
  if (!media) return send(ex, { status: 404, headers: { 'content-type': 'text/plain' }, body: '' });
  const filename = ex.query.get('filename') ?? media.name;
  send(ex, { headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}` }, body: media.bytes });
}

/** webwxgeticon / webwxgetheadimg: every UserName has its own stable colour. */
export function getIcon(state: SimState, ex: Exchange, session: Session): void {
  const userName = ex.query.get('username') ?? '';
  const id = session.idOf(userName) ?? userName;
  const size = ex.query.get('type') === 'big' ? 132 : 96;
  send(ex, { headers: { 'content-type': 'image/jpeg' }, body: solidJpeg(size, size, colourFor(id)) });
}

export function getPublicLinkImg(_state: SimState, ex: Exchange): void {
  send(ex, { headers: { 'content-type': 'image/jpeg' }, body: solidJpeg(160, 120, [120, 170, 220]) });
}
