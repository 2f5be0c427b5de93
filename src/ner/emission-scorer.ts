import {
  AFTER,
  type Attribute,
  BEFORE,
  type DocumentContext,
  documentFlags,
  FIRST,
  GAZETTEER,
  GAZETTEER_SHAPE,
  type Lexicons,
  NEIGHBOUR_TEMPLATES,
  ROLE_OFFSETS,
  ROLES,
  roleFeatures,
  shapeOf,
  shortShapeOf,
} from './features.ts';
import { JoinedFeatures, Vocabulary } from './joined-features.ts';
import { LABEL_COUNT as L } from './labels.ts';
import type { DocumentMemory } from './memory.ts';
import { addScores } from './perceptron.ts';

const OFFSETS = Int32Array.from(ROLES, (role) => ROLE_OFFSETS[role]);

/** What the scorer keeps of a distinct word: everything its features need that depends on the word alone. */
interface Word {
  /** The emission scores the word gives the token it plays each role for: roles[role * L + label]. */
  roles: Float32Array;
  lower: string;
  /** The lower-case form's and short shape's numbers in the joined features' vocabularies. */
  numbers: Record<Attribute, number>;
}

/** Distinct words a scorer keeps; beyond this it starts again. */
const CACHED_WORDS = 100_000;

/**
 * Sums the emission weights of every token's features, as `sentenceFeatures` names them, without
 * building the names: each distinct word's features are summed once per role, and the features
 * joining several tokens are found by the numbers of their values.
 */
export class EmissionScorer {
  private readonly features: ReadonlyMap<string, number>;
  private readonly emission: Float32Array;
  private readonly lexicons: Lexicons;
  private readonly vocabularies: Record<Attribute | 'match', Vocabulary> = { lower: new Vocabulary(), short: new Vocabulary(), match: new Vocabulary() };
  private readonly neighbours: { family: JoinedFeatures; parts: { attribute: Attribute; offset: number }[] }[];
  private readonly first: JoinedFeatures;
  private readonly gazetteer: JoinedFeatures;
  private readonly gazetteerShape: JoinedFeatures;
  private readonly words = new Map<string, Word>();
  private readonly before: Word;
  private readonly after: Word;
  /** Room for the values a joined feature is looked up by. */
  private readonly numbers = new Int32Array(3);

  constructor(features: ReadonlyMap<string, number>, emission: Float32Array, lexicons: Lexicons) {
    this.features = features;
    this.emission = emission;
    this.lexicons = lexicons;
    const { lower, short, match } = this.vocabularies;
    this.neighbours = NEIGHBOUR_TEMPLATES.map(({ prefix, parts }) => ({
      family: new JoinedFeatures(prefix, parts.map((part) => this.vocabularies[part.attribute])),
      parts: [...parts],
    }));
    this.first = new JoinedFeatures(FIRST, [short]);
    this.gazetteer = new JoinedFeatures(GAZETTEER, [match]);
    this.gazetteerShape = new JoinedFeatures(GAZETTEER_SHAPE, [match, short]);
    JoinedFeatures.compile(features, [...this.neighbours.map((neighbour) => neighbour.family), this.first, this.gazetteer, this.gazetteerShape]);
    // Beyond the sentence, neighbour features read BEFORE and AFTER for both the word and its shape.
    const outside = (mark: string): Word => ({ ...this.lookUp(mark), numbers: { lower: lower.numberOf(mark), short: short.numberOf(mark) } });
    this.before = outside(BEFORE);
    this.after = outside(AFTER);
  }

  private lookUp(word: string): Word {
    const names = roleFeatures(word);
    const roles = new Float32Array(ROLES.length * L);
    ROLES.forEach((role, r) => {
      for (const name of names[role]) {
        const id = this.features.get(name);
        if (id !== undefined) addScores(roles, r, this.emission, id * L);
      }
    });
    const lower = word.toLowerCase();
    const numbers = { lower: this.vocabularies.lower.numberOf(lower), short: this.vocabularies.short.numberOf(shortShapeOf(shapeOf(word))) };
    return { roles, lower, numbers };
  }

  private wordOf(word: string): Word {
    let entry = this.words.get(word);
    if (!entry) {
      if (this.words.size >= CACHED_WORDS) this.words.clear();
      this.words.set(word, (entry = this.lookUp(word)));
    }
    return entry;
  }

  /** scores[i * L + label] for the tokens of one sentence. */
  scores(words: readonly string[], gazetteer: readonly string[][], document: DocumentContext, memory: DocumentMemory): Float32Array {
    const n = words.length;
    // The sentence's words with BEFORE at 0 and AFTER at n + 1, so token i is at i + 1.
    const around = [this.before, ...words.map((word) => this.wordOf(word)), this.after];
    const at = (j: number) => around[Math.min(Math.max(j, -1), n) + 1]!;
    const scores = new Float32Array(n * L);
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < ROLES.length; r++) addScores(scores, i, at(i + OFFSETS[r]!).roles, r * L);
      for (const { family, parts } of this.neighbours) {
        parts.forEach((part, p) => (this.numbers[p] = at(i + part.offset).numbers[part.attribute]));
        this.add(scores, i, family.idOf(this.numbers));
      }
      const word = around[i + 1]!;
      if (i === 0) {
        this.numbers[0] = word.numbers.short;
        this.add(scores, i, this.first.idOf(this.numbers));
      }
      for (const flag of documentFlags(words[i]!, word.lower, i, this.lexicons, document)) this.add(scores, i, this.features.get(flag));
      for (const match of gazetteer[i]!) {
        this.numbers[0] = this.vocabularies.match.numberOf(match);
        this.numbers[1] = word.numbers.short;
        this.add(scores, i, this.gazetteer.idOf(this.numbers));
        this.add(scores, i, this.gazetteerShape.idOf(this.numbers));
      }
      const remembered = memory.feature(words[i]!);
      if (remembered !== undefined) this.add(scores, i, this.features.get(remembered));
    }
    return scores;
  }

  private add(scores: Float32Array, token: number, id: number | undefined): void {
    if (id !== undefined && id >= 0) addScores(scores, token, this.emission, id * L);
  }
}
