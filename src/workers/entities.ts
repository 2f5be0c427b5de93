import type { EntityExtractor } from '../entities/entity.ts';
import type { Extraction } from './context.ts';

/** The article's entity mentions, and which extractor (with its model version) found them. */
export function extractEntities(text: string, extractor: EntityExtractor): Extraction {
  return { mentions: extractor.extract(text), extractor: extractor.version };
}
