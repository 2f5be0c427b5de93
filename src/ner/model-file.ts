import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LABEL_COUNT as L, LABELS } from './labels.ts';
import type { LexiconData } from './lexicons.ts';
import type { Parameters } from './perceptron.ts';
import type { NerModel } from './tagger.ts';

/** What a model file says about how it was made, for `ner-eval` and the README. */
export interface ModelAbout {
  trainedOn: string[];
  options: Record<string, unknown>;
}

interface Header {
  format: 1;
  about: ModelAbout;
  labels: readonly string[];
  beamWidth: number;
  /** Feature names, newline-separated, in the order of the emission rows. */
  features: string;
  lexicons: LexiconData;
  /** Multiply a stored int16 by its scale to get the weight back. */
  scales: { emission: number; first: number; second: number };
  sizes: { emission: number; first: number; second: number };
}

const MAGIC = 'news-ingest-ner\n';

function quantize(weights: Float32Array): { values: Int16Array; scale: number } {
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest === 0 ? 1 : largest / 32767;
  return { values: Int16Array.from(weights, (weight) => Math.round(weight / scale)), scale };
}

const restore = (values: Int16Array, scale: number) => Float32Array.from(values, (value) => value * scale);

/** Keeps only the features with some non-zero weight once quantized: the rest cannot change a decision. */
function prune(features: ReadonlyMap<string, number>, emission: Int16Array): { names: string[]; emission: Int16Array } {
  const names: string[] = [];
  const kept: number[] = [];
  for (const [name, id] of features) {
    if (emission.subarray(id * L, id * L + L).some((value) => value !== 0)) {
      names.push(name);
      kept.push(id);
    }
  }
  const pruned = new Int16Array(kept.length * L);
  kept.forEach((id, row) => pruned.set(emission.subarray(id * L, id * L + L), row * L));
  return { names, emission: pruned };
}

/**
 * The model as one gzip-compressed file: a JSON header (feature names, word lists, provenance)
 * followed by the weights as int16. The version is a hash of the content, so retraining with the
 * same data and seed gives the same file and the same version.
 */
export function encodeModel(model: Omit<NerModel, 'version'>, about: ModelAbout): { bytes: Buffer; version: string } {
  const emission = quantize(model.parameters.emission);
  const first = quantize(model.parameters.first);
  const second = quantize(model.parameters.second);
  const pruned = prune(model.features, emission.values);
  const header: Header = {
    format: 1,
    about,
    labels: LABELS,
    beamWidth: model.beamWidth,
    features: pruned.names.join('\n'),
    lexicons: model.lexicons,
    scales: { emission: emission.scale, first: first.scale, second: second.scale },
    sizes: { emission: pruned.emission.length, first: first.values.length, second: second.values.length },
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const raw = Buffer.concat([
    Buffer.from(MAGIC),
    length,
    headerBytes,
    ...[pruned.emission, first.values, second.values].map((values) => Buffer.from(values.buffer, values.byteOffset, values.byteLength)),
  ]);
  return { bytes: gzipSync(raw, { level: 9 }), version: versionOf(raw) };
}

const versionOf = (raw: Buffer) => `perceptron-${createHash('sha256').update(raw).digest('hex').slice(0, 12)}`;

export class ModelFileError extends Error {}

/** Reads a model written by `encodeModel`. */
export function decodeModel(bytes: Buffer): NerModel & { about: ModelAbout } {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new ModelFileError('not a gzip-compressed model file');
  }
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw new ModelFileError('not a news-ingest entity model');
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = JSON.parse(raw.subarray(headerStart, headerStart + headerLength).toString()) as Header;
  if (header.format !== 1 || header.labels.join() !== LABELS.join()) {
    throw new ModelFileError('the model was written for another version of the tagger; retrain it with ner-train');
  }
  let offset = headerStart + headerLength;
  const take = (size: number) => {
    // Copied so that the int16 view is aligned whatever the header's length.
    const values = new Int16Array(raw.buffer.slice(raw.byteOffset + offset, raw.byteOffset + offset + size * 2));
    offset += size * 2;
    return values;
  };
  const parameters: Parameters = {
    emission: restore(take(header.sizes.emission), header.scales.emission),
    first: restore(take(header.sizes.first), header.scales.first),
    second: restore(take(header.sizes.second), header.scales.second),
  };
  const features = new Map<string, number>();
  for (const name of header.features.split('\n')) features.set(name, features.size);
  return { version: versionOf(raw), features, parameters, beamWidth: header.beamWidth, lexicons: header.lexicons, about: header.about };
}
