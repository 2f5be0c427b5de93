import { loadConfig } from '../../src/config.ts';
import { defaultExtractorFor } from '../../src/entities/index.ts';

/** The extractor the workers use, with the model file the project ships. */
export const shippedExtractor = defaultExtractorFor(loadConfig({}).nerModel);
