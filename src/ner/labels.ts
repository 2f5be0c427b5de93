/**
 * The tagger works internally with BILOU labels (Begin, Inside, Last, Unit, Outside), which let it
 * learn where names end; files and callers see IOB2.
 */
export const ENTITY_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((type) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${type}`))];
export const LABEL_COUNT = LABELS.length;
/** The label index standing for "before the sentence" in transition features. */
export const START = LABEL_COUNT;

const labelIndex = new Map(LABELS.map((label, index) => [label, index]));
const prefixOf = (label: number) => (label === 0 ? 'O' : LABELS[label]![0]!);
const typeOf = (label: number) => (label === 0 ? '' : LABELS[label]!.slice(2));

/** Whether `next` may follow `previous` (START at the beginning) in a well-formed BILOU sequence. */
function allowedAfter(previous: number, next: number): boolean {
  const open = previous !== START && (prefixOf(previous) === 'B' || prefixOf(previous) === 'I');
  const nextPrefix = prefixOf(next);
  if (open) return (nextPrefix === 'I' || nextPrefix === 'L') && typeOf(next) === typeOf(previous);
  return nextPrefix === 'O' || nextPrefix === 'B' || nextPrefix === 'U';
}

/** Whether a sentence may end after `label` (no entity left open). */
function canEnd(label: number): boolean {
  return label === 0 || prefixOf(label) === 'L' || prefixOf(label) === 'U';
}

/** The labels, one bit each, that may follow `previous` (and, if `last`, end the sentence). */
function labelsAfter(previous: number, last: boolean): number {
  let labels = 0;
  for (let next = 0; next < LABEL_COUNT; next++) if (allowedAfter(previous, next) && (!last || canEnd(next))) labels |= 1 << next;
  return labels;
}

if (LABEL_COUNT > 31) throw new Error('label sets are bit masks of 31 bits');

/** FOLLOWERS[previous]: the labels, as bits (label l is 1 << l), that may follow `previous` (START at the beginning) in a well-formed BILOU sequence. */
export const FOLLOWERS = Int32Array.from({ length: LABEL_COUNT + 1 }, (_, previous) => labelsAfter(previous, false));
/** FINAL_FOLLOWERS[previous]: those of them that may end the sentence. */
export const FINAL_FOLLOWERS = Int32Array.from({ length: LABEL_COUNT + 1 }, (_, previous) => labelsAfter(previous, true));

/** IOB2 tags (any tolerated form) to BILOU label indices. */
export function toBilou(tags: readonly string[]): number[] {
  const types = tags.map((tag) => (tag === 'O' ? '' : tag.slice(2)));
  const begins = tags.map((tag, i) => tag !== 'O' && (tag.startsWith('B-') || types[i - 1] !== types[i]));
  return tags.map((tag, i) => {
    if (tag === 'O') return 0;
    const ends = i + 1 >= tags.length || begins[i + 1] || types[i + 1] !== types[i];
    const prefix = begins[i] ? (ends ? 'U' : 'B') : ends ? 'L' : 'I';
    return labelIndex.get(`${prefix}-${types[i]}`)!;
  });
}

/** IOB2_TAGS[label]: the label's IOB2 tag, made once rather than for every token. */
const IOB2_TAGS: readonly string[] = LABELS.map((_, label) => {
  if (label === 0) return 'O';
  const prefix = prefixOf(label);
  return `${prefix === 'B' || prefix === 'U' ? 'B' : 'I'}-${typeOf(label)}`;
});

/** BILOU label indices to IOB2 tags. */
export function toIob2(labels: readonly number[]): string[] {
  return labels.map((label) => IOB2_TAGS[label]!);
}

const TYPE_INDICES = Int32Array.from(LABELS.keys(), (label) => ENTITY_TYPES.indexOf(typeOf(label) as (typeof ENTITY_TYPES)[number]));

/** The label's index in ENTITY_TYPES, -1 for O. */
export function entityTypeIndexOf(label: number): number {
  return TYPE_INDICES[label]!;
}
