// Where new connections get their message queues: the server built into the app (the default,
// which works with no setup) or the person's own list of smp:// servers. A server joins the list
// only after a test connection to it worked; nothing changes until the list is saved.
import { useId, useState, type FormEvent } from 'react';
import {
  SmpServerAddress,
  type ServerTestResult,
  type ServersUpdate,
  type ServersView,
} from '../../shared/models/servers';
import type { ActionResult } from '../store';
import { optionTestId, testIds } from '../testIds';
import { RadioGroup, type RadioOption } from './RadioGroup';
import { StatusRegion, type StatusNotice } from './StatusRegion';

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

type Test =
  | { readonly status: 'idle' }
  | { readonly status: 'testing'; readonly address: string }
  | { readonly status: 'done'; readonly notice: StatusNotice };

function addressError(address: string, list: readonly string[]): string | null {
  const parsed = SmpServerAddress.safeParse(address);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid address';
    return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return list.includes(parsed.data) ? 'This server is in the list already.' : null;
}

export function ServersSettings({ servers, onTest, onSave }: ServersSettingsProps) {
  const inputId = useId();
  const [mode, setMode] = useState<Mode>(servers.useEmbedded ? 'embedded' : 'custom');
  const [custom, setCustom] = useState<readonly string[]>(servers.custom);
  const [address, setAddress] = useState('');
  const [test, setTest] = useState<Test>({ status: 'idle' });
  const [save, setSave] = useState<StatusNotice | null>(null);

  const add = (e: FormEvent): void => {
    e.preventDefault();
    if (test.status === 'testing') return;
    const candidate = address.trim();
    const problem = addressError(candidate, custom);
    if (problem) return setTest({ status: 'done', notice: { tone: 'error', text: problem } });
    setTest({ status: 'testing', address: candidate });
    void onTest(candidate).then((outcome) => {
      if (!outcome.ok) {
        return setTest({ status: 'done', notice: { tone: 'error', text: outcome.message } });
      }
      if (!outcome.value.ok) {
        const why = outcome.value.error ?? 'the server did not answer as an SMP server should';
        return setTest({ status: 'done', notice: { tone: 'error', text: `Test failed: ${why}` } });
      }
      setCustom((list) => [...list, candidate]);
      setAddress('');
      setTest({
        status: 'done',
        notice: { tone: 'success', text: 'The server works and was added. Save to use it.' },
      });
    });
  };

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
        <p className="servers__embedded" data-testid={testIds.embeddedAddress}>
          {servers.embedded.address ? (
            <code>{servers.embedded.address}</code>
          ) : (
            'The built-in server has not started yet.'
          )}
          <span
            className={`servers__state servers__state--${servers.embedded.running ? 'on' : 'off'}`}
          >
            {servers.embedded.running ? 'Running' : 'Not running'}
          </span>
        </p>
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
          <form
            className="servers__add"
            onSubmit={add}
            noValidate
            aria-busy={test.status === 'testing'}
          >
            <label htmlFor={inputId} className="field__label">
              Server address
            </label>
            <div className="servers__add-row">
              <input
                id={inputId}
                className="field__input"
                type="text"
                value={address}
                placeholder="smp://fingerprint@host:5223"
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`${inputId}-status`}
                data-testid={testIds.serverInput}
                onChange={(e) => {
                  setAddress(e.target.value);
                  if (test.status === 'done') setTest({ status: 'idle' });
                }}
              />
              <button
                type="submit"
                className="button button--secondary"
                aria-disabled={test.status === 'testing'}
                data-testid={testIds.serverAdd}
              >
                Test and add
              </button>
            </div>
            <div id={`${inputId}-status`}>
              <StatusRegion
                testId={testIds.serverTestStatus}
                notice={
                  test.status === 'testing'
                    ? { tone: 'info', text: `Testing ${test.address}…` }
                    : test.status === 'done'
                      ? test.notice
                      : null
                }
              />
            </div>
          </form>
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
