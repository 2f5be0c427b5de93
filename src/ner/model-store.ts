import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { decodeModel, encodeModel, type ModelAbout, ModelFileError } from './model-file.ts';
import type { NerModel } from './tagger.ts';

/** Reads a model file; a missing or broken file names the path and what to do. */
export function readModelFile(path: string): ReturnType<typeof decodeModel> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ModelFileError(`cannot read the entity model ${path} (${(error as NodeJS.ErrnoException).code}); train one with ner-train or set NER_MODEL`);
  }
  try {
    return decodeModel(bytes);
  } catch (error) {
    throw new ModelFileError(`${path}: ${(error as Error).message}`);
  }
}

/** Writes the model next to its destination first, so that a reader never sees half a file. */
export async function writeModelFile(path: string, model: Omit<NerModel, 'version'>, about: ModelAbout): Promise<{ version: string; bytes: number }> {
  const { bytes, version } = encodeModel(model, about);
  await writeFile(`${path}.partial`, bytes);
  await rename(`${path}.partial`, path);
  return { version, bytes: bytes.length };
}
