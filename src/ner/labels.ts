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

/** ALLOWED[previous * LABEL_COUNT + next]; previous may be START. */
export const ALLOWED: Uint8Array = (() => {
  const table = new Uint8Array((LABEL_COUNT + 1) * LABEL_COUNT);
  for (let previous = 0; previous <= LABEL_COUNT; previous++) {
    for (let next = 0; next < LABEL_COUNT; next++) table[previous * LABEL_COUNT + next] = allowedAfter(previous, next) ? 1 : 0;
  }
  return table;
})();

/** Whether a sentence may end after `label` (no entity left open). */
export function canEnd(label: number): boolean {
  return label === 0 || prefixOf(label) === 'L' || prefixOf(label) === 'U';
}

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

/** BILOU label indices to IOB2 tags. */
export function toIob2(labels: readonly number[]): string[] {
  return labels.map((label) => {
    if (label === 0) return 'O';
    const prefix = prefixOf(label);
    return `${prefix === 'B' || prefix === 'U' ? 'B' : 'I'}-${typeOf(label)}`;
  });
}

export function entityTypeOf(label: number): string {
  return typeOf(label);
}
