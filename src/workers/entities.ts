import type { Task } from './context.ts';

export const extractEntities: Task<'entities'> = async (payload, { extractEntities, extractorVersion }) => ({
  ...payload,
  mentions: await extractEntities(payload.article.text),
  extractor: extractorVersion,
});
