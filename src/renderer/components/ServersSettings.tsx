// Where new connections get their message queues: the server built into the app (the default,
// which works with no setup) or the person's own list of smp:// servers. A server joins the list
// only after a test connection to it worked; nothing changes until the list is saved.
import { useState } from 'react';
import type { ServerTestResult, ServersUpdate, ServersView } from '../../shared/models/servers';
import type { ActionResult } from '../store';
import { optionTestId, testIds } from '../testIds';
import { RadioGroup, type RadioOption } from './RadioGroup';
import { StatusRegion, type StatusNotice } from './StatusRegion';
import { AddServerForm } from './servers/AddServerForm';

type Mode = 'embedded' | 'custom';

const MODES: readonly RadioOption<Mode>[] = [
  {
    value: 'embedded',
    label: 'The built-in server',
    description:
      'Runs inside Conclave on this computer. Contacts reach it only while the app runs.',
  },
  { value: 'custom', label: 'My own servers', description: 'SMP servers you run or trust.' },
];

export interface ServersSettingsProps {
  readonly servers: ServersView;
  readonly onTest: (address: string) => Promise<ActionResult<ServerTestResult>>;
  readonly onSave: (update: ServersUpdate) => Promise<ActionResult>;
}

export function ServersSettings({ servers, onTest, onSave }: ServersSettingsProps) {
  const [mode, setMode] = useState<Mode>(servers.useEmbedded ? 'embedded' : 'custom');
  const [custom, setCustom] = useState<readonly string[]>(servers.custom);
  const [save, setSave] = useState<StatusNotice | null>(null);

  const submit = (): void => {
    if (mode === 'custom' && custom.length === 0) {
      return setSave({ tone: 'error', text: 'Add a server first, or use the built-in one.' });
    }
    setSave({ tone: 'info', text: 'Saving…' });
    void onSave({ useEmbedded: mode === 'embedded', custom: [...custom] }).then((result) =>
      setSave(
        result.ok
          ? { tone: 'success', text: 'Servers saved.' }
          : { tone: 'error', text: result.message },
      ),
    );
  };

  return (
    <div className="servers" data-testid={testIds.serversSettings}>
      <RadioGroup
        legend="Use for new connections"
        options={MODES}
        value={mode}
        onChange={setMode}
        testIdOf={(v) => optionTestId(testIds.serverMode, v)}
      />
      {mode === 'embedded' ? (
        <EmbeddedServer embedded={servers.embedded} />
      ) : (
        <>
          {custom.length > 0 ? (
            <ul className="servers__list" aria-label="My servers">
              {custom.map((server) => (
                <li key={server} className="servers__item" data-testid={testIds.serverItem}>
                  <code className="servers__address">{server}</code>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Remove ${server}`}
                    data-testid={testIds.serverRemove}
                    onClick={() => setCustom((list) => list.filter((s) => s !== server))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="field__hint">
              No servers yet. Add one below; it is tested before it is added.
            </p>
          )}
          <AddServerForm
            listed={custom}
            onTest={onTest}
            onAdd={(address) => setCustom((list) => [...list, address])}
          />
        </>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          data-testid={testIds.serversSave}
          onClick={submit}
        >
          Save servers
        </button>
        <StatusRegion notice={save} testId={testIds.serversStatus} />
      </div>
    </div>
  );
}

/** The built-in server: its address and state, and why it is not running when it could not start. */
function EmbeddedServer({ embedded }: { readonly embedded: ServersView['embedded'] }) {
  const { address, running, error } = embedded;
  return (
    <>
      <p className="servers__embedded" data-testid={testIds.embeddedAddress}>
        {address ? (
          <code>{address}</code>
        ) : error ? (
          'The built-in server could not start.'
        ) : (
          'The built-in server has not started yet.'
        )}
        <span className={`servers__state servers__state--${running ? 'on' : 'off'}`}>
          {running ? 'Running' : 'Not running'}
        </span>
      </p>
      {error && (
        <p className="field__error" data-testid={testIds.embeddedError}>
          {error}
        </p>
      )}
    </>
  );
}
