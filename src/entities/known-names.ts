import { KnownNames } from '../ner/known-names.ts';
import { tokenize } from '../text/tokenize.ts';
import type { EntityType } from './entity.ts';

/** A stored entity's name and type, and how many mentions it has. */
export interface StoredName {
  name: string;
  type: EntityType;
  mentions: number;
}

/** The tagger's known names made of stored ones, split into words as the tagger's text is. */
export function knownNamesOf(names: readonly StoredName[]): KnownNames {
  return new KnownNames(names.map(({ name, type, mentions }) => ({ words: tokenize(name).map((token) => token.text), type, mentions })));
}
