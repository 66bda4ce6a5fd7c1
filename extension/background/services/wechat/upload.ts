// webwxuploadmedia in 512 KiB chunks (digest §2.13): sending more than ~0.5-1 MB in one part fails.
// Chunks go sequentially with the same uploadmediarequest; only the last answer carries MediaId.
import { md5 } from 'js-md5';
import type { ConnectorDeps } from '../connector.ts';
import { requestJson } from './api-request.ts';
import { cgi } from './hosts.ts';
import type { SessionState } from './session.ts';
import { str } from './wire.ts';

export const CHUNK_SIZE = 524_288;
const CHUNK_DEADLINE_MS = 120_000;

export type MediaType = 'pic' | 'video' | 'doc';

export interface UploadFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export type UploadResult = { ok: true; mediaId: string } | { ok: false; error: string; retryable: boolean };

/** W4U's mapping: bmp/jpeg/jpg/png -> pic, mp4 -> video, anything else -> doc. */
export function mediaTypeFor(name: string, mime: string): MediaType {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (['bmp', 'jpeg', 'jpg', 'png'].includes(ext) || /^image\/(bmp|jpeg|png)$/.test(mime)) return 'pic';
  if (ext === 'mp4' || mime === 'video/mp4') return 'video';
  return 'doc';
}

export function chunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / CHUNK_SIZE));
}

export async function uploadMedia(
  deps: Pick<ConnectorDeps, 'http' | 'events' | 'now' | 'cookie'>,
  state: SessionState,
  file: UploadFile,
  to: string,
  fileIndex: number,
): Promise<UploadResult> {
  const total = file.bytes.length;
  const chunks = chunkCount(total);
  const uploadRequest = JSON.stringify({
    UploadType: 2,
    BaseRequest: state.baseRequest(),
    ClientMediaId: Math.floor(deps.now()),
    TotalLen: total,
    StartPos: 0,
    DataLen: total,
    MediaType: 4,
    FromUserName: state.selfId,
    ToUserName: to,
    FileMd5: md5.hex(file.bytes),
  });
  const url = cgi(state.family.file, 'webwxuploadmedia', { f: 'json' });
  // The web page copies this cookie's value into every upload form; the server checks it.
  const dataTicket = (await deps.cookie(`https://${state.family.file}/`, 'webwx_data_ticket')) ?? '';
  let mediaId = '';
  for (let chunk = 0; chunk < chunks; chunk++) {
    const part = file.bytes.slice(chunk * CHUNK_SIZE, Math.min(total, (chunk + 1) * CHUNK_SIZE));
    // Field order as the web page sends them (seed 002).
    const form = new FormData();
    form.append('id', `WU_FILE_${fileIndex}`);
    form.append('name', file.name);
    form.append('type', file.mime);
    form.append('lastModifiedDate', new Date(deps.now()).toString());
    form.append('size', String(total));
    if (chunks > 1) {
      form.append('chunks', String(chunks));
      form.append('chunk', String(chunk));
    }
    form.append('mediatype', mediaTypeFor(file.name, file.mime));
    form.append('uploadmediarequest', uploadRequest);
    form.append('webwx_data_ticket', dataTicket);
    form.append('pass_ticket', state.session.passTicket);
    form.append('filename', new Blob([part], { type: file.mime || 'application/octet-stream' }), file.name);
    const result = await requestJson(deps, 'webwxuploadmedia', { url, method: 'POST', body: form, deadlineMs: CHUNK_DEADLINE_MS });
    if (!result.ok) {
      const why = result.kind === 'aborted' ? 'stopped' : result.reason;
      return { ok: false, error: `Uploading ${file.name} failed (part ${chunk + 1} of ${chunks}): ${why}`, retryable: result.kind === 'network' || (result.kind === 'ret' && result.ret === 1205) };
    }
    mediaId = str(result.value, 'MediaId') || mediaId;
  }
  if (!mediaId) return { ok: false, error: `Uploading ${file.name} failed: WeChat returned no MediaId`, retryable: false };
  return { ok: true, mediaId };
}
