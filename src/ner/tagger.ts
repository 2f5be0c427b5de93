import { AFTER, BEFORE, contextFeatures, documentContext, type Lexicons, ROLES, type Role, roleFeatures, roleTokens } from './features.ts';
import { LABEL_COUNT as L } from './labels.ts';
import { type LexiconData, lexiconsFrom } from './lexicons.ts';
import { DocumentMemory } from './memory.ts';
import { addEmissions, beamDecode, type Parameters } from './perceptron.ts';

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
    const ids = new Int32Array(list.length);
    let known = 0;
    for (const name of list) {
      const id = features.get(name);
      if (id !== undefined) ids[known++] = id;
    }
    return ids.subarray(0, known);
  });
}

type RoleIds = Record<Role, Int32Array>;

/** Distinct words whose feature ids a tagger keeps; beyond this the cache starts again. */
const CACHED_WORDS = 200_000;

/**
 * Tags documents with a model. The word lists' matchers are built once, and each distinct word's
 * feature ids are looked up once: most features depend on one word only.
 */
export class Tagger {
  readonly model: NerModel;
  private readonly lexicons: Lexicons;
  private readonly wordIds = new Map<string, RoleIds>();
  private readonly before: RoleIds;
  private readonly after: RoleIds;

  constructor(model: NerModel) {
    this.model = model;
    this.lexicons = lexiconsFrom(model.lexicons);
    this.before = this.lookUp(BEFORE);
    this.after = this.lookUp(AFTER);
  }

  private lookUp(word: string): RoleIds {
    const names = roleFeatures(word);
    return Object.fromEntries(ROLES.map((role) => [role, featureIds(this.model.features, [names[role]])[0]!])) as RoleIds;
  }

  private idsOf(word: string): RoleIds {
    let ids = this.wordIds.get(word);
    if (!ids) {
      if (this.wordIds.size >= CACHED_WORDS) this.wordIds.clear();
      this.wordIds.set(word, (ids = this.lookUp(word)));
    }
    return ids;
  }

  /** BILOU label indices for the sentences of one document, tagged in order, each informed by those before. */
  tagDocument(sentences: readonly (readonly string[])[]): number[][] {
    const { features, parameters, beamWidth } = this.model;
    const memory = new DocumentMemory();
    const gazetteers = sentences.map((words) => this.lexicons.gazetteer(words));
    const document = documentContext(sentences, gazetteers);
    return sentences.map((words, s) => {
      const context = featureIds(features, contextFeatures(words, gazetteers[s]!, this.lexicons, document));
      const remembered = featureIds(features, memory.features(words));
      const byToken = words.map((word) => this.idsOf(word));
      const scores = new Float32Array(words.length * L);
      words.forEach((_, i) => {
        const tokens = roleTokens(words.length, i);
        for (const role of ROLES) {
          const j = tokens[role];
          addEmissions(scores, i, parameters.emission, (j < 0 ? this.before : j >= words.length ? this.after : byToken[j]!)[role]);
        }
        addEmissions(scores, i, parameters.emission, context[i]!);
        addEmissions(scores, i, parameters.emission, remembered[i]!);
      });
      const { labels } = beamDecode(parameters, scores, words.length, beamWidth);
      memory.remember(words, labels);
      return labels;
    });
  }
}
