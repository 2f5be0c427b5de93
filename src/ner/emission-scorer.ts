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
  type NeighbourTemplate,
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

/** ROLE_OFFSETS in the order of ROLES, for the loop over a token's roles. */
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
  private readonly neighbours: { family: JoinedFeatures; parts: NeighbourTemplate['parts'] }[];
  private readonly first: JoinedFeatures;
  private readonly gazetteer: JoinedFeatures;
  private readonly gazetteerShape: JoinedFeatures;
  private readonly words = new Map<string, Word>();
  private readonly before: Word;
  private readonly after: Word;
  private readonly rows = new RowSum();
  /** Room for the values a joined feature is looked up by. */
  private readonly numbers = new Int32Array(3);

  constructor(features: ReadonlyMap<string, number>, emission: Float32Array, lexicons: Lexicons) {
    this.features = features;
    this.emission = emission;
    this.lexicons = lexicons;
    const { lower, short, match } = this.vocabularies;
    this.neighbours = NEIGHBOUR_TEMPLATES.map(({ prefix, parts }) => ({
      family: new JoinedFeatures(prefix, parts.map((part) => this.vocabularies[part.attribute])),
      parts,
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
      const rows = this.rows;
      for (let r = 0; r < ROLES.length; r++) rows.add(at(i + OFFSETS[r]!).roles, r * L);
      for (const { family, parts } of this.neighbours) {
        for (let p = 0; p < parts.length; p++) this.numbers[p] = at(i + parts[p]!.offset).numbers[parts[p]!.attribute];
        this.add(family.idOf(this.numbers));
      }
      const word = around[i + 1]!;
      if (i === 0) {
        this.numbers[0] = word.numbers.short;
        this.add(this.first.idOf(this.numbers));
      }
      for (const flag of documentFlags(words[i]!, word.lower, i, this.lexicons, document)) this.add(this.features.get(flag));
      for (const match of gazetteer[i]!) {
        this.numbers[0] = this.vocabularies.match.numberOf(match);
        this.numbers[1] = word.numbers.short;
        this.add(this.gazetteer.idOf(this.numbers));
        this.add(this.gazetteerShape.idOf(this.numbers));
      }
      const remembered = memory.feature(words[i]!);
      if (remembered !== undefined) this.add(this.features.get(remembered));
      rows.sumInto(scores, i);
    }
    return scores;
  }

  /** Adds feature `id`'s weights to the token's, if the model has the feature. */
  private add(id: number | undefined): void {
    if (id !== undefined && id >= 0) this.rows.add(this.emission, id * L);
  }
}

/**
 * The rows of weights that make up one token's scores, summed label by label once all are known:
 * one store per label rather than one per row.
 */
class RowSum {
  private readonly sources: Float32Array[] = [];
  private readonly starts: number[] = [];
  private count = 0;

  add(source: Float32Array, start: number): void {
    this.sources[this.count] = source;
    this.starts[this.count] = start;
    this.count += 1;
  }

  /** Writes the sum into row `token` of `scores` and starts again. */
  sumInto(scores: Float32Array, token: number): void {
    const row = token * L;
    for (let label = 0; label < L; label++) {
      let sum = 0;
      for (let s = 0; s < this.count; s++) sum += this.sources[s]![this.starts[s]! + label]!;
      scores[row + label] = sum;
    }
    this.count = 0;
  }
}
