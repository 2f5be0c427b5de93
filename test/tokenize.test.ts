import { describe, expect, it } from 'vitest';
import { sentences, tokenize } from '../src/text/tokenize.ts';

const words = (text: string) => tokenize(text).map((token) => token.text);
const sentenceTexts = (text: string) => sentences(text).map((sentence) => sentence.map((token) => token.text).join(' '));

describe('tokenize: punctuation', () => {
  it('splits curly quotes from the words they enclose', () => {
    expect(words('“agressieve oorlog”')).toEqual(['“', 'agressieve', 'oorlog', '”']);
  });

  it('splits doubled straight quotes at the start of a word', () => {
    expect(words('""President')).toEqual(['"', '"', 'President']);
  });

  it('splits guillemets, low quotes and single quotes', () => {
    expect(words('«Nee» „Ja” ‘Misschien’')).toEqual(['«', 'Nee', '»', '„', 'Ja', '”', '‘', 'Misschien', '’']);
    expect(words("hij zei 'nee'.")).toEqual(['hij', 'zei', "'", 'nee', "'", '.']);
  });

  it('splits brackets, commas, colons, semicolons, question and exclamation marks and ellipses', () => {
    expect(words('(Poetin), [red.]: ja; nee? wel! dus… of...')).toEqual([
      '(', 'Poetin', ')', ',', '[', 'red', '.', ']', ':', 'ja', ';', 'nee', '?', 'wel', '!', 'dus', '…', 'of', '...',
    ]);
  });

  it('makes a dash between spaces its own token', () => {
    expect(words('Rutte - en Kaag – zeiden')).toEqual(['Rutte', '-', 'en', 'Kaag', '–', 'zeiden']);
  });
});

describe('tokenize: hyphenated compounds', () => {
  it('splits a name from the common word it is joined to', () => {
    expect(words('Witte Huis-woordvoerster')).toEqual(['Witte', 'Huis', '-', 'woordvoerster']);
    expect(words('CDA-leider')).toEqual(['CDA', '-', 'leider']);
    expect(words('het Rutte-kabinet')).toEqual(['het', 'Rutte', '-', 'kabinet']);
  });

  it('splits only at the first hyphen that qualifies and keeps the rest whole', () => {
    expect(words('Noord-Holland-achtige')).toEqual(['Noord-Holland', '-', 'achtige']);
    expect(words('EU-lidstaten-overleg')).toEqual(['EU', '-', 'lidstaten-overleg']);
  });

  it.each(['Noord-Holland', 'Oost-Europa', 'Zuid-Afrikaanse', 'Saksen-Coburg', 'anti-Amerikaanse', 'e-mail', 'oud-premier', 'twee-derde'])(
    'keeps %s whole',
    (compound) => {
      expect(words(compound)).toEqual([compound]);
    },
  );

  it('keeps a compound whole when the part after the hyphen is shorter than three letters', () => {
    expect(words('X-as')).toEqual(['X-as']);
  });

  it('keeps a one-letter head and a capitalized prefix at the start of a sentence whole', () => {
    expect(words('T-shirt')).toEqual(['T-shirt']);
    expect(words('Oud-premier Rutte')).toEqual(['Oud-premier', 'Rutte']);
  });

  it('gives the pieces of a split compound their own offsets', () => {
    const text = 'de Huis-woordvoerster';
    expect(tokenize(text)).toEqual([
      { text: 'de', start: 0, end: 2 },
      { text: 'Huis', start: 3, end: 7 },
      { text: '-', start: 7, end: 8 },
      { text: 'woordvoerster', start: 8, end: 21 },
    ]);
  });
});

describe('tokenize: abbreviations and initials', () => {
  it.each([
    'o.a.', 'dhr.', 'mr.', 'mevr.', 'dr.', 'prof.', 'ir.', 'drs.', 'ing.', 'bv.', 'bijv.', 'enz.', 'etc.', 'ca.', 'nl.',
    'resp.', 'jl.', 'vs.', 'St.', 'nr.', 'blz.', 'p.', 'e.d.', 'i.p.v.', 't.o.v.', 'm.b.t.', 'd.w.z.', 'a.s.', 'z.g.a.n.',
    'o.l.v.', 'v.Chr.', 'n.Chr.', 'jan.', 'feb.', 'mrt.', 'apr.', 'aug.', 'sept.', 'okt.', 'nov.', 'dec.', 'a.b.c.',
  ])('keeps the dot of %s', (abbreviation) => {
    expect(words(`zie ${abbreviation} hier`)).toEqual(['zie', abbreviation, 'hier']);
  });

  it('matches the list regardless of case', () => {
    expect(words('Dhr. Jansen en Prof. Dr. Smit, Bijv. zo')).toEqual(['Dhr.', 'Jansen', 'en', 'Prof.', 'Dr.', 'Smit', ',', 'Bijv.', 'zo']);
  });

  it('leaves the dot after an acronym, which is a name rather than an abbreviation', () => {
    expect(words('de VS. En')).toEqual(['de', 'VS', '.', 'En']);
  });

  it('takes "Jan." for the first name, not January', () => {
    expect(words('met Jan. Hij')).toEqual(['met', 'Jan', '.', 'Hij']);
  });

  it('splits the dot from an ordinary word', () => {
    expect(words('de oorlog.')).toEqual(['de', 'oorlog', '.']);
  });

  it('keeps initials whole', () => {
    expect(words('J. Psaki')).toEqual(['J.', 'Psaki']);
    expect(words('J.F. Kennedy')).toEqual(['J.F.', 'Kennedy']);
    expect(words('A.J. de Vries')).toEqual(['A.J.', 'de', 'Vries']);
  });
});

