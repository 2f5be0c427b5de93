import type { EntityExtractor } from '../entities/entity.ts';
import type { KnownNames } from '../ner/known-names.ts';
import type { Extraction } from './context.ts';

/** The article's entity mentions, and which extractor (with its model version) found them. */
export function extractEntities(text: string, extractor: EntityExtractor, known?: KnownNames): Extraction {
  return { mentions: extractor.extract(text, known), extractor: extractor.version };
}
