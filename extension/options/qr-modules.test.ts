import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-modules.ts';

/** Paints the path's unit squares into RGBA pixels, `scale` pixels per module, with a quiet zone. */
function paint(size: number, d: string, scale = 4, quiet = 4): { data: Uint8ClampedArray; width: number } {
  const width = (size + quiet * 2) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const x0 = (Number(m[1]) + quiet) * scale;
    const y0 = (Number(m[2]) + quiet) * scale;
    for (let y = y0; y < y0 + scale; y++) for (let x = x0; x < x0 + scale; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  }
  return { data, width };
}

describe('QR path', () => {
  it('draws a code that decodes back to the login URL', () => {
    const text = 'https://login.weixin.qq.com/l/Ab3dEf9hIj==';
    const { size, d } = qrPath(text);
    expect(d).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
    const { data, width } = paint(size, d);
    expect(jsQR(data, width, width)?.data).toBe(text);
  });
});
