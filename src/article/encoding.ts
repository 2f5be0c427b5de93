import chardet from 'chardet';
import { ArticleError, type SourceEncoding } from './article.ts';

/**
 * What detection may call the single-byte encodings of older Dutch archives (Latin-1, Latin-9,
 * Windows-1252). They are read as Windows-1252, which agrees with the others on every letter and
 * gives the bytes Latin-1 leaves to control codes their printed meaning (€, „, “, ”, –, …).
 */
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252']);
/** Below this confidence (0–100) a guess is named in the refusal but not acted on. */
const CONFIDENT = 50;

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF, as the standard excludes them.
    const second = bytes[i + 1]!;
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/**
 * The text of a file: UTF-8 (a byte-order mark dropped), or else Windows-1252 when the bytes look
 * like one of the Western single-byte encodings. Anything else is refused, naming the first byte
 * that is not UTF-8 and the encoding the file looks like.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: SourceEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: where it stops being so is worked out only now, off the common path.
  }
  const invalid = firstInvalidUtf8(bytes);
  const [guess] = chardet.analyse(bytes);
  if (guess && guess.confidence >= CONFIDENT && WESTERN.has(guess.name)) return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  const looks = guess ? `it looks like ${guess.name}${guess.confidence < CONFIDENT ? ' (not certain)' : ''}` : 'its encoding is not recognized';
  throw new ArticleError(`byte ${invalid} is not valid UTF-8, and ${looks}; save the file as UTF-8`);
}
