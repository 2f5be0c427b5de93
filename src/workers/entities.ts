import type { Task } from './context.ts';

export const extractEntities: Task<'entities'> = async (payload, { extractEntities }) => ({
  ...payload,
  ...(await extractEntities(payload.article.text)),
});