describe('tokenize: numbers', () => {
  it.each(['100.000', '10,5', '1.250.000,75', '14.05', '2023-03-02', '3e', '21ste'])('keeps %s whole', (number) => {
    expect(words(`op ${number} gezet`)).toEqual(['op', number, 'gezet']);
  });

  it('splits percent and currency signs', () => {
    expect(words('3,5% van €100')).toEqual(['3,5', '%', 'van', '€', '100']);
  });

  it('leaves a sentence-final dot off a number', () => {
    expect(words('in 2023.')).toEqual(['in', '2023', '.']);
  });
});

describe('tokenize: apostrophes', () => {
  it.each(["zo'n", "auto's", "Rutte's", "d'Hondt", 'zo’n', 'Rutte’s'])('keeps %s whole', (word) => {
    expect(words(word)).toEqual([word]);
  });

  it('makes the clitics \'s, \'t and \'n tokens of their own', () => {
    expect(words("'s avonds 't huis 'n keer")).toEqual(["'s", 'avonds', "'t", 'huis', "'n", 'keer']);
    expect(words('’s Avonds')).toEqual(['’s', 'Avonds']);
  });

  it("keeps the name 's-Hertogenbosch whole", () => {
    expect(words("in 's-Hertogenbosch en ’s-Gravenhage")).toEqual(['in', "'s-Hertogenbosch", 'en', '’s-Gravenhage']);
  });
});

describe('tokenize: web text', () => {
  it('keeps URLs whole without their trailing punctuation', () => {
    expect(words('zie https://nos.nl/artikel/2463-oekraine?x=1.')).toEqual(['zie', 'https://nos.nl/artikel/2463-oekraine?x=1', '.']);
    expect(words('(www.rijksoverheid.nl)')).toEqual(['(', 'www.rijksoverheid.nl', ')']);
  });

  it('keeps e-mail addresses whole', () => {
    expect(words('mail jan.de_vries@nos.nl.')).toEqual(['mail', 'jan.de_vries@nos.nl', '.']);
  });

  it('keeps bare domains whole', () => {
    expect(words('meldt NU.nl vandaag')).toEqual(['meldt', 'NU.nl', 'vandaag']);
  });

  it('keeps hashtags and handles whole', () => {
    expect(words('#MeToo en @MinPres_NL.')).toEqual(['#MeToo', 'en', '@MinPres_NL', '.']);
  });
});

describe('tokenize: Unicode', () => {
  it('treats letters with diacritics as ordinary letters', () => {
    expect(words('Oekraïne, Zelenski, Poetin. Ça va')).toEqual(['Oekraïne', ',', 'Zelenski', ',', 'Poetin', '.', 'Ça', 'va']);
  });

  it('keeps combining marks of decomposed text in their word, with correct offsets', () => {
    const text = 'Oekraïne en Ça, Genève.'.normalize('NFD');
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.text.normalize('NFC'))).toEqual(['Oekraïne', 'en', 'Ça', ',', 'Genève', '.']);
    expect(tokens[0]).toEqual({ text: 'Oekrai\u0308ne', start: 0, end: 9 });
    expect(tokens.at(-1)).toEqual({ text: '.', start: text.length - 1, end: text.length });
  });

  it('keeps a soft hyphen inside its word and skips zero-width spaces', () => {
    expect(words('ver\u00ADkiezing\u200B en')).toEqual(['ver\u00ADkiezing', 'en']);
  });

  it('returns nothing for blank text', () => {
    expect(tokenize(' \n\t ')).toEqual([]);
    expect(sentences('')).toEqual([]);
  });
});

