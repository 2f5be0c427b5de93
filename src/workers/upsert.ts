import type { ArticleWrite } from '../db/articles.ts';
import type { Source } from '../jobs/payloads.ts';
import type { JobInfo, Prepared } from './context.ts';

type Ready = Extract<Prepared, { ok: true }>;

/** The write that stores a prepared article from its file. */
export function storeWrite(source: Source, contentHash: string, job: JobInfo, prepared: Ready): ArticleWrite {
  const { article, published, timeExpressions, mentions, extractor } = prepared;
  return {
    kind: 'store',
    sourceKey: source.key,
    contentHash,
    sourceModifiedAt: new Date(source.modifiedAt),
    queuedAt: job.queuedAt,
    jobId: job.id,
    article,
    published,
    timeExpressions,
    mentions,
    extractor,
  };
}

/** The write that replaces what a stored article's text yields, from a new run of the stages. */
export function refreshWrite(articleId: number, contentHash: string, prepared: Ready): ArticleWrite {
  const { article, published, timeExpressions, mentions, extractor } = prepared;
  return { kind: 'refresh', articleId, contentHash, dateText: article.dateText, published, timeExpressions, mentions, extractor };
}
