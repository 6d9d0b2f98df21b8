// The top of a conversation: who it is with (a button that opens their contact info), whether
// they are connected yet, and the mute switch.
import type { Ref } from 'react';
import { testIds } from '../../testIds';
import { Avatar } from '../Avatar';
import { BellIcon, BellOffIcon } from '../icons';

export interface ConversationHeaderProps {
  readonly title: string;
  readonly image: string | null;
  /** One line under the name ("Connecting…"), or null. */
  readonly subtitle: string | null;
  readonly muted: boolean;
  readonly infoOpen: boolean;
  readonly infoPaneId: string;
  readonly onToggleInfo: () => void;
  readonly onToggleMute: () => void;
  readonly titleRef?: Ref<HTMLButtonElement>;
}

export function ConversationHeader(props: ConversationHeaderProps) {
  return (
    <header className="conversation__header">
      <button
        ref={props.titleRef}
        type="button"
        className="conversation__who"
        aria-expanded={props.infoOpen}
        aria-controls={props.infoPaneId}
        title="Contact info"
        data-testid={testIds.conversationTitle}
        onClick={props.onToggleInfo}
      >
        <Avatar name={props.title} image={props.image} size="small" />
        <span className="conversation__names">
          <h1 className="conversation__title">{props.title}</h1>
          {props.subtitle ? <span className="conversation__subtitle">{props.subtitle}</span> : null}
        </span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={props.muted}
        aria-label="Mute notifications"
        title={props.muted ? 'Muted: no notifications from this chat' : 'Mute notifications'}
        data-testid={testIds.muteToggle}
        onClick={props.onToggleMute}
      >
        {props.muted ? <BellOffIcon /> : <BellIcon />}
      </button>
    </header>
  );
}
