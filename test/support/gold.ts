import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './environment.ts';

export interface GoldEntity {
  type: string;
  /** The fullest name in this article. */
  name: string;
  /** Each surface form and how often it occurs. */
  mentions: Record<string, number>;
  /** The same entity's name in another article ("Blinken" → "Antony Blinken"). */
  same_as?: string;
}

/** The hand annotation of the seed articles. */
export const seedsGold = JSON.parse(readFileSync(path.join(FIXTURES, 'seeds-gold.json'), 'utf8')) as {
  documents: {
    file: string;
    published: { value: string };
    entities: GoldEntity[];
    optional: { type: string; name: string }[];
    timex: { text: string; type: string; value: string }[];
  }[];
};
