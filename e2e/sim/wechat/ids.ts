// Identifier shapes copied from the protocol's samples (seed 002): uuid "wb7R2kx9dA==", wxsid
// "+urBrYI292xoIknf", skey "@crypt_8b4f09cc_<32 hex>", pass_ticket 32 bytes of base64, MsgId a
// 18-19 digit decimal string above 2^53.
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return out;
}

/** QR uuid: 10 base64-looking characters + "==" (observed samples never contain + or /). */
export const newUuid = (): string => `${randomAlnum(10)}==`;
/** wxsid: 16 base64 characters, + and / included on purpose (clients must URL-encode it). */
export const newSid = (): string => randomBytes(12).toString('base64');
export const newSkey = (): string => `@crypt_${randomHex(8)}_${randomHex(32)}`;
/** Raw pass_ticket (base64 with + / =); the XML carries it URL-encoded, as in the sample. */
export const newPassTicket = (): string => randomBytes(32).toString('base64');
export const newDataTicket = (): string => randomBytes(18).toString('base64');
export const newAuthTicket = (): string => randomBytes(60).toString('base64');
export const newTicket = (): string => `A${randomAlnum(23)}@qrticket_0`;
export const newMediaId = (): string => `@crypt_${randomHex(8)}_${randomHex(240)}`;

/** Message ids: increasing 19-digit decimals, all above 2^53 so JSON numbers lose precision. */
export class MsgIdSource {
  private next = 1_000_000_000_000_000_000n + BigInt(`0x${randomHex(14)}`);

  take(): string {
    this.next += BigInt(1 + randomBytes(2).readUInt16BE(0));
    return this.next.toString();
  }
}

/** Deterministic PRNG (mulberry32) for generated address books: same seed, same book. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
