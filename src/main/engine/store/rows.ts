// Rows read back from SQLite are checked like any other input: a damaged file or a bug gives a
// clear StoreDataError instead of wrong data flowing on.
import type { z } from 'zod';
import type { Row } from '../../../node/sqlite';
import { StoreDataError } from './errors';

export function parseRow<S extends z.ZodType>(schema: S, row: Row, table: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new StoreDataError(`a row of ${table} is malformed (${where}: ${issue?.message ?? '?'})`);
  }
  return parsed.data;
}
