import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../src/renderer/components/conversation/Composer';
import type { ActionResult } from '../../../src/renderer/store';
import { testIds } from '../../../src/renderer/testIds';

function renderComposer(
  disabledReason: string | null = null,
  answer: ActionResult = { ok: true, value: null },
) {
  const onSend = vi.fn<(text: string) => Promise<ActionResult>>(() => Promise.resolve(answer));
  render(<Composer disabledReason={disabledReason} onSend={onSend} />);
  const input = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
  return { onSend, input, user: userEvent.setup() };
}

describe('Composer', () => {
  it('sends with Enter and starts a new line with Shift+Enter', async () => {
    const { onSend, input, user } = renderComposer();
    await user.type(input, 'first line{Shift>}{Enter}{/Shift}second line');
    expect(input.value).toBe('first line\nsecond line');
    expect(onSend).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('first line\nsecond line');
    await vi.waitFor(() => expect(input.value).toBe(''));
  });

  it('sends with the button too, and never sends blank text', async () => {
    const { onSend, input, user } = renderComposer();
    await user.type(input, '   {Enter}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();

    await user.type(input, 'hi');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('   hi');
  });

  it('keeps the text and says why when sending failed', async () => {
    const { input, user } = renderComposer(null, { ok: false, message: 'No connection.' });
    await user.type(input, 'important{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('No connection.');
    expect(input.value).toBe('important');
    // Typing again clears the old error.
    await user.type(input, '!');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is off, with the reason read with it, while the contact is connecting', () => {
    renderComposer('Waiting for Bob to accept.');
    const input = screen.getByRole('textbox', { name: 'Message' });
    expect((input as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByTestId(testIds.composerNotice).textContent).toBe(
      'Waiting for Bob to accept.',
    );
    expect(input.getAttribute('aria-describedby')).toBe(
      screen.getByTestId(testIds.composerNotice).id,
    );
  });

  it('says when a message is too long, in the contract’s words', async () => {
    const { onSend, input, user } = renderComposer();
    await user.click(input);
    await user.paste('x'.repeat(15_001));
    expect(screen.getByRole('alert').textContent).toBe('A message is at most 15000 characters.');
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });
});