describe('tokenize: offsets', () => {
  const sample = [
    'Witte Huis-woordvoerster J. Psaki zei op 2023-03-02 om 14.05 uur: “Het is een ‘agressieve oorlog’.”',
    "Volgens o.a. dhr. A.J. de Vries (CDA-leider) kost het €1.250.000,75 ofwel 3,5% i.p.v. 10,5 — zo'n bedrag…",
    "'s Avonds vertrok hij naar 's-Hertogenbosch; zie https://nos.nl/a-b?c=d, info@nos.nl en #Oekraïne!?",
    'Ça va, zei Zelenski\u0301 tegen Poetin... Daarna de 21ste keer.\r\n\r\nSymbolische waarde\n«Nee», zei ze.',
  ].join('\n');

  it('points every token at its own text and never overlaps or goes backwards', () => {
    const tokens = tokenize(sample);
    expect(tokens.length).toBeGreaterThan(80);
    let previousEnd = 0;
    for (const token of tokens) {
      expect(sample.slice(token.start, token.end)).toBe(token.text);
      expect(token.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = token.end;
    }
  });

  it('leaves only white space between tokens', () => {
    const tokens = tokenize(sample);
    const gaps = tokens.slice(1).map((token, i) => sample.slice(tokens[i]!.end, token.start));
    expect(gaps.every((gap) => /^\s*$/u.test(gap))).toBe(true);
  });

  it('puts every token in exactly one sentence, in order', () => {
    expect(sentences(sample).flat()).toEqual(tokenize(sample));
  });
});

describe('sentences', () => {
  it('ends a sentence at an end mark followed by a capital, digit, quote or opening bracket', () => {
    expect(sentenceTexts('Hij ging. Zij bleef. 3 mensen kwamen. "Nee," zei ze. (Bron: ANP)')).toEqual([
      'Hij ging .', 'Zij bleef .', '3 mensen kwamen .', '" Nee , " zei ze .', '( Bron : ANP )',
    ]);
  });

  it('ends a sentence at ! ? … ?! and ...', () => {
    expect(sentenceTexts('Ja! Nee? Misschien… Echt?! Zo... Klaar')).toEqual(['Ja !', 'Nee ?', 'Misschien …', 'Echt ? !', 'Zo ...', 'Klaar']);
  });

  it('does not end a sentence before a lower-case word', () => {
    expect(sentenceTexts('Wat nu? vroeg hij. de heer. die kwam')).toEqual(['Wat nu ? vroeg hij . de heer . die kwam']);
  });

  it('does not end a sentence at an end mark without white space after it', () => {
    expect(sentenceTexts('Het einde.Begin')).toEqual(['Het einde . Begin']);
  });

  it('keeps a closing quote or bracket with the sentence it ends', () => {
    expect(sentenceTexts('Hij zei: “Nee.” Toen ging hij. (Zie boven.) Daarna "Ja!" Klaar.')).toEqual([
      'Hij zei : “ Nee . ”', 'Toen ging hij .', '( Zie boven . )', 'Daarna " Ja ! "', 'Klaar .',
    ]);
  });

  it('does not end a sentence at an abbreviation or initial', () => {
    expect(sentenceTexts('Het kost ca. 10 euro, bijv. Dhr. Jansen en J.F. Kennedy en J. Psaki o.a. Zo.')).toEqual([
      'Het kost ca. 10 euro , bijv. Dhr. Jansen en J.F. Kennedy en J. Psaki o.a. Zo .',
    ]);
  });

  it('ends a sentence at an abbreviation that closes the paragraph or text', () => {
    expect(sentenceTexts('Appels, peren enz.\nDaarna kwam dhr.')).toEqual(['Appels , peren enz.', 'Daarna kwam dhr.']);
  });

  it('ends a sentence at an acronym with a period', () => {
    expect(sentenceTexts('Hij vloog naar de VS. Daar bleef hij.')).toEqual(['Hij vloog naar de VS .', 'Daar bleef hij .']);
  });

  it('ends a sentence at every line break, so subheadings stand alone', () => {
    expect(sentenceTexts('Eerste alinea zonder punt\nSymbolische waarde\r\nDe tweede alinea.\n\nnog een')).toEqual([
      'Eerste alinea zonder punt', 'Symbolische waarde', 'De tweede alinea .', 'nog een',
    ]);
  });

  it("starts a sentence with a clitic such as 's", () => {
    expect(sentenceTexts("Het regende. 's Avonds klaarde het op.")).toEqual(['Het regende .', "'s Avonds klaarde het op ."]);
  });

  it('starts a sentence with a capital that carries a diacritic, also when decomposed', () => {
    const text = 'Hij zei het. Ça va. Één keer.';
    expect(sentences(text)).toHaveLength(3);
    expect(sentences(text.normalize('NFD'))).toHaveLength(3);
  });
});
