// One message: its text exactly as written (plain text, line breaks kept, nothing turned into
// markup or links), when it was sent, the delivery ticks of one's own messages, the edited and
// deleted markers, reactions, and a menu of what can be done with it.
import { useState } from 'react';
import { ALLOWED_REACTIONS, type ChatItemView } from '../../../shared/models/chats';
import { clockTime, fullDateTime } from '../../format/time';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { MoreIcon } from '../icons';
import { Menu, MenuItem } from '../Menu';
import { DeliveryStatus } from './DeliveryStatus';
import { MessageEditor } from './MessageEditor';
import { Reactions } from './Reactions';

export interface MessageBubbleProps {
  readonly item: ChatItemView;
  /** Who wrote received messages, for screen readers ("Alice: …"). */
  readonly contactName: string;
  readonly editing: boolean;
  readonly onStartEdit: () => void;
  readonly onEndEdit: () => void;
  readonly onSaveEdit: (text: string) => Promise<ActionResult>;
  readonly onDelete: (forEveryone: boolean) => Promise<ActionResult>;
  readonly onReact: (emoji: string, add: boolean) => Promise<ActionResult>;
  readonly onMenuOpenChange?: (open: boolean) => void;
}

export function MessageBubble(props: MessageBubbleProps) {
  const { item, editing } = props;
  const [actionError, setActionError] = useState<string | null>(null);
  const mine = item.direction === 'snd';

  const run = (action: Promise<ActionResult>): void => {
    setActionError(null);
    void action.then((result) => setActionError(result.ok ? null : result.message));
  };
  const mineReaction = (emoji: string): boolean =>
    item.reactions.some((r) => r.emoji === emoji && r.mine);

  return (
    <div className={`message message--${item.direction}`} data-item-id={item.id}>
      <div className={`message__bubble${item.deleted ? ' message__bubble--deleted' : ''}`}>
        <span className="visually-hidden">{mine ? 'You' : props.contactName}: </span>
        {item.deleted ? (
          <p className="message__deleted" data-testid={testIds.messageDeleted}>
            Message deleted
          </p>
        ) : editing ? (
          <MessageEditor initial={item.text} onSave={props.onSaveEdit} onCancel={props.onEndEdit} />
        ) : (
          <p className="message__text" data-testid={testIds.messageText}>
            {item.text}
          </p>
        )}
        <span className="message__meta">
          {item.editedAt && !item.deleted ? (
            <span className="message__edited" data-testid={testIds.messageEdited}>
              edited
            </span>
          ) : null}
          <time
            dateTime={item.sentAt}
            title={fullDateTime(item.sentAt)}
            data-testid={testIds.messageTime}
          >
            {clockTime(item.sentAt)}
          </time>
          {mine ? <DeliveryStatus status={item.status} error={item.error} /> : null}
        </span>
      </div>
      {editing ? null : (
        <Menu
          label="Message actions"
          button={<MoreIcon />}
          buttonClassName="message__actions icon-button"
          buttonTestId={testIds.messageActions}
          menuTestId={testIds.messageMenu}
          onOpenChange={props.onMenuOpenChange}
        >
          {item.deleted ? null : (
            <div className="menu__reactions" role="group" aria-label="React">
              {ALLOWED_REACTIONS.map((emoji) => (
                <MenuItem
                  key={emoji}
                  label={mineReaction(emoji) ? `Take back ${emoji}` : `React with ${emoji}`}
                  className={`menu__emoji${mineReaction(emoji) ? ' menu__emoji--mine' : ''}`}
                  testId={testIds.reactOption}
                  onSelect={() => run(props.onReact(emoji, !mineReaction(emoji)))}
                >
                  {emoji}
                </MenuItem>
              ))}
            </div>
          )}
          {mine && !item.deleted ? (
            <MenuItem testId={testIds.menuEdit} onSelect={props.onStartEdit}>
              Edit
            </MenuItem>
          ) : null}
          <MenuItem testId={testIds.menuDeleteForMe} onSelect={() => run(props.onDelete(false))}>
            Delete for me
          </MenuItem>
          {mine && !item.deleted ? (
            <MenuItem
              className="menu__item--danger"
              testId={testIds.menuDeleteForEveryone}
              onSelect={() => run(props.onDelete(true))}
            >
              Delete for everyone
            </MenuItem>
          ) : null}
        </Menu>
      )}
      <Reactions
        reactions={item.reactions}
        onToggle={(emoji, add) => run(props.onReact(emoji, add))}
      />
      {actionError ? (
        <p className="message__error" role="alert">
          {actionError}
        </p>
      ) : null}
    </div>
  );
}
