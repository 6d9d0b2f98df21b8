// Every migration of the SMP server's database, in order. Append only: a released migration is
// never edited; each has its own test under test/server/store/migrations/.
import type { Migration } from '../../../node/sqlite';
import { migration0001 } from './0001-initial';

export const serverMigrations: readonly Migration[] = [migration0001];
