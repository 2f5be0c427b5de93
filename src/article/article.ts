import { z } from 'zod';

/** A stretch of the article text: a paragraph or a short subheading between paragraphs. */
export const blockSchema = z.object({
  kind: z.enum(['paragraph', 'subheading']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Block = z.infer<typeof blockSchema>;

/** How an article file was written: UTF-8, or Windows-1252 (Latin-1 and its kin) converted on reading. */
export const sourceEncodingSchema = z.enum(['utf-8', 'windows-1252']);
export type SourceEncoding = z.infer<typeof sourceEncodingSchema>;

/** An article as read from its file, before any normalization. Offsets point into `text`. */
export const articleSchema = z.object({
  format: z.enum(['text', 'json']),
  encoding: sourceEncodingSchema,
  /** The publication date exactly as the file gives it. */
  dateText: z.string(),
  /** Where the date stands in the file, for error messages: `line 1 (date header)`, `field "date"`. */
  dateWhere: z.string(),
  title: z.string().nullable(),
  text: z.string().min(1),
  blocks: z.array(blockSchema),
  source: z.string().nullable(),
  url: z.string().nullable(),
});
export type Article = z.infer<typeof articleSchema>;

/** The JSON form of an article file. Unknown fields are refused so that typos surface. */
export const jsonArticleSchema = z.strictObject({
  date: z.string().trim().min(1),
  title: z.string().trim().min(1).optional(),
  text: z.string().refine((text) => text.trim() !== '', 'must not be empty'),
  source: z.string().trim().min(1).optional(),
  url: z.url().optional(),
});

/** Why a file is not an article, with where in the file the problem is. */
export class ArticleError extends Error {
  override name = 'ArticleError';
}
