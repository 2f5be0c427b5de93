import { readModelFile } from '../ner/model-store.ts';
import { Tagger } from '../ner/tagger.ts';
import type { EntityExtractor } from './entity.ts';
import { taggerExtractor } from './tagger-extractor.ts';

const loaded = new Map<string, EntityExtractor>();

/** The extractor the workers and the command line use, its model read once per process (or thread). */
export function defaultExtractorFor(modelFile: string): EntityExtractor {
  let extractor = loaded.get(modelFile);
  if (!extractor) loaded.set(modelFile, (extractor = taggerExtractor(new Tagger(readModelFile(modelFile)))));
  return extractor;
}
