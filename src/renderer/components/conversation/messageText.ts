// The rules for a message's text are the contract's, so the composer says what the engine would
// refuse, in the same words.
import { MessageText } from '../../../shared/models/chats';

/** Why `text` cannot be sent, or null when it can. Empty text is not an error: nothing happens. */
export function messageTextError(text: string): string | null {
  if (text.trim().length === 0) return null;
  const result = MessageText.safeParse(text);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? 'invalid message';
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

export function canSend(text: string): boolean {
  return MessageText.safeParse(text).success;
}

/** Enter sends; Shift+Enter is a new line, and so is Enter while an input method composes. */
export function isSendKey(e: {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly nativeEvent: { readonly isComposing?: boolean };
}): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing;
}
