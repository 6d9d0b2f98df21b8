import { describe, expect, it } from 'vitest';
import { PendingSends } from '../../src/cli/pending-sends';
import { item } from './fixtures';

const sending = (id: number) => item(id, '@1', { direction: 'snd', status: 'sending' });
const sent = (id: number) => item(id, '@1', { direction: 'snd', status: 'sent' });

describe('messages waiting for their server', () => {
  it('settles at once when nothing is pending', async () => {
    expect(await new PendingSends().settle(60_000)).toBe(0);
  });

  it('settles when the last pending message is sent', async () => {
    const p = new PendingSends();
    p.sent(sending(1));
    p.sent(sending(2));
    p.sent(sent(3)); // accepted already: nothing to wait for
    const settled = p.settle(60_000);
    p.updated(sent(1));
    p.updated(item(2, '@1', { direction: 'snd', status: 'error' }));
    expect(await settled).toBe(0);
  });

  it('counts an update that overtook the reply to the send', async () => {
    const p = new PendingSends();
    p.updated(sent(4));
    p.sent(sending(4));
    expect(await p.settle(60_000)).toBe(0);
  });

  it('gives up after its time, with the count still pending', async () => {
    const p = new PendingSends();
    p.sent(sending(1));
    p.updated(item(9, '@1', { direction: 'rcv', status: 'received' }));
    expect(await p.settle(1)).toBe(1);
  });
});
