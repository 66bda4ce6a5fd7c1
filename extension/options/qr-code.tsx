// The WeChat login QR drawn as SVG elements (uqr), black on white in both themes so phones read it.
import { useMemo } from 'preact/hooks';
import { qrPath } from './qr-modules.ts';

export function QrCode({ text, label }: { text: string; label: string }) {
  const qr = useMemo(() => {
    try {
      return qrPath(text);
    } catch {
      return undefined; // longer than a QR holds: the popup's copy and the hint remain
    }
  }, [text]);
  if (!qr) return null;
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${qr.size} ${qr.size}`} width={200} height={200} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
