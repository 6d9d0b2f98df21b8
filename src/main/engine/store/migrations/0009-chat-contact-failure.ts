// A contact whose connection could not be made: the agent gave up on its handshake for good (the
// peer's invitation was used or deleted, a version we do not share…). The contact stays, shown as
// failed with the reason, until the user deletes it. A column rather than a status: the status
// CHECK of 0005 cannot change without rebuilding a table that others reference.
import type { Migration } from '../../../../node/sqlite';

export const migration0009: Migration = {
  version: 9,
  name: 'chat contact failure',
  up: (tx) =>
    tx.exec(`
      -- The agent's error code (AUTH, VERSION, …) once the handshake failed; NULL otherwise.
      ALTER TABLE contacts ADD COLUMN conn_error TEXT;
    `),
};
