// What the conversation says when there is something to say: the history is still loading, it
// could not be read, or a change to the chat (muting) was refused.
import { StatusRegion, type StatusNotice } from '../components/StatusRegion';
import type { ItemsWindow } from '../store';
import { testIds } from '../testIds';

export function conversationNotice(
  history: ItemsWindow | undefined,
  problem: string | null,
): StatusNotice | null {
  if (problem) return { tone: 'error', text: problem };
  if (!history || history.status === 'loading') return { tone: 'info', text: 'Loading messages…' };
  if (history.error) return { tone: 'error', text: history.error };
  return null;
}

export interface ConversationStatusProps {
  readonly history: ItemsWindow | undefined;
  readonly problem: string | null;
}

export function ConversationStatus({ history, problem }: ConversationStatusProps) {
  return (
    <StatusRegion
      notice={conversationNotice(history, problem)}
      testId={testIds.conversationStatus}
      className="conversation__status"
    />
  );
}
