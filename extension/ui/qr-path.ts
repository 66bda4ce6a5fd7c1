// A QR code as one SVG path (runs of dark modules per row). Drawn with SVG elements and attributes,
// never from an SVG string: the QR text comes from a server.
import { encode } from 'uqr';

export interface QrPath {
  /** Modules per side, quiet border included. */
  size: number;
  d: string;
}

/** Undefined when the text does not fit a QR code. */
export function qrPath(text: string): QrPath | undefined {
  let qr: ReturnType<typeof encode>;
  try {
    qr = encode(text, { ecc: 'M', border: 2 });
  } catch {
    return undefined;
  }
  let d = '';
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const from = x;
      while (x < row.length && row[x]) x++;
      d += `M${from} ${y}h${x - from}v1h-${x - from}z`;
    }
  });
  return { size: qr.size, d };
}
