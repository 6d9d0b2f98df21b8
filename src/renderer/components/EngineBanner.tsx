// Says so when the engine or the connection to it is not working, and nothing otherwise.
import type { ConnectionState } from '../api';
import type { EngineStatus } from '../../shared/models/engine';
import { testIds } from '../testIds';
import { StatusRegion, type StatusNotice } from './StatusRegion';

export interface EngineBannerProps {
  readonly engine: EngineStatus | null;
  readonly connection: ConnectionState;
  readonly everConnected: boolean;
}

export function bannerNotice({
  engine,
  connection,
  everConnected,
}: EngineBannerProps): StatusNotice | null {
  if (connection === 'closed') {
    return { tone: 'error', text: 'Disconnected from Conclave. Reload the page to reconnect.' };
  }
  if (connection === 'connecting' && everConnected) {
    return { tone: 'info', text: 'Connection to Conclave lost. Reconnecting…' };
  }
  switch (engine?.state) {
    case 'starting':
      return { tone: 'info', text: 'Conclave is starting…' };
    case 'restarting':
      return {
        tone: 'info',
        text: 'Conclave is restarting. Your data is safe; this takes a moment.',
      };
    case 'stopped': {
      const why = engine.reason ? ` (${engine.reason})` : '';
      return { tone: 'error', text: `Conclave has stopped${why}. Restart the app to continue.` };
    }
    default:
      return null;
  }
}

export function EngineBanner(props: EngineBannerProps) {
  const notice = bannerNotice(props);
  return (
    <StatusRegion
      notice={notice}
      testId={testIds.engineBanner}
      className={notice ? `banner banner--${notice.tone}` : 'banner banner--hidden'}
    />
  );
}
