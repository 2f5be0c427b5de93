import { refreshArticle, storeArticle } from '../db/articles.ts';
import type { Task } from './context.ts';

export const upsert: Task<'upsert'> = async ({ source, article, published, timeExpressions, mentions, extractor, reprocess }, { db }) => {
  const derived = { sourceKey: source.key, contentHash: source.contentHash, published, timeExpressions, mentions, extractor };
  if (reprocess) return refreshArticle(db, { ...derived, dateText: article.dateText });
  return storeArticle(db, { ...derived, sourceModifiedAt: new Date(source.modifiedAt), article });
};
