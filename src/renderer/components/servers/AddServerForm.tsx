// Adding an SMP server: the address is checked against the contract, then a real test connection
// is made (with progress shown), and only a server that passed is handed on.
import { useId, useState, type FormEvent } from 'react';
import { SmpServerAddress, type ServerTestResult } from '../../../shared/models/servers';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { StatusRegion, type StatusNotice } from '../StatusRegion';

export interface AddServerFormProps {
  /** The servers listed already (a duplicate is refused before testing). */
  readonly listed: readonly string[];
  readonly onTest: (address: string) => Promise<ActionResult<ServerTestResult>>;
  readonly onAdd: (address: string) => void;
}

type Test =
  | { readonly status: 'idle' }
  | { readonly status: 'testing'; readonly address: string }
  | { readonly status: 'done'; readonly notice: StatusNotice };

export function addressError(address: string, listed: readonly string[]): string | null {
  const parsed = SmpServerAddress.safeParse(address);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid address';
    return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return listed.includes(parsed.data) ? 'This server is in the list already.' : null;
}

const failed = (text: string): Test => ({ status: 'done', notice: { tone: 'error', text } });

export function AddServerForm({ listed, onTest, onAdd }: AddServerFormProps) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [test, setTest] = useState<Test>({ status: 'idle' });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (test.status === 'testing') return;
    const candidate = address.trim();
    const problem = addressError(candidate, listed);
    if (problem) return setTest(failed(problem));
    setTest({ status: 'testing', address: candidate });
    void onTest(candidate).then((outcome) => {
      if (!outcome.ok) return setTest(failed(outcome.message));
      if (!outcome.value.ok) {
        const why = outcome.value.error ?? 'the server did not answer as an SMP server should';
        return setTest(failed(`Test failed: ${why}`));
      }
      onAdd(candidate);
      setAddress('');
      setTest({
        status: 'done',
        notice: { tone: 'success', text: 'The server works and was added. Save to use it.' },
      });
    });
  };

  return (
    <form
      className="servers__add"
      onSubmit={submit}
      noValidate
      aria-busy={test.status === 'testing'}
    >
      <label htmlFor={id} className="field__label">
        Server address
      </label>
      <div className="servers__add-row">
        <input
          id={id}
          className="field__input"
          type="text"
          value={address}
          placeholder="smp://fingerprint@host:5223"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-status`}
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
      <div id={`${id}-status`}>
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
  );
}
