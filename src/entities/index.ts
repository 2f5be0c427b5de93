import type { EntityExtractor } from './entity.ts';
import { ruleBasedExtractor } from './rules.ts';

/** The extractor the workers and the command line use. */
export const defaultExtractor: EntityExtractor = ruleBasedExtractor;
