// Real (tiny) images without an image library: solid-colour baseline JPEGs (what the service serves
// for avatars, thumbnails and the scanner avatar) and PNGs via pngjs for QR-free pictures.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';

export type Rgb = [number, number, number];

/** A stable colour per key, so every contact keeps "its" avatar. */
export function colourFor(key: string): Rgb {
  const digest = createHash('md5').update(key).digest();
  return [64 + ((digest[0] ?? 0) % 160), 64 + ((digest[1] ?? 0) % 160), 64 + ((digest[2] ?? 0) % 160)];
}

export function solidPng(width: number, height: number, [r, g, b]: Rgb): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i += 1) {
    png.data[i * 4] = r;
    png.data[i * 4 + 1] = g;
    png.data[i * 4 + 2] = b;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      this.count += 1;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }

  finish(): number[] {
    while (this.count !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

const category = (value: number): number => (value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1);
const segment = (marker: number, payload: number[]): number[] => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];

/**
 * A solid-colour YCbCr baseline JPEG: quantisation all ones, every block DC-only, so each MCU is a
 * DC difference (non-zero only in the first MCU) followed by end-of-block.
 */
export function solidJpeg(width: number, height: number, [r, g, b]: Rgb): Buffer {
  const ycc = [
    0.299 * r + 0.587 * g + 0.114 * b,
    -0.168736 * r - 0.331264 * g + 0.5 * b + 128,
    0.5 * r - 0.418688 * g - 0.081312 * b + 128,
  ].map((v) => Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)));
  const symbols = [...new Set([0, ...ycc.map(category)])].sort((a, b2) => a - b2);
  const dcCode = new Map(symbols.map((symbol, index) => [symbol, index])); // all length 3: 000, 001, ...
  const dcBits = Array<number>(16).fill(0);
  dcBits[2] = symbols.length;
  const acBits = Array<number>(16).fill(0);
  acBits[1] = 1; // EOB (0x00) = "00"

  const mcus = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = new BitWriter();
  for (let m = 0; m < mcus; m += 1) {
    for (const dc of ycc) {
      const diff = m === 0 ? dc : 0;
      const cat = category(diff);
      bits.write(dcCode.get(cat) ?? 0, 3);
      if (cat > 0) bits.write(diff < 0 ? diff + (1 << cat) - 1 : diff, cat);
      bits.write(0, 2);
    }
  }
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...dcBits, ...symbols, 0x10, ...acBits, 0x00]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}

/** The scanner's avatar as the 201 login answer carries it (the service's own odd MIME). */
export function avatarDataUrl(key: string): string {
  return `data:img/jpg;base64,${solidJpeg(46, 46, colourFor(key)).toString('base64')}`;
}

/** A few bytes that start like an MP3 frame: enough for a download to be a "file". */
export function fakeMp3(ms: number): Buffer {
  const frames = Math.max(1, Math.round(ms / 26));
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** An ISO-BMFF shell (ftyp + free box): recognisably an mp4, nothing playable. */
export function fakeMp4(bytes: number): Buffer {
  const out = Buffer.alloc(Math.max(32, bytes));
  out.writeUInt32BE(24, 0);
  out.write('ftypisom', 4, 'latin1');
  out.writeUInt32BE(0x200, 12);
  out.write('isomiso2', 16, 'latin1');
  out.writeUInt32BE(out.length - 24, 24);
  out.write('free', 28, 'latin1');
  return out;
}
