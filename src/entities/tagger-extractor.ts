import { spansOf } from '../ner/conll.ts';
import { toIob2 } from '../ner/labels.ts';
import type { Tagger } from '../ner/tagger.ts';
import { sentences, type Token } from '../text/tokenize.ts';
import { type EntityExtractor, type EntityType, type Mention, withoutInvisibles } from './entity.ts';
import { linkShortForms } from './link.ts';
import { countryOfNationality } from '../ner/nationalities.ts';

/** Mentions from one sentence's labels; offsets run from the first token's start to the last one's end. */
function mentionsOf(text: string, tokens: readonly Token[], labels: readonly number[]): Mention[] {
  return spansOf(toIob2(labels)).map((span) => {
    const start = tokens[span.start]!.start;
    const end = tokens[span.end - 1]!.end;
    const written = text.slice(start, end);
    return { type: span.type as EntityType, text: written, start, end, name: withoutInvisibles(written).replace(/\s+/g, ' ') };
  });
}

/** A nationality word ("Russische") records the country it refers to. */
function withCountry(mention: Mention): Mention {
  if (mention.type !== 'MISC') return mention;
  const country = countryOfNationality(mention.text);
  return country ? { ...mention, country } : mention;
}

/**
 * Longer than any real name: a longer span is a run of letters without spaces or a tagger's slip
 * over a whole line, and the unique index over entity names could not hold a long one.
 */
export const MAX_NAME_LENGTH = 200;

/** The statistical tagger behind the extractor interface: tokenize, tag, read off names, link. */
export function taggerExtractor(tagger: Tagger): EntityExtractor {
  return {
    version: `tagger/${tagger.model.version}`,
    extract(text, known) {
      const tokenized = sentences(text);
      const labels = tagger.tagDocument(tokenized.map((tokens) => tokens.map((token) => token.text)), known);
      const mentions = tokenized.flatMap((tokens, s) => mentionsOf(text, tokens, labels[s]!)).filter((mention) => mention.name.length <= MAX_NAME_LENGTH);
      return linkShortForms(mentions.map(withCountry));
    },
  };
}
