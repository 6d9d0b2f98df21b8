// Every migration of the engine's database, in order. Append only: a released migration is
// never edited; each has its own test under test/main/engine/store/migrations/.
import type { Migration } from '../../../../node/sqlite';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-agent-connections';
import { migration0003 } from './0003-agent-messages';
import { migration0004 } from './0004-agent-short-links';
import { migration0005 } from './0005-chat-contacts';
import { migration0006 } from './0006-chat-items';
import { migration0007 } from './0007-chat-probes';
import { migration0008 } from './0008-chat-item-counters';
import { migration0009 } from './0009-chat-contact-failure';

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
];
