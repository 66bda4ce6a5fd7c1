// A QR code as one SVG path of unit squares. The page draws it with elements, never with an
// SVG string (no innerHTML anywhere: the QR text comes from a server).
import { encode } from 'uqr';

export interface QrPath {
  /** Modules per side, border included. */
  size: number;
  d: string;
}

export function qrPath(text: string): QrPath {
  const { size, data } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size, d };
}
