// The reactions under a message: one chip per emoji with its count. Chips of the offered set are
// buttons that add or take back the person's own reaction; others are shown as they came.
import { ALLOWED_REACTIONS } from '../../../shared/models/chats';
import type { ChatItemView } from '../../../shared/models/chats';
import { testIds } from '../../testIds';

const OFFERED: ReadonlySet<string> = new Set(ALLOWED_REACTIONS);

export interface ReactionsProps {
  readonly reactions: ChatItemView['reactions'];
  readonly onToggle: (emoji: string, add: boolean) => void;
}

export function Reactions({ reactions, onToggle }: ReactionsProps) {
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions" data-testid={testIds.messageReactions}>
      {reactions.map((r) => {
        const label = `${r.emoji} ${r.count}${r.mine ? ', including you' : ''}`;
        return (
          <li key={r.emoji}>
            {OFFERED.has(r.emoji) ? (
              <button
                type="button"
                className={`reaction${r.mine ? ' reaction--mine' : ''}`}
                aria-pressed={r.mine}
                aria-label={label}
                title={r.mine ? 'Take back your reaction' : 'React with this too'}
                data-testid={testIds.reaction}
                onClick={() => onToggle(r.emoji, !r.mine)}
              >
                <span aria-hidden="true">{r.emoji}</span>
                <span aria-hidden="true">{r.count}</span>
              </button>
            ) : (
              <span
                className="reaction"
                role="img"
                aria-label={label}
                data-testid={testIds.reaction}
              >
                <span aria-hidden="true">{r.emoji}</span>
                <span aria-hidden="true">{r.count}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
