// A QR code drawn in the browser from its text (the qrcode package), as an image a gate's scanner reads off the screen.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export default function QrImage({ text, size = 220, testId }: { text: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M' }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? (
    <img src={src} width={size} height={size} alt="" data-testid={testId} data-qr={text} style={{ display: 'block', margin: '0 auto' }} />
  ) : (
    <div style={{ width: size, height: size, margin: '0 auto' }} />
  );
}
