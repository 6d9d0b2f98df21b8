/**
 * The JSON of `INFO` (answer to QUE, a debugging aid): the queue's state as upstream's Aeson
 * encoding writes it (absent optional fields are omitted). Validated with zod on parse.
 */
import { z } from 'zod';
import { fromUtf8, utf8 } from '../encoding/bytes';
import { DecodeError, EncodeError } from '../encoding/errors';

const queueInfoSchema = z.object({
  qiSnd: z.boolean(),
  qiNtf: z.boolean(),
  qiSub: z
    .object({
      qSubThread: z.enum(['noSub', 'subPending', 'subThread', 'prohibitSub']),
      qDelivered: z.string().optional(),
    })
    .optional(),
  qiSize: z.number().int(),
  qiMsg: z
    .object({
      /** base64 of the message id. */
      msgId: z.string(),
      /** ISO 8601 time. */
      msgTs: z.string(),
      msgType: z.enum(['message', 'quota']),
    })
    .optional(),
});

export type QueueInfo = z.infer<typeof queueInfoSchema>;

export function encodeQueueInfo(info: QueueInfo): Uint8Array {
  const parsed = queueInfoSchema.safeParse(info);
  if (!parsed.success) throw new EncodeError('INFO: invalid queue info');
  return utf8(JSON.stringify(parsed.data));
}

export function decodeQueueInfo(bytes: Uint8Array): QueueInfo {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new DecodeError('INFO is not JSON');
  }
  const parsed = queueInfoSchema.safeParse(value);
  if (!parsed.success)
    throw new DecodeError(`INFO: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
