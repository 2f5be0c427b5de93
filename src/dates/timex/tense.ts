/**
 * Which way a clause looks in time, which decides what "vrijdag" or "24 februari" means: the one
 * before the publication date ("Vrijdag zei de minister") or the one after ("zal vrijdag").
 */
export type Tense = 'past' | 'present' | 'future';

const FUTURE = new Set(['zal', 'zullen', 'zult', 'gaat', 'gaan', 'ga']);

/**
 * Finite past forms of the auxiliaries and the most frequent strong and irregular verbs; forms
 * that are also common nouns (reden, namen, lagen, sloten, gaven) are left out.
 */
const PAST = new Set(
  (
    'was waren had hadden werd werden zei zeiden ging gingen kwam kwamen viel vielen stond stonden lag zat zaten ' +
    'bleef bleven liet lieten nam gaf sprak spraken kreeg kregen wist wisten moest moesten kon konden wilde ' +
    'wilden wou mocht mochten zag vond vonden deed deden bracht brachten dacht dachten hield hielden schreef schreven ' +
    'begon begonnen trok trokken liep liepen sloot won wonnen verloor vloog vlogen reed sloeg sloegen ' +
    'droeg droegen vroeg vroegen zocht zochten kocht kochten riep riepen hing hingen ving vingen stierf stierven verscheen ' +
    'verschenen verdween verdwenen ontstond ontstonden besloot vertrok vertrokken overleed bood koos kozen ' +
    'zweeg zwegen steeg stegen daalde daalden leek bleek bleken sneuvelde onderhandelde brak braken verliet verlieten ' +
    'ontving ontvingen bezocht bezochten trof troffen sprong las lazen zong zongen verliep verliepen'
  ).split(' '),
);

/** Auxiliaries of the perfect ("heeft gezegd", "is vertrokken"): with a participle, the clause looks back. */
const PERFECT = new Set(['heeft', 'hebben', 'heb', 'hebt', 'is', 'zijn', 'ben', 'bent']);
/** Past participles: gezegd, gestegen; with a prefix only the weak ones (besloten would also be an infinitive's look-alike). */
const PARTICIPLE = /^(?:ge\p{L}{2,}(?:d|t|en)|(?:be|ver|ont|her|er)\p{L}{2,}[dt])$/u;
/**
 * A weak verb's singular past form: vergaderde, stopte. Only trusted where Dutch puts the finite
 * verb; the plural (-den, -ten) looks like too many present forms (vinden, landen, moeten).
 */
const WEAK_PAST = /^\p{Ll}{3,}[dt]e$/u;

/**
 * The tense of the clause around a time expression, from its words in lower case. `verbAfter` is
 * the word right after the expression when the expression opens the sentence: Dutch puts the
 * finite verb there.
 */
/** Words of degree that make the "vroeg" after them early, not asked: "te vroeg", "al vroeg". */
const DEGREE = new Set(['te', 'zo', 'al', 'heel', 'erg', 'vrij', 'nog', 'veel', 'wat', 'even', 'ook', 'nu', 'zeer', 'tamelijk', 'vroeg']);
/** Words that make the "vroeg" before them early: "vroeg in de ochtend", "vroeg genoeg", "vroeg of laat", "stond vroeg op". */
const AFTER_EARLY = new Set(['in', 'genoeg', 'mogelijk', 'op', 'uit', 'wakker', 'dag', '.', ',', '!', '?', ';']);

/** Whether the word at `i` is a past form; "vroeg" only where it is not the adverb (early). */
function isPastAt(lower: readonly string[], i: number): boolean {
  const word = lower[i]!;
  if (!PAST.has(word)) return false;
  if (word !== 'vroeg') return true;
  const next = lower[i + 1];
  const early = DEGREE.has(lower[i - 1] ?? '') || next === undefined || AFTER_EARLY.has(next) || (next === 'of' && lower[i + 2] === 'laat');
  return !early;
}

export function tenseOf(lower: readonly string[], verbAfter: string | undefined): Tense {
  if (lower.some((word) => FUTURE.has(word))) return 'future';
  if (lower.some((_, i) => isPastAt(lower, i))) return 'past';
  if (verbAfter !== undefined && WEAK_PAST.test(verbAfter.toLowerCase())) return 'past';
  const perfect = lower.findIndex((word) => PERFECT.has(word));
  if (perfect >= 0 && lower.slice(perfect + 1).some((word) => PARTICIPLE.test(word))) return 'past';
  return 'present';
}
