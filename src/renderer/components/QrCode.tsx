// A QR code as an inline SVG drawn from the qrcode package's module matrix: no canvas, no data
// URL, nothing the CSP has to allow, and crisp at any size. Always dark on light, which every
// scanner reads, whatever the theme.
import QRCode from 'qrcode';
import { useMemo } from 'react';

export interface QrCodeProps {
  readonly text: string;
  /** What the code holds, for screen readers ("QR code of your address"). */
  readonly label: string;
  readonly testId: string;
}

/** The dark modules as one SVG path, one unit per module, inside a quiet zone of `margin`. */
export function qrPath(text: string, margin = 4): { readonly path: string; readonly size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.get(x, y)) path += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  return { path, size: n + 2 * margin };
}

export function QrCode({ text, label, testId }: QrCodeProps) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid={testId}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
