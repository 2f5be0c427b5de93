import {
  AFTER,
  type Attribute,
  BEFORE,
  DOCUMENT_FLAGS,
  type DocumentContext,
  documentFlagBits,
  FIRST,
  GAZETTEER,
  GAZETTEER_SHAPE,
  isCapitalized,
  lexiconFlagBit,
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
import { type DocumentMemory, MEMORY_FEATURES } from './memory.ts';
import { addScores } from './perceptron.ts';

/** ROLE_OFFSETS in the order of ROLES, for the loop over a token's roles. */
const OFFSETS = Int32Array.from(ROLES, (role) => ROLE_OFFSETS[role]);

/** The attributes neighbour features read, numbered: a word's numbers are kept in this order. */
const ATTRIBUTES: readonly Attribute[] = ['lower', 'short'];
const SHORT = ATTRIBUTES.indexOf('short');

/**
 * How far from a token its features look. A sentence is padded with as many BEFORE and AFTER
 * words on either side, so that every look lands on a word without a bounds check.
 */
const REACH = Math.max(...OFFSETS.map(Math.abs), ...NEIGHBOUR_TEMPLATES.flatMap(({ parts }) => parts.map((part) => Math.abs(part.offset))));

/** What the scorer keeps of a distinct word: everything its features need that depends on the word alone. */
interface Word {
  /** The emission scores the word gives the token it plays each role for: roles[role * L + label]. */
  roles: Float32Array;
  lower: string;
  /** The lower-case form's and short shape's numbers in the joined features' vocabularies, in the order of ATTRIBUTES. */
  numbers: readonly number[];
  /** `lexiconFlagBit` of the word. */
  lexiconBit: number;
}

/** Distinct words a scorer keeps; beyond this it starts again. */
const CACHED_WORDS = 100_000;

/** A neighbour template's family, with its parts as the ATTRIBUTES index and offset of each value. */
interface Neighbour {
  family: JoinedFeatures;
  attributes: Int32Array;
  offsets: Int32Array;
}

/**
 * Sums the emission weights of every token's features, as `sentenceFeatures` names them, without
 * building the names: each distinct word's features are summed once per role, the features
 * joining several tokens are found by the numbers of their values, and the ids of the few
 * features named by flags are looked up once.
 */
export class EmissionScorer {
  private readonly features: ReadonlyMap<string, number>;
  private readonly emission: Float32Array;
  private readonly lexicons: Lexicons;
  private readonly vocabularies: Record<Attribute | 'match', Vocabulary> = { lower: new Vocabulary(), short: new Vocabulary(), match: new Vocabulary() };
  private readonly neighbours: Neighbour[];
  private readonly first: JoinedFeatures;
  private readonly gazetteer: JoinedFeatures;
  private readonly gazetteerShape: JoinedFeatures;
  /** Ids of DOCUMENT_FLAGS' features (-1 where the model has none): flagIds[2 * bit] inside a sentence, + 1 at its start. */
  private readonly flagIds: Int32Array;
  /** Ids of MEMORY_FEATURES (-1 where the model has none). */
  private readonly memoryIds: Int32Array;
  private readonly words = new Map<string, Word>();
  private readonly before: Word;
  private readonly after: Word;
  /** The words of the sentence being scored, REACH of BEFORE and AFTER around them: token i at REACH + i. */
  private padded: Word[] = [];
  /** The weights of the token being scored, summed label by label. */
  private readonly sum = new Float64Array(L);
  /** Room for the values a joined feature is looked up by. */
  private readonly numbers = new Int32Array(3);

  constructor(features: ReadonlyMap<string, number>, emission: Float32Array, lexicons: Lexicons) {
    this.features = features;
    this.emission = emission;
    this.lexicons = lexicons;
    const { short, match } = this.vocabularies;
    this.neighbours = NEIGHBOUR_TEMPLATES.map(({ prefix, parts }) => ({
      family: new JoinedFeatures(prefix, parts.map((part) => this.vocabularies[part.attribute])),
      attributes: Int32Array.from(parts, (part) => ATTRIBUTES.indexOf(part.attribute)),
      offsets: Int32Array.from(parts, (part) => part.offset),
    }));
    this.first = new JoinedFeatures(FIRST, [short]);
    this.gazetteer = new JoinedFeatures(GAZETTEER, [match]);
    this.gazetteerShape = new JoinedFeatures(GAZETTEER_SHAPE, [match, short]);
    JoinedFeatures.compile(features, [...this.neighbours.map((neighbour) => neighbour.family), this.first, this.gazetteer, this.gazetteerShape]);
    const idOf = (name: string) => features.get(name) ?? -1;
    this.flagIds = Int32Array.from(DOCUMENT_FLAGS.flat(), idOf);
    this.memoryIds = Int32Array.from(MEMORY_FEATURES, idOf);
    // Beyond the sentence, neighbour features read BEFORE and AFTER for both the word and its shape.
    const outside = (mark: string): Word => ({ ...this.lookUp(mark), numbers: ATTRIBUTES.map((attribute) => this.vocabularies[attribute].numberOf(mark)) });
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
    const numbers = [this.vocabularies.lower.numberOf(lower), this.vocabularies.short.numberOf(shortShapeOf(shapeOf(word)))];
    // Only capitalized words have document flags.
    const lexiconBit = isCapitalized(word) ? lexiconFlagBit(lower, this.lexicons) : 0;
    return { roles, lower, numbers, lexiconBit };
  }

  private wordOf(word: string): Word {
    let entry = this.words.get(word);
    if (!entry) {
      if (this.words.size >= CACHED_WORDS) this.words.clear();
      this.words.set(word, (entry = this.lookUp(word)));
    }
    return entry;
  }

  /** Fills `padded` for a sentence. */
  private pad(words: readonly string[]): Word[] {
    const n = words.length;
    const padded = this.padded;
    for (let j = 0; j < REACH; j++) {
      padded[j] = this.before;
      padded[REACH + n + j] = this.after;
    }
    for (let i = 0; i < n; i++) padded[REACH + i] = this.wordOf(words[i]!);
    return padded;
  }

  /** scores[i * L + label] for the tokens of one sentence. */
  scores(words: readonly string[], gazetteer: readonly (readonly string[])[], document: DocumentContext, memory: DocumentMemory): Float32Array {
    const n = words.length;
    const padded = this.pad(words);
    const numbers = this.numbers;
    const scores = new Float32Array(n * L);
    for (let i = 0; i < n; i++) {
      const at = REACH + i;
      for (let r = 0; r < OFFSETS.length; r++) this.add(padded[at + OFFSETS[r]!]!.roles, r * L);
      for (const { family, attributes, offsets } of this.neighbours) {
        for (let p = 0; p < attributes.length; p++) numbers[p] = padded[at + offsets[p]!]!.numbers[attributes[p]!]!;
        this.addFeature(family.idOf(numbers));
      }
      const word = padded[at]!;
      const short = word.numbers[SHORT]!;
      if (i === 0) {
        numbers[0] = short;
        this.addFeature(this.first.idOf(numbers));
      }
      const flags = documentFlagBits(words[i]!, word.lower, word.lexiconBit, document);
      for (let bit = 0; flags >> bit !== 0; bit++) if (flags & (1 << bit)) this.addFeature(this.flagIds[2 * bit + (i === 0 ? 1 : 0)]!);
      const matches = gazetteer[i]!;
      for (let m = 0; m < matches.length; m++) {
        numbers[0] = this.vocabularies.match.numberOf(matches[m]!);
        numbers[1] = short;
        this.addFeature(this.gazetteer.idOf(numbers));
        this.addFeature(this.gazetteerShape.idOf(numbers));
      }
      const remembered = memory.featureIndex(words[i]!);
      if (remembered >= 0) this.addFeature(this.memoryIds[remembered]!);
      this.sumInto(scores, i);
    }
    return scores;
  }

  /** Adds feature `id`'s weights to the token's, if the model has the feature. */
  private addFeature(id: number): void {
    if (id >= 0) this.add(this.emission, id * L);
  }

  /** Adds the L weights at `start` of `source` to the token's, in double precision. */
  private add(source: Float32Array, start: number): void {
    const sum = this.sum;
    for (let label = 0; label < L; label++) sum[label]! += source[start + label]!;
  }

  /** Writes the token's sum into row `token` of `scores` and starts the next token's. */
  private sumInto(scores: Float32Array, token: number): void {
    const row = token * L;
    for (let label = 0; label < L; label++) {
      scores[row + label] = this.sum[label]!;
      this.sum[label] = 0;
    }
  }
}
