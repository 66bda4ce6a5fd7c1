// Media the simulated service holds: uploads (assembled from 512 KiB chunks) by MediaId, and the
// media behind received messages by MsgId (generated on demand when a message was injected).
import { createHash } from 'node:crypto';
import { newMediaId } from './ids.ts';

export interface StoredMedia {
  mediaId: string;
  name: string;
  mime: string;
  bytes: Buffer;
  md5: string;
}

export interface Assembly {
  name: string;
  mime: string;
  total: number;
  chunks: number;
  parts: Map<number, Buffer>;
}

export type MessageMedia =
  | { kind: 'image' | 'emoticon'; bytes?: Buffer; mime?: string }
  | { kind: 'voice'; ms: number }
  | { kind: 'video'; bytes: number }
  | { kind: 'file'; mediaId: string };

const MAX_GENERATED_FILE = 5 * 1024 * 1024;

export class MediaStore {
  readonly byId = new Map<string, StoredMedia>();
  readonly byMd5 = new Map<string, string>();
  readonly assemblies = new Map<string, Assembly>();
  readonly byMsgId = new Map<string, MessageMedia>();

  store(name: string, mime: string, bytes: Buffer, mediaId = newMediaId()): StoredMedia {
    const md5 = createHash('md5').update(bytes).digest('hex');
    const media = { mediaId, name, mime, bytes, md5 };
    this.byId.set(mediaId, media);
    this.byMd5.set(md5, mediaId);
    return media;
  }

  /** A file someone "sent" us: deterministic bytes of the announced size (capped). */
  generatedFile(name: string, size: number): StoredMedia {
    const length = Math.min(Math.max(0, size), MAX_GENERATED_FILE);
    const bytes = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + 7) & 0xff;
    return this.store(name, 'application/octet-stream', bytes);
  }

  clear(): void {
    this.byId.clear();
    this.byMd5.clear();
    this.assemblies.clear();
    this.byMsgId.clear();
  }
}
