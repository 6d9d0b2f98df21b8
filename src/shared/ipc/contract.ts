// The machinery of the typed IPC contract. Every command has a name, a zod input schema and a
// zod output schema; every event has a name and a schema. Main, the browser host, the preload and
// the renderer's api client are all generated from the same tables (see ./index.ts).
import { z } from 'zod';

/** Who answers a command: the engine (in its worker) or the desktop shell itself. */
export type CommandHandler = 'engine' | 'app';

export interface CommandSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  H extends CommandHandler = CommandHandler,
> {
  readonly input: I;
  readonly output: O;
  readonly handler: H;
}

// The handler is kept as a literal type, so EngineCommandName can tell engine commands apart.
export function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): CommandSpec<I, O, 'engine'>;
export function command<I extends z.ZodType, O extends z.ZodType, H extends CommandHandler>(
  input: I,
  output: O,
  handler: H,
): CommandSpec<I, O, H>;
export function command(
  input: z.ZodType,
  output: z.ZodType,
  handler: CommandHandler = 'engine',
): CommandSpec {
  return { input, output, handler };
}

/** Inputs are objects with no unknown keys, so a typo is an error instead of being ignored. */
export const noInput = z.strictObject({});

/** Payloads above this size are refused before parsing (encoded JSON, in bytes). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export const IpcErrorCode = z.enum([
  'BAD_INPUT', // input failed its schema
  'BAD_OUTPUT', // the handler produced something its schema refuses (a bug, never leaked as data)
  'UNKNOWN_COMMAND',
  'TOO_LARGE',
  'FORBIDDEN', // wrong sender frame / origin / token
  'UNAVAILABLE', // the engine is starting, restarting or stopped
  'NOT_FOUND',
  'CONFLICT',
  'INVALID', // a well-formed request the domain refuses (e.g. a bad link)
  'NETWORK',
  'INTERNAL',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcError = z.object({
  code: IpcErrorCode,
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcError>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const IpcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
]);

/** An error with a contract error code, thrown by handlers and re-thrown by api clients. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): IpcError {
    return { code: this.code, message: this.message };
  }
}

export function errorResult(code: IpcErrorCode, message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}

/** Maps anything thrown by a handler to a contract error without leaking internals. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof ContractError) return e.toJSON();
  return { code: 'INTERNAL', message: 'internal error' };
}

/** Size of a payload as it would cross the wire (JSON, UTF-8 bytes); Infinity if not encodable. */
export function payloadSize(value: unknown): number {
  try {
    const s = JSON.stringify(value ?? null);
    let bytes = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    }
    return bytes;
  } catch {
    return Infinity;
  }
}
