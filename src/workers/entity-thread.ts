import { workerData } from 'node:worker_threads';
import { defaultExtractorFor } from '../entities/index.ts';
import type { Extraction } from './context.ts';

/** The model file this thread tags with, handed over by the runner that started the thread. */
const { modelFile } = workerData as { modelFile: string };

/** Entry point of the worker threads that run entity extraction; the model loads once per thread. */
export default function extract(text: string): Extraction {
  const extractor = defaultExtractorFor(modelFile);
  return { mentions: extractor.extract(text), extractor: extractor.version };
}
