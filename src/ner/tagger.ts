import { documentContext, type Lexicons, sentenceFeatures } from './features.ts';
import { type LexiconData, lexiconsFrom } from './lexicons.ts';
import { DocumentMemory } from './memory.ts';
import { beamDecode, emissionScores, type Parameters } from './perceptron.ts';

/** A trained tagger: its feature names, weights and the word lists its features consult. */
export interface NerModel {
  /** Identifies the weights: stored with every article tagged by them. */
  version: string;
  features: ReadonlyMap<string, number>;
  parameters: Parameters;
  beamWidth: number;
  lexicons: LexiconData;
}

/** Feature ids of a sentence's tokens; features the model never learnt are left out. */
export function featureIds(features: ReadonlyMap<string, number>, names: readonly string[][]): Int32Array[] {
  return names.map((list) => {
    const ids: number[] = [];
    for (const name of list) {
      const id = features.get(name);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  });
}

export function withMemory(staticNames: string[][], memory: DocumentMemory, words: readonly string[]): string[][] {
  const remembered = memory.features(words);
  return staticNames.map((names, i) => (remembered[i]!.length > 0 ? [...names, ...remembered[i]!] : names));
}

/** Tags documents with a model; the word-list matchers are built once. */
export class Tagger {
  readonly model: NerModel;
  private readonly lexicons: Lexicons;

  constructor(model: NerModel) {
    this.model = model;
    this.lexicons = lexiconsFrom(model.lexicons);
  }

  /** BILOU label indices for the sentences of one document, tagged in order, each informed by those before. */
  tagDocument(sentences: readonly (readonly string[])[]): number[][] {
    const { features, parameters, beamWidth } = this.model;
    const memory = new DocumentMemory();
    const context = documentContext(sentences, this.lexicons);
    return sentences.map((words) => {
      const names = withMemory(sentenceFeatures(words, this.lexicons, context), memory, words);
      const { labels } = beamDecode(parameters, emissionScores(parameters, featureIds(features, names)), words.length, beamWidth);
      memory.remember(words, labels);
      return labels;
    });
  }
}
