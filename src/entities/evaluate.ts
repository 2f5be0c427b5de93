import { z } from 'zod';
import { type Evaluation, Tally } from '../ner/evaluate.ts';
import { type Mention, normalizeName } from './entity.ts';

/** Hand-annotated entities of whole articles: each entity once per article, by type and fullest name. */
export const documentGoldSchema = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      entities: z.array(z.object({ type: z.string(), name: z.string() })),
      /** Entities whose boundary or type is debatable: neither required nor counted as wrong. */
      optional: z.array(z.object({ type: z.string(), name: z.string() })).default([]),
    }),
  ),
});
export type DocumentGold = z.infer<typeof documentGoldSchema>['documents'][number];

const keyOf = (entity: { type: string; name: string }) => `${entity.type}\u0000${normalizeName(entity.name)}`;

/**
 * Document-level precision and recall: an article's entity counts once, by type and name,
 * however often it is mentioned.
 */
export function evaluateDocuments(documents: readonly { gold: DocumentGold; mentions: readonly Mention[] }[]): Evaluation {
  const tally = new Tally();
  for (const { gold, mentions } of documents) {
    const wanted = new Set(gold.entities.map(keyOf));
    const optional = new Set(gold.optional.map(keyOf));
    for (const entity of gold.entities) tally.of(entity.type).gold += 1;
    const found = new Map(mentions.map((mention) => [keyOf(mention), mention.type]));
    for (const [key, type] of found) {
      if (optional.has(key) && !wanted.has(key)) continue;
      tally.of(type).predicted += 1;
      if (wanted.has(key)) tally.of(type).correct += 1;
    }
  }
  return tally.scores();
}
