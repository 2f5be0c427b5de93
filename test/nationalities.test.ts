import isoCountries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryOfNationality, nationalityForms } from '../src/ner/nationalities.ts';

const UK_PARTS: Record<string, string> = {
  'GB-ENG': 'Engeland',
  'GB-NIR': 'Noord-Ierland',
  'GB-SCT': 'Schotland',
  'GB-WLS': 'Wales',
};

// The 193 UN member states.
const UN_MEMBERS = `
  AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM
  CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN
  HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA
  MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY
  QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA
  UG US UY UZ VC VE VN VU WS YE ZA ZM ZW`
  .trim()
  .split(/\s+/);
// They share every nationality word with a neighbour in the table (see the comment on it).
const WITHOUT_FORMS = ['CG', 'DM'];

const codeOf = (word: string) => countryOfNationality(word)?.code;
const tableCodes = new Set(nationalityForms().map(codeOf));

describe('countryOfNationality', () => {
  it.each([
    ['Russische', 'RU', 'Rusland'],
    ['Russisch', 'RU', 'Rusland'],
    ['Russen', 'RU', 'Rusland'],
    ['Rus', 'RU', 'Rusland'],
    ['Amerikaanse', 'US', 'Verenigde Staten'],
    ['Amerikanen', 'US', 'Verenigde Staten'],
    ['Belgen', 'BE', 'België'],
    ['Belgische', 'BE', 'België'],
    ['Oekraïense', 'UA', 'Oekraïne'],
    ['Oekraïners', 'UA', 'Oekraïne'],
    ['Nederlander', 'NL', 'Nederland'],
    ['Nederlandse', 'NL', 'Nederland'],
    ['Fransman', 'FR', 'Frankrijk'],
    ['Fransen', 'FR', 'Frankrijk'],
    ['Duitsers', 'DE', 'Duitsland'],
    ['Britten', 'GB', 'Verenigd Koninkrijk'],
    ['Chinezen', 'CN', 'China'],
    ['Chinees', 'CN', 'China'],
    ['Israëliërs', 'IL', 'Israël'],
    ['Israëli', 'IL', 'Israël'],
    ['Palestijnen', 'PS', 'Palestina'],
    ['Palestijnse', 'PS', 'Palestina'],
    ['Turken', 'TR', 'Turkije'],
    ['Marokkanen', 'MA', 'Marokko'],
    ['Zuid-Afrikaanse', 'ZA', 'Zuid-Afrika'],
    ['Noord-Koreaanse', 'KP', 'Noord-Korea'],
    ['Zuid-Koreaanse', 'KR', 'Zuid-Korea'],
    ['Irakese', 'IQ', 'Irak'],
    ['Iraakse', 'IQ', 'Irak'],
    ['Iraanse', 'IR', 'Iran'],
    ['Saoedische', 'SA', 'Saudi-Arabië'],
    ['Wit-Russische', 'BY', 'Wit-Rusland'],
    ['Bengaalse', 'BD', 'Bangladesh'],
    ['IJslandse', 'IS', 'IJsland'],
    ['Surinaamse', 'SR', 'Suriname'],
    ['Sri Lankaanse', 'LK', 'Sri Lanka'],
    ['Costa Ricaanse', 'CR', 'Costa Rica'],
    ['Taiwanese', 'TW', 'Taiwan'],
    ['Kosovaren', 'XK', 'Kosovo'],
    ['Hongkongse', 'HK', 'Hong Kong'],
    ['Groenlandse', 'GL', 'Groenland'],
  ])('%s → %s (%s)', (word, code, name) => {
    expect(countryOfNationality(word)).toEqual({ code, name });
  });

  it('names the parts of the United Kingdom by their ISO 3166-2 code and Dutch name', () => {
    expect(countryOfNationality('Schotse')).toEqual({ code: 'GB-SCT', name: 'Schotland' });
    expect(countryOfNationality('Schotten')).toEqual({ code: 'GB-SCT', name: 'Schotland' });
    expect(countryOfNationality('Engelsman')).toEqual({ code: 'GB-ENG', name: 'Engeland' });
    expect(countryOfNationality('Welshe')).toEqual({ code: 'GB-WLS', name: 'Wales' });
    expect(countryOfNationality('Noord-Ierse')).toEqual({ code: 'GB-NIR', name: 'Noord-Ierland' });
    expect(codeOf('Ierse')).toBe('IE');
  });

  it.each([
    ['Chinese', 'CN'],
    ['Portugese', 'PT'],
    ['Maltese', 'MT'],
    ['Libanese', 'LB'],
    ['Congolese', 'CD'],
    ['Oezbeekse', 'UZ'],
    ['Guatemalteekse', 'GT'],
    ['Hongaarse', 'HU'],
    ['Poolse', 'PL'],
    ['Franse', 'FR'],
    ['Duitse', 'DE'],
    ['Britse', 'GB'],
    ['Ierse', 'IE'],
    ['Deense', 'DK'],
    ['Finse', 'FI'],
    ['Letse', 'LV'],
    ['Estse', 'EE'],
    ['Kazachse', 'KZ'],
    ['Thaise', 'TH'],
    ['Zwitserse', 'CH'],
    ['Israëlische', 'IL'],
    ['Curaçaose', 'CW'],
    ['Bangladeshi', 'BD'],
  ])('inflects to %s', (word, code) => {
    expect(codeOf(word)).toBe(code);
  });

  it('does not make the inflections the rule must avoid', () => {
    for (const wrong of ['Chineese', 'Chineze', 'Portugeese', 'Malteese', 'Oezbeke', 'Bangladeshie', 'Poole', 'Hongare']) {
      expect(countryOfNationality(wrong)).toBeUndefined();
    }
  });

  it('accepts the common spellings without accents and with a curly apostrophe', () => {
    expect(codeOf('Oekraiense')).toBe('UA');
    expect(codeOf('Oekrainers')).toBe('UA');
    expect(codeOf('Israelische')).toBe('IL');
    expect(codeOf('Israeliers')).toBe('IL');
    expect(codeOf('Haitiaanse')).toBe('HT');
    expect(codeOf("Israëli's")).toBe('IL');
    expect(codeOf('Israëli\u2019s')).toBe('IL');
    expect(codeOf('Oekrai\u0308ense')).toBe('UA'); // decomposed diaeresis
  });

  it('gives shared forms to the most common referent', () => {
    expect(codeOf('Congolees')).toBe('CD');
    expect(codeOf('Congolezen')).toBe('CD');
    expect(codeOf('Dominicaanse')).toBe('DO');
    expect(codeOf('Koreaanse')).toBe('KR');
    expect(codeOf('Guinese')).toBe('GN');
    expect(codeOf('Equatoriaal-Guinese')).toBe('GQ');
  });

  it('returns undefined for country names, which are not nationality words', () => {
    for (const name of ['Nederland', 'Rusland', 'Verenigde Staten', 'Oekraïne', 'België', 'China', 'Belarus']) {
      expect(countryOfNationality(name)).toBeUndefined();
    }
  });

  it('knows the plural demonyms that are spelt like their country', () => {
    expect(codeOf('Polen')).toBe('PL');
    expect(codeOf('Zweden')).toBe('SE');
    expect(codeOf('Filipijnen')).toBe('PH');
  });

  it('returns undefined for continents, regions and peoples without a country', () => {
    for (const word of [
      'Europees',
      'Europese',
      'Afrikaans',
      'Afrikaanse',
      'Aziatische',
      'Arabische',
      'Latijns-Amerikaanse',
      'Noord-Amerikaanse',
      'Scandinavische',
      'Baltische',
      'Westerse',
      'Vlaamse',
      'Koerdische',
      'Indische',
      'Indiaan',
    ]) {
      expect(countryOfNationality(word)).toBeUndefined();
    }
  });

  it('matches exactly: case, whitespace and unlisted multi-word input', () => {
    for (const word of ['russische', 'RUSSISCHE', ' Russische', 'Russische ', 'Russische Federatie', 'de Russen', 'Lankaanse', '']) {
      expect(countryOfNationality(word)).toBeUndefined();
    }
  });
});

