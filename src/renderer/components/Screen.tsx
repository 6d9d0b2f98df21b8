// Whole-window screens shown before the app frame: loading, errors, first run.
import type { ReactNode } from 'react';
import { testIds } from '../testIds';

export interface CardScreenProps {
  readonly title: string;
  readonly testId: string;
  readonly children: ReactNode;
}

export function CardScreen({ title, testId, children }: CardScreenProps) {
  return (
    <main className="card-screen" data-testid={testId}>
      <div className="card">
        <h1 className="card__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function LoadingScreen({ connecting }: { readonly connecting: boolean }) {
  return (
    <main className="card-screen" data-testid={testIds.loading}>
      <p role="status" className="loading">
        {connecting ? 'Connecting to Conclave…' : 'Loading Conclave…'}
      </p>
    </main>
  );
}

export interface LoadErrorScreenProps {
  readonly message: string;
  readonly onRetry: () => void;
}

export function LoadErrorScreen({ message, onRetry }: LoadErrorScreenProps) {
  return (
    <CardScreen title="Conclave could not load" testId={testIds.loadError}>
      <p role="alert">{message}</p>
      <button
        type="button"
        className="button button--primary"
        data-testid={testIds.retryLoad}
        onClick={onRetry}
      >
        Try again
      </button>
    </CardScreen>
  );
}

export function StartupErrorScreen({ message }: { readonly message: string }) {
  return (
    <CardScreen title="Conclave cannot start here" testId={testIds.startupError}>
      <p role="alert">{message}</p>
    </CardScreen>
  );
}
