import { ServersSettings } from '../components/ServersSettings';
import { useAppStore } from '../store';

/** The SMP servers part of the settings. */
export function ServersSection() {
  const servers = useAppStore((s) => s.servers);
  const load = useAppStore((s) => s.serversLoad);
  const testServer = useAppStore((s) => s.testServer);
  const saveServers = useAppStore((s) => s.saveServers);
  if (!servers) {
    return (
      <p className="field__hint">
        {load.status === 'error' ? load.message : 'Loading the server settings…'}
      </p>
    );
  }
  return <ServersSettings servers={servers} onTest={testServer} onSave={saveServers} />;
}
