import { spansOf } from './conll.ts';
import { isCapitalized } from './features.ts';
import { lexiconsFrom } from './lexicons.ts';

/** A name the archive holds: its words as the tagger's tokens, its type, and how often it was mentioned. */
export interface KnownName {
  words: readonly string[];
  type: string;
  mentions: number;
}

/** Which stored names count as known: those mentioned at least `minMentions` times, at most the `limit` most mentioned. */
export interface KnownNamesOptions {
  minMentions: number;
  limit: number;
}

export const KNOWN_NAMES_DEFAULTS: KnownNamesOptions = { minMentions: 2, limit: 20_000 };

/** Match categories: `K-PER` for a stored name as written, `K-PER-last` for a person's surname, and so on. */
const FULL = 'K';
const SURNAME = 'last';
const ACRONYM = 'acronym';
const FIRST_WORD = 'first';

/** Lower-case words that belong to a surname (`De Sutter`, `van der Berg`, `in 't Veld`). */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'des', 'di', 'da', 'del', 'della', 'dos', 'das', 'vande', 'vanden', 'vander']);

const capitalizedFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const isParticle = (word: string) => PARTICLES.has(word.toLowerCase());

/**
 * A person's surname with the particles before it, as stored and, when it starts with a particle
 * written in lower case, with that particle capitalized: Dutch writes `Van der Berg` without a first
 * name. A name of particles and a surname (`Van Rompuy`) is a surname already.
 */
function surnames(words: readonly string[]): string[][] {
  let start = words.length - 1;
  while (start > 0 && isParticle(words[start - 1]!)) start -= 1;
  const surname = words.slice(start);
  if (start === 0) return [];
  const first = surname[0]!;
  return isCapitalized(first) ? [surname] : [surname, [capitalizedFirst(first), ...surname.slice(1)]];
}

/**
 * The initials of an organisation's or place's name (`Verenigde Naties` → `VN`), with the hyphen
 * parts counted (`Christen-Democratisch Appèl` → `CDA`), and also with its lower-case words'
 * (`Partij van de Arbeid` → `PA`, `PvdA`); only for names of two capitalized parts or more.
 */
function acronyms(words: readonly string[]): string[] {
  const parts = words.flatMap((word) => word.split('-')).filter((part) => /^\p{L}/u.test(part));
  const capitals = parts.filter(isCapitalized);
  if (capitals.length < 2) return [];
  const upper = capitals.map((part) => part.charAt(0)).join('');
  const mixed = parts.map((part) => (isCapitalized(part) ? part.charAt(0) : part.charAt(0).toLowerCase())).join('');
  return mixed === upper ? [upper] : [upper, mixed];
}

/** Every form by which a stored name may be written again, by match category (without `-B`/`-U`...). */
function formsOf(name: KnownName): [category: string, words: readonly string[]][] {
  const prefix = `${FULL}-${name.type}`;
  const forms: [string, readonly string[]][] = [[prefix, name.words]];
  if (name.words.length < 2) return forms;
  if (name.type === 'PER') for (const surname of surnames(name.words)) forms.push([`${prefix}-${SURNAME}`, surname]);
  if (name.type === 'ORG' || name.type === 'LOC') for (const acronym of acronyms(name.words)) forms.push([`${prefix}-${ACRONYM}`, [acronym]]);
  if (name.type === 'ORG' && isCapitalized(name.words[0]!) && !isParticle(name.words[0]!)) forms.push([`${prefix}-${FIRST_WORD}`, [name.words[0]!]]);
  return forms;
}

/** The names that count as known under `options`: often enough mentioned, the most mentioned first, at most `limit`. */
export function selectKnownNames(names: readonly KnownName[], options: KnownNamesOptions): KnownName[] {
  return names
    .filter((name) => name.mentions >= options.minMentions && name.words.length > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, options.limit);
}

/**
 * Of names written alike, those of the type they were mentioned as most (all on a tie): `Brugge`
 * stored as a place a hundred times and as a club a few is known as a place. The few are often
 * the tagger's own mistakes, which an archive of its output keeps.
 */
function usualTypes(names: readonly KnownName[]): KnownName[] {
  const most = new Map<string, number>();
  for (const name of names) {
    const key = name.words.join(' ');
    most.set(key, Math.max(most.get(key) ?? 0, name.mentions));
  }
  return names.filter((name) => name.mentions === most.get(name.words.join(' ')));
}

/**
 * The archive as the tagger's memory: names stored before, matched in a sentence like a gazetteer's
 * (their matches become `g=K-PER-last-U` and the like), so that a later article's `Blinken` is
 * known to be the person stored as `Antony Blinken`.
 */
export class KnownNames {
  /** How many stored names it was made from. */
  readonly size: number;
  private readonly matcher: (words: readonly string[]) => (readonly string[])[];

  /** Without `options`, every name given is known: they were selected where they were read (the database). */
  constructor(names: readonly KnownName[], options?: KnownNamesOptions) {
    const selected = usualTypes(options ? selectKnownNames(names, options) : names);
    this.size = selected.length;
    const gazetteers: Record<string, string[]> = {};
    for (const name of selected) for (const [category, words] of formsOf(name)) (gazetteers[category] ??= []).push(words.join(' '));
    this.matcher = lexiconsFrom({ usuallyLowercase: [], gazetteers }).gazetteer;
  }

  /** The sentence's gazetteer matches with the known names' added (a new list only where a token has some). */
  addMatches(words: readonly string[], gazetteer: (readonly string[])[]): (readonly string[])[] {
    const known = this.matcher(words);
    for (let i = 0; i < known.length; i++) {
      const matches = known[i]!;
      if (matches.length === 0) continue;
      const listed = gazetteer[i]!;
      gazetteer[i] = listed.length === 0 ? matches : [...listed, ...matches];
    }
    return gazetteer;
  }
}

/** How a random fraction of the names is left out: `next` gives numbers in [0, 1). */
export interface Forgetting {
  rate: number;
  next(): number;
}

/**
 * Names tagged in documents, counted by type and words: the archive the pipeline builds, made from
 * CoNLL documents (their gold tags to train, the tagger's own to evaluate).
 */
export class NameArchive {
  private readonly names = new Map<string, KnownName>();

  /** Counts the names of a document's sentences, tagged in IOB2. */
  add(sentences: readonly (readonly string[])[], tags: readonly (readonly string[])[]): this {
    sentences.forEach((words, s) => {
      for (const span of spansOf(tags[s]!)) {
        const nameWords = words.slice(span.start, span.end);
        const key = `${span.type} ${nameWords.join(' ')}`;
        const name = this.names.get(key);
        if (name) name.mentions += 1;
        else this.names.set(key, { words: nameWords, type: span.type, mentions: 1 });
      }
    });
    return this;
  }

  /**
   * The archive's known names, less the mentions `except` holds (a document's own, so that only
   * other documents make a name known) and less a `forgetting` fraction of the names.
   */
  known(options: KnownNamesOptions, except?: NameArchive, forgetting?: Forgetting): KnownNames {
    const names: KnownName[] = [];
    for (const [key, name] of this.names) {
      const mentions = name.mentions - (except?.names.get(key)?.mentions ?? 0);
      if (mentions > 0 && (!forgetting || forgetting.next() >= forgetting.rate)) names.push({ ...name, mentions });
    }
    return new KnownNames(names, options);
  }
}
