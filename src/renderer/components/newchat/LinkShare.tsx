// A link to give someone: as a QR code to scan, as text to select, and a copy button.
import { useId } from 'react';
import { CopyButton } from '../CopyButton';
import { QrCode } from '../QrCode';

export interface LinkShareProps {
  readonly link: string;
  /** "your address", "this invitation": completes "QR code of …". */
  readonly what: string;
  readonly testIds: {
    readonly qr: string;
    readonly link: string;
    readonly copy: string;
    readonly copyStatus: string;
  };
}

export function LinkShare({ link, what, testIds }: LinkShareProps) {
  const id = useId();
  return (
    <div className="link-share">
      <QrCode text={link} label={`QR code of ${what}`} testId={testIds.qr} />
      <div className="link-share__text">
        <label htmlFor={id} className="field__label">
          Link
        </label>
        <textarea
          id={id}
          className="link-share__link"
          readOnly
          rows={3}
          value={link}
          spellCheck={false}
          data-testid={testIds.link}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton
          text={link}
          label="Copy link"
          testId={testIds.copy}
          statusTestId={testIds.copyStatus}
        />
      </div>
    </div>
  );
}
