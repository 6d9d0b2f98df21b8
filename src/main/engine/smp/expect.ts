/** Checking that a response is one the command can get; anything else is a PROTOCOL error. */
import type { Response } from '../../../protocol/smp';
import { SmpClientError } from './errors';

/** The response narrowed to one of `types` (tags shared by one variant narrow too). */
export type ResponseOf<T extends Response['type']> = Response & { readonly type: T };

export function expectResponse<T extends Response['type']>(
  response: Response,
  ...types: T[]
): ResponseOf<T> {
  if ((types as readonly string[]).includes(response.type)) return response as ResponseOf<T>;
  throw new SmpClientError('PROTOCOL', `unexpected response ${response.type}`);
}
