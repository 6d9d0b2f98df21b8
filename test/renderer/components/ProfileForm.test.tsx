import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ProfileForm, type ProfileFormProps } from '../../../src/renderer/components/ProfileForm';
import { AvatarError } from '../../../src/renderer/avatar/sizing';
import { EMPTY_DRAFT, type ProfileDraft } from '../../../src/renderer/forms/profileDraft';
import { testIds } from '../../../src/renderer/testIds';

const PICTURE = 'data:image/webp;base64,UklGRg==';

function setup(overrides: Partial<ProfileFormProps> = {}) {
  const onSubmit = vi.fn<(draft: ProfileDraft) => void>();
  const prepareAvatar = vi.fn(async (_file: File) => PICTURE);
  const user = userEvent.setup();
  render(
    <ProfileForm
      initial={EMPTY_DRAFT}
      submitLabel="Create profile"
      busy={false}
      notice={null}
      onSubmit={onSubmit}
      prepareAvatar={prepareAvatar}
      {...overrides}
    />,
  );
  return { onSubmit, prepareAvatar, user };
}

const displayName = () => screen.getByRole('textbox', { name: 'Display name' });
const fullName = () => screen.getByRole('textbox', { name: 'Full name (optional)' });
const submit = () => screen.getByRole('button', { name: 'Create profile' });

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('ProfileForm', () => {
  it('requires a display name, says so accessibly and focuses the field', async () => {
    const { onSubmit, user } = setup();
    await user.click(submit());

    expect(onSubmit).not.toHaveBeenCalled();
    expect(displayName().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId(testIds.displayNameError).textContent).toBe(
      'Display name is required.',
    );
    expect(description(displayName())).toContain('Display name is required.');
    expect(document.activeElement).toBe(displayName());
    // The optional field has nothing to complain about.
    expect(fullName().getAttribute('aria-invalid')).toBeNull();
  });

  it('waits until a field is left before judging it', async () => {
    const { user } = setup();
    await user.type(displayName(), ' ');
    expect(displayName().getAttribute('aria-invalid')).toBeNull();
    await user.tab();
    expect(displayName().getAttribute('aria-invalid')).toBe('true');
    await user.type(displayName(), 'Ada');
    expect(displayName().getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId(testIds.displayNameError)).toBeNull();
  });

  it('uses the contract’s limits', async () => {
    const { onSubmit, user } = setup();
    await user.click(displayName());
    await user.paste('x'.repeat(101));
    await user.click(fullName());
    await user.paste('y'.repeat(201));
    await user.click(submit());
    expect(screen.getByTestId(testIds.displayNameError).textContent).toBe(
      'Display name is at most 100 characters.',
    );
    expect(screen.getByTestId(testIds.fullNameError).textContent).toBe(
      'Full name is at most 200 characters.',
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits trimmed names and the prepared picture', async () => {
    const { onSubmit, prepareAvatar, user } = setup();
    await user.type(displayName(), '  Ada ');
    await user.type(fullName(), 'Ada Lovelace');
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'ada.png', { type: 'image/png' });
    await user.upload(screen.getByTestId(testIds.avatarInput), file);
    expect(prepareAvatar).toHaveBeenCalledWith(file);
    await screen.findByRole('img', { name: 'Your profile picture' });
    expect(screen.getByTestId(testIds.avatarStatus).textContent).toBe('Picture ready.');

    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({
      displayName: 'Ada',
      fullName: 'Ada Lovelace',
      image: PICTURE,
    });
  });

  it('shows why a picture could not be used, as an alert', async () => {
    const { user } = setup({
      prepareAvatar: () => Promise.reject(new AvatarError('This file is not a picture.')),
    });
    await user.upload(
      screen.getByTestId(testIds.avatarInput),
      new File(['text'], 'notes.png', { type: 'image/png' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This file is not a picture.');
    expect(screen.queryByRole('img', { name: 'Your profile picture' })).toBeNull();
  });

  it('removes the picture', async () => {
    const { onSubmit, user } = setup({
      initial: { displayName: 'Ada', fullName: '', image: PICTURE },
      submitLabel: 'Save profile',
    });
    expect(screen.getByRole('img', { name: 'Your profile picture' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove picture' }));
    expect(screen.queryByRole('img', { name: 'Your profile picture' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(onSubmit).toHaveBeenCalledWith({ displayName: 'Ada', fullName: '', image: null });
  });

  it('does not submit twice while busy, and keeps the button focusable', async () => {
    const { onSubmit, user } = setup({
      initial: { displayName: 'Ada', fullName: '', image: null },
      busy: true,
      notice: { tone: 'info', text: 'Saving…' },
    });
    await user.click(submit());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(submit().getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(submit());
    expect(screen.getByTestId(testIds.profileStatus).textContent).toBe('Saving…');
  });

  it('announces the engine’s error', () => {
    setup({ notice: { tone: 'error', text: 'Conclave is not reachable right now.' } });
    expect(screen.getByRole('alert').textContent).toBe('Conclave is not reachable right now.');
  });

  it('is in a sensible tab order', async () => {
    const { user } = setup();
    await user.tab();
    expect(document.activeElement).toBe(displayName());
    await user.tab();
    expect(document.activeElement).toBe(fullName());
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Choose picture…'));
    await user.tab();
    expect(document.activeElement).toBe(submit());
  });
});
