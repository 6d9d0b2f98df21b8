// Column schemas shared by the agent's repositories. Rows are checked like any other input
// (parseRow), so a damaged file gives a StoreDataError instead of wrong keys flowing on.
import { z } from 'zod';
import { parseSmpServer, serializeSmpServer, type SmpServer } from '../../../../protocol/smp';

/** A BLOB column, as a plain Uint8Array (sqlite3 returns Buffers). */
export const blob = z.instanceof(Uint8Array).transform((b) => new Uint8Array(b));
export const optionalBlob = blob.nullable();
export const int = z.number().int();
export const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

export const server = z.string().transform((s, ctx) => {
  try {
    return parseSmpServer(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not an smp:// server' });
    return z.NEVER;
  }
});

/** The stored form of a server: its address without the password (NEW is not repeated). */
export function serverText(s: SmpServer): string {
  return serializeSmpServer({ hosts: s.hosts, port: s.port, keyHash: s.keyHash });
}
