import type { Mention } from '../entities/entity.ts';
import { defaultExtractor } from '../entities/index.ts';

/** Entry point of the worker threads that run entity extraction. */
export default function extract(text: string): Mention[] {
  return defaultExtractor.extract(text);
}
