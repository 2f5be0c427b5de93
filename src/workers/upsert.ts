import { replaceArticleEntities, storeArticle } from '../db/articles.ts';
import type { Task } from './context.ts';

export const upsert: Task<'upsert'> = async ({ source, article, published, mentions, extractor, reprocess }, { db }) =>
  reprocess
    ? replaceArticleEntities(db, { sourceKey: source.key, contentHash: source.contentHash, mentions, extractor })
    : storeArticle(db, {
        sourceKey: source.key,
        contentHash: source.contentHash,
        sourceModifiedAt: new Date(source.modifiedAt),
        article,
        published,
        mentions,
        extractor,
      });
