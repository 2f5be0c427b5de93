import { z } from 'zod';
import type { KnownNames } from '../ner/known-names.ts';

export const entityTypeSchema = z.enum(['PER', 'LOC', 'ORG', 'MISC']);
export type EntityType = z.infer<typeof entityTypeSchema>;

/** One occurrence of an entity in an article; offsets are UTF-16 indices into the article text. */
export const mentionSchema = z.object({
  type: entityTypeSchema,
  /** The text as written at this place. */
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** The entity's fullest name in the article ("Blinken" → "Antony Blinken"). */
  name: z.string().min(1),
  /** For a nationality word ("Russische"): the country it refers to. */
  country: z.object({ code: z.string(), name: z.string() }).optional(),
});
export type Mention = z.infer<typeof mentionSchema>;

/** Turns article text into entity mentions. Implementations are pure and synchronous. */
export interface EntityExtractor {
  /** Identifies the extractor and its model; stored with every article it processed. */
  readonly version: string;
  /** `known`: names the archive already holds, evidence for their short forms in this text. */
  extract(text: string, known?: KnownNames): Mention[];
}

/** Soft hyphens and zero-width characters do not show, so they must not tell two names apart. */
export const withoutInvisibles = (text: string) => text.replace(/[\u00AD\p{Cf}]/gu, '');

/** Names worked out recently: a name recurs in every mention of it, article after article. */
const normalized = new Map<string, string>();
const REMEMBERED = 10_000;

/** The key under which an entity is unique within its type: case and accents do not matter. */
export function normalizeName(name: string): string {
  let key = normalized.get(name);
  if (key === undefined) {
    if (normalized.size >= REMEMBERED) normalized.clear();
    key = withoutInvisibles(name).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
    normalized.set(name, key);
  }
  return key;
}