describe('the table', () => {
  it('uses only codes that i18n-iso-countries knows, with its Dutch short name', () => {
    for (const form of nationalityForms()) {
      const country = countryOfNationality(form);
      expect(country).toBeDefined();
      if (country === undefined) continue;
      if (country.code in UK_PARTS) {
        expect(country.name).toBe(UK_PARTS[country.code]);
        continue;
      }
      expect(isoCountries.isValid(country.code), country.code).toBe(true);
      expect(isoCountries.getName(country.code, 'nl', { select: 'all' })).toContain(country.name);
    }
  });

  it('covers every UN member state except those whose forms belong to a neighbour', () => {
    expect(UN_MEMBERS).toHaveLength(193);
    const missing = UN_MEMBERS.filter((code) => !tableCodes.has(code));
    expect(missing).toEqual(WITHOUT_FORMS);
  });

  it('covers the territories and parts that Dutch news names by nationality', () => {
    for (const code of ['TW', 'XK', 'PS', 'HK', 'GL', 'GB-SCT', 'GB-ENG', 'GB-WLS', 'GB-NIR']) {
      expect(tableCodes.has(code), code).toBe(true);
    }
  });

  it('lists every form once, capitalized, and hands out a copy', () => {
    const forms = nationalityForms();
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms).toEqual(expect.arrayContaining(['Afghaans', 'Afghaanse', 'Afghaan', 'Afghanen', 'Oekraiense']));
    for (const form of forms) expect(form[0]).toBe(form[0]?.toUpperCase());
    forms.length = 0;
    expect(nationalityForms().length).toBeGreaterThan(800);
  });

  it('returns the same frozen country for every form of it', () => {
    const russian = countryOfNationality('Russische');
    expect(countryOfNationality('Russen')).toBe(russian);
    expect(Object.isFrozen(russian)).toBe(true);
  });
});
