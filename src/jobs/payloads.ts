import { z } from 'zod';
import type { QueueName } from './queues.ts';

/**
 * The file an article comes from. Jobs carry where the file is and which version of it was seen,
 * never its text: the worker reads the file itself (so the text crosses Redis not at all), and
 * stores it only while it is still that version.
 */
export const sourceSchema = z.object({
  /** The article's identity: `inbox/<path inside the inbox>`, or the absolute path of a file given to `ingest`. */
  key: z.string().min(1),
  /** The absolute path of the file. */
  path: z.string().min(1),
  /** The folder the file must stay inside (links out of it are refused): the inbox, or the folder given to `ingest`. */
  root: z.string().min(1),
  /** Inbox files end in processed/ or failed/; files given to `ingest` stay where they are. */
  fromInbox: z.boolean(),
  /** The version seen when the job was made: size and change time (nanoseconds) of the file. */
  size: z.number().int().nonnegative(),
  changedAt: z.string().regex(/^\d+$/),
  modifiedAt: z.iso.datetime(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A file to ingest, or (from `reprocess`) a stored article whose dates and entities are derived again. */
const articlePayload = z.union([
  z.strictObject({ source: sourceSchema }),
  z.strictObject({ reprocess: z.strictObject({ articleId: z.number().int().positive(), sourceKey: z.string().min(1) }) }),
]);
const rescanPayload = z.object({});

/** The job data each queue accepts: the single definition of every payload. */
export const payloadSchemas = {
  article: articlePayload,
  inbox: rescanPayload,
} satisfies Record<QueueName, z.ZodType>;

export type Payloads = { [Q in QueueName]: z.infer<(typeof payloadSchemas)[Q]> };
