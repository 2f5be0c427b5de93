import { z } from 'zod';
import { articleSchema } from '../article/article.ts';
import { publishedDateSchema } from '../dates/published.ts';
import { timeExpressionSchema } from '../dates/timex/find.ts';
import { mentionSchema } from '../entities/entity.ts';
import type { QueueName } from './queues.ts';

/** The file an article came from; every stage carries it so that any stage can settle the file. */
export const sourceSchema = z.object({
  /** The article's identity: its path relative to the inbox or to the folder given to `ingest`. */
  key: z.string().min(1),
  /** The absolute path the file was read from. */
  path: z.string().min(1),
  /** Inbox files end in processed/ or failed/; files given to `ingest` stay where they are. */
  fromInbox: z.boolean(),
  /** sha256 of the file's bytes. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  modifiedAt: z.iso.datetime(),
});
export type Source = z.infer<typeof sourceSchema>;

const validatePayload = z.object({
  source: sourceSchema,
  size: z.number().int().nonnegative(),
  /** The file's bytes, or null when the file is larger than MAX_ARTICLE_BYTES. */
  content: z.base64().nullable(),
});
const datesPayload = z.object({
  source: sourceSchema,
  article: articleSchema,
  /** A stored article sent again (`reprocess`): only what the stages derive from its text is replaced. */
  reprocess: z.literal(true).optional(),
});
const entitiesPayload = datesPayload.extend({ published: publishedDateSchema, timeExpressions: z.array(timeExpressionSchema) });
const upsertPayload = entitiesPayload.extend({ mentions: z.array(mentionSchema), extractor: z.string().min(1) });
const rescanPayload = z.object({});

/** The job data each queue accepts: the single definition of every payload. */
export const payloadSchemas = {
  validate: validatePayload,
  dates: datesPayload,
  entities: entitiesPayload,
  upsert: upsertPayload,
  inbox: rescanPayload,
} satisfies Record<QueueName, z.ZodType>;

export type Payloads = { [Q in QueueName]: z.infer<(typeof payloadSchemas)[Q]> };
