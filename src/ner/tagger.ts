import { EmissionScorer } from './emission-scorer.ts';
import { documentContext, type Lexicons } from './features.ts';
import type { KnownNames } from './known-names.ts';
import { type LexiconData, lexiconsFrom } from './lexicons.ts';
import { DocumentMemory } from './memory.ts';
import { beamDecode, type Parameters, transitionCeilings } from './perceptron.ts';

/** A trained tagger: its feature names, weights and the word lists its features consult. */
export interface NerModel {
  /** Identifies the weights: stored with every article tagged by them. */
  version: string;
  features: ReadonlyMap<string, number>;
  parameters: Parameters;
  beamWidth: number;
  lexicons: LexiconData;
}

/** Tags documents with a model. The word lists' matchers and the emission scorer are built once. */
export class Tagger {
  readonly model: NerModel;
  private readonly lexicons: Lexicons;
  private readonly scorer: EmissionScorer;
  /** The model's parameters with their transition ceilings, for decoding. */
  private readonly parameters: Parameters;

  constructor(model: NerModel) {
    this.model = model;
    this.lexicons = lexiconsFrom(model.lexicons);
    this.scorer = new EmissionScorer(model.features, model.parameters.emission, this.lexicons);
    this.parameters = { ...model.parameters, ceilings: transitionCeilings(model.parameters) };
  }

  /**
   * BILOU label indices for the sentences of one document, tagged in order, each informed by those
   * before and by the names the archive already holds, if given.
   */
  tagDocument(sentences: readonly (readonly string[])[], known?: KnownNames): number[][] {
    const { parameters } = this;
    const { beamWidth } = this.model;
    const memory = new DocumentMemory();
    const gazetteers = sentences.map((words) => (known ? known.addMatches(words, this.lexicons.gazetteer(words)) : this.lexicons.gazetteer(words)));
    const document = documentContext(sentences, gazetteers);
    return sentences.map((words, s) => {
      const scores = this.scorer.scores(words, gazetteers[s]!, document, memory);
      const { labels } = beamDecode(parameters, scores, words.length, beamWidth);
      memory.remember(words, labels);
      return labels;
    });
  }
}
