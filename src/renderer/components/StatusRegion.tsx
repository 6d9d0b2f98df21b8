// A live region that is always in the page, so screen readers announce what appears in it:
// progress and confirmations politely (role=status), errors at once (role=alert).
export type Tone = 'info' | 'success' | 'error';

export interface StatusNotice {
  readonly tone: Tone;
  readonly text: string;
}

export interface StatusRegionProps {
  readonly notice: StatusNotice | null;
  readonly testId: string;
  readonly className?: string;
}

export function StatusRegion({ notice, testId, className }: StatusRegionProps) {
  const isError = notice?.tone === 'error';
  return (
    <div className={['status-region', className].filter(Boolean).join(' ')} data-testid={testId}>
      <p role="status" className={`status status--${notice?.tone ?? 'info'}`}>
        {notice && !isError ? notice.text : null}
      </p>
      {isError ? (
        <p role="alert" className="status status--error">
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
