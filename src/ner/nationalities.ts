import countries from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };

/**
 * A country as a nationality word refers to it. `code` is ISO 3166-1 alpha-2, except for the four parts of
 * the United Kingdom, which Dutch names with nationality words of their own (Schots, Engels, Welsh,
 * Noord-Iers): they get their ISO 3166-2 subdivision code (`GB-SCT`, `GB-ENG`, `GB-WLS`, `GB-NIR`), so
 * `code.slice(0, 2)` is always the sovereign state's alpha-2 code, and the part's own Dutch name.
 */
export interface Country {
  code: string;
  name: string;
}

/** i18n-iso-countries has no names for subdivisions, so the UK parts' names are written here. */
const UK_PARTS: Readonly<Record<string, string>> = {
  'GB-ENG': 'Engeland',
  'GB-NIR': 'Noord-Ierland',
  'GB-SCT': 'Schotland',
  'GB-WLS': 'Wales',
};

/**
 * Nationality words per country, in Taalunie spelling: `'adjectives | demonyms'`, each a comma-separated list.
 * An adjective is written uninflected; its inflected form is derived by `inflect` unless given after a slash
 * (`Bangladeshi/Bangladeshi`, which does not inflect). Demonyms are written out, singular and plural, because
 * their plurals follow no rule (Rus/Russen, Chinees/Chinezen, Fransman/Fransen).
 *
 * A form may belong to one country only; where usage shares one, it sits with the country that Dutch news
 * means by it nearly always, and the other country goes without it:
 * - `Congolees` is DR Congo (CD), far larger and far more in the news; Congo-Brazzaville (CG) has no form of its own.
 * - `Dominicaans` is the Dominican Republic (DO); Dominica (DM) uses the same words and so gets none.
 * - `Koreaans` (and Koreaan) is South Korea (KR): that is what Dutch means by it outside history and language.
 * - `Guinees` is Guinea (GN); the other Guineas have compound forms.
 * - `Bengaals` is Bangladesh, not the Indian state West Bengal.
 * - `Engels` is England, even though it is also the name of the English language.
 * - `Hollands` is the Netherlands, as colloquial Dutch uses it; the provinces of Holland have no code.
 *
 * Deliberately absent, as they name no country: continents and regions (Europees, Afrikaans, Aziatisch,
 * Latijns-Amerikaans, Scandinavisch, Baltisch, Arabisch), peoples without a state (Koerdisch, Baskisch),
 * Belgian regions (Vlaams, Waals), and the country names themselves, except where a plural demonym is spelt
 * like the country (Polen, Zweden, Filipijnen).
 */
const TABLE: Readonly<Record<string, string>> = {
  AD: 'Andorrees | Andorrees, Andorrezen',
  AE: "Emiraats | Emirati, Emirati's",
  AF: 'Afghaans | Afghaan, Afghanen',
  AG: 'Antiguaans | Antiguaan, Antiguanen',
  AL: 'Albanees | Albanees, Albanezen',
  AM: 'Armeens | Armeniër, Armeniërs, Armeen, Armenen',
  AO: 'Angolees | Angolees, Angolezen',
  AR: 'Argentijns | Argentijn, Argentijnen',
  AT: 'Oostenrijks | Oostenrijker, Oostenrijkers',
  AU: 'Australisch | Australiër, Australiërs',
  AW: 'Arubaans | Arubaan, Arubanen',
  AZ: 'Azerbeidzjaans | Azerbeidzjaan, Azerbeidzjanen',
  BA: 'Bosnisch | Bosniër, Bosniërs',
  BB: 'Barbadaans, Barbadiaans | Barbadaan, Barbadanen, Barbadiaan, Barbadianen',
  BD: "Bengaals, Bangladeshaans, Bangladeshi/Bangladeshi | Bangladeshi, Bangladeshi's, Bengalees, Bengalezen",
  BE: 'Belgisch | Belg, Belgen',
  BF: 'Burkinees | Burkinees, Burkinezen',
  BG: 'Bulgaars | Bulgaar, Bulgaren',
  BH: 'Bahreins | Bahreiner, Bahreiners',
  BI: 'Burundees | Burundees, Burundezen',
  BJ: 'Beninees | Beninees, Beninezen',
  BN: 'Bruneis | Bruneier, Bruneiers',
  BO: 'Boliviaans | Boliviaan, Bolivianen',
  // Bonaire is the island of the three that Dutch news names; ISO gives the three one code.
  BQ: 'Bonairiaans | Bonairiaan, Bonairianen',
  BR: 'Braziliaans | Braziliaan, Brazilianen',
  BS: 'Bahamaans | Bahamaan, Bahamanen',
  BT: 'Bhutaans, Bhutanees | Bhutaan, Bhutanen, Bhutanees, Bhutanezen',
  BW: 'Botswaans | Botswaan, Botswanen',
  BY: 'Wit-Russisch, Belarussisch | Wit-Rus, Wit-Russen, Belarussen',
  BZ: 'Belizaans | Belizaan, Belizanen',
  CA: 'Canadees | Canadees, Canadezen',
  CD: 'Congolees | Congolees, Congolezen',
  CF: 'Centraal-Afrikaans | Centraal-Afrikaan, Centraal-Afrikanen',
  CH: 'Zwitsers | Zwitser, Zwitsers',
  CI: 'Ivoriaans | Ivoriaan, Ivorianen',
  CL: 'Chileens | Chileen, Chilenen',
  CM: 'Kameroens | Kameroener, Kameroeners',
  CN: 'Chinees | Chinees, Chinezen',
  CO: 'Colombiaans | Colombiaan, Colombianen',
  CR: 'Costa Ricaans | Costa Ricaan, Costa Ricanen',
  CU: 'Cubaans | Cubaan, Cubanen',
  CV: 'Kaapverdisch | Kaapverdiër, Kaapverdiërs',
  CW: 'Curaçaos | Curaçaoënaar, Curaçaoënaars',
  CY: 'Cypriotisch, Cyprisch | Cyprioot, Cyprioten',
  CZ: 'Tsjechisch | Tsjech, Tsjechen',
  DE: 'Duits | Duitser, Duitsers',
  DJ: 'Djiboutiaans | Djiboutiaan, Djiboutianen',
  DK: 'Deens | Deen, Denen',
  DO: 'Dominicaans | Dominicaan, Dominicanen',
  DZ: 'Algerijns | Algerijn, Algerijnen',
  EC: 'Ecuadoraans | Ecuadoraan, Ecuadoranen',
  EE: 'Ests | Est, Esten',
  EG: 'Egyptisch | Egyptenaar, Egyptenaren',
  ER: 'Eritrees | Eritreeër, Eritreeërs',
  ES: 'Spaans | Spanjaard, Spanjaarden',
  ET: 'Ethiopisch | Ethiopiër, Ethiopiërs',
  FI: 'Fins | Fin, Finnen',
  FJ: 'Fijisch | Fijiër, Fijiërs',
  // Micronesisch also names the wider Pacific region; the federation is its usual referent in news.
  FM: 'Micronesisch | Micronesiër, Micronesiërs',
  FO: 'Faeröers | Faeröerder, Faeröerders',
  FR: 'Frans | Fransman, Fransen',
  GA: 'Gabonees | Gabonees, Gabonezen',
  GB: 'Brits | Brit, Britten',
  'GB-ENG': 'Engels | Engelsman, Engelsen',
  'GB-NIR': 'Noord-Iers | Noord-Ier, Noord-Ieren',
  'GB-SCT': 'Schots | Schot, Schotten',
  'GB-WLS': 'Welsh | Welshman, Welshmen',
  GD: 'Grenadaans | Grenadaan, Grenadanen',
  GE: 'Georgisch | Georgiër, Georgiërs',
  GH: 'Ghanees | Ghanees, Ghanezen',
  GL: 'Groenlands | Groenlander, Groenlanders',
  GM: 'Gambiaans | Gambiaan, Gambianen',
  GN: 'Guinees | Guineeër, Guineeërs',
  GQ: 'Equatoriaal-Guinees | Equatoriaal-Guineeër, Equatoriaal-Guineeërs',
  GR: 'Grieks | Griek, Grieken',
  GT: 'Guatemalteeks | Guatemalteek, Guatemalteken',
  GW: 'Guinee-Bissaus | Guinee-Bissauer, Guinee-Bissauers',
  GY: 'Guyaans, Guyanees | Guyaan, Guyanen, Guyanees, Guyanezen',
  HK: 'Hongkongs | Hongkonger, Hongkongers',
  HN: 'Hondurees | Hondurees, Hondurezen',
  HR: 'Kroatisch | Kroaat, Kroaten',
  HT: 'Haïtiaans | Haïtiaan, Haïtianen',
  HU: 'Hongaars | Hongaar, Hongaren',
  ID: 'Indonesisch | Indonesiër, Indonesiërs',
  IE: 'Iers | Ier, Ieren',
  IL: "Israëlisch | Israëliër, Israëliërs, Israëli, Israëli's",
  // Indisch means the former Dutch East Indies, and Indiaan a Native American: neither is India.
  IN: 'Indiaas | Indiër, Indiërs',
  IQ: 'Irakees, Iraaks | Irakees, Irakezen',
  IR: 'Iraans | Iraniër, Iraniërs',
  IS: 'IJslands | IJslander, IJslanders',
  IT: 'Italiaans | Italiaan, Italianen',
  JM: 'Jamaicaans | Jamaicaan, Jamaicanen',
  JO: 'Jordaans | Jordaniër, Jordaniërs',
  JP: 'Japans | Japanner, Japanners',
  KE: 'Keniaans | Keniaan, Kenianen',
  KG: 'Kirgizisch | Kirgies, Kirgiezen, Kirgiziër, Kirgiziërs',
  KH: 'Cambodjaans | Cambodjaan, Cambodjanen',
  KI: 'Kiribatisch | Kiribatiër, Kiribatiërs',
  KM: 'Comorees | Comorees, Comorezen',
  KN: 'Kittitiaans | Kittitiaan, Kittitianen',
  KP: 'Noord-Koreaans | Noord-Koreaan, Noord-Koreanen',
  KR: 'Zuid-Koreaans, Koreaans | Zuid-Koreaan, Zuid-Koreanen, Koreaan, Koreanen',
  KW: "Koeweits | Koeweiti, Koeweiti's",
  KZ: 'Kazachs, Kazachstaans | Kazach, Kazachen',
  LA: 'Laotiaans | Laotiaan, Laotianen',
  LB: 'Libanees | Libanees, Libanezen',
  LC: 'Saint Luciaans | Saint Luciaan, Saint Lucianen',
  LI: 'Liechtensteins | Liechtensteiner, Liechtensteiners',
  LK: 'Sri Lankaans | Sri Lankaan, Sri Lankanen',
  LR: 'Liberiaans | Liberiaan, Liberianen',
  LS: 'Lesothaans | Lesothaan, Lesothanen',
  LT: 'Litouws | Litouwer, Litouwers',
  LU: 'Luxemburgs | Luxemburger, Luxemburgers',
  LV: 'Lets | Let, Letten',
  LY: 'Libisch | Libiër, Libiërs',
  MA: 'Marokkaans | Marokkaan, Marokkanen',
  MC: 'Monegaskisch | Monegask, Monegasken',
  MD: 'Moldavisch | Moldaviër, Moldaviërs',
  ME: 'Montenegrijns | Montenegrijn, Montenegrijnen',
  MG: 'Malagassisch | Malagassiër, Malagassiërs',
  MH: 'Marshallees | Marshallees, Marshallezen',
  MK: 'Noord-Macedonisch, Macedonisch | Noord-Macedoniër, Noord-Macedoniërs, Macedoniër, Macedoniërs',
  ML: 'Malinees | Malinees, Malinezen',
  // Birmees is the older name, still common for the country's people.
  MM: 'Myanmarees, Birmees | Myanmarees, Myanmarezen, Birmees, Birmezen',
  MN: 'Mongools | Mongool, Mongolen',
  MR: 'Mauritaans | Mauritaniër, Mauritaniërs',
  MT: 'Maltees | Maltees, Maltezen',
  MU: 'Mauritiaans | Mauritiaan, Mauritianen',
  MV: 'Maldivisch | Maldiviër, Maldiviërs',
  MW: 'Malawisch | Malawiër, Malawiërs',
  MX: 'Mexicaans | Mexicaan, Mexicanen',
  // Maleis is the Malay language and people, found in Indonesia and Singapore as much as in Malaysia.
  MY: 'Maleisisch | Maleisiër, Maleisiërs',
  MZ: 'Mozambikaans | Mozambikaan, Mozambikanen',
  NA: 'Namibisch | Namibiër, Namibiërs',
  NE: 'Nigerees | Nigerees, Nigerezen',
  NG: 'Nigeriaans | Nigeriaan, Nigerianen',
  NI: 'Nicaraguaans | Nicaraguaan, Nicaraguanen',
  NL: 'Nederlands, Hollands | Nederlander, Nederlanders, Hollander, Hollanders',
  NO: 'Noors | Noor, Noren',
  NP: 'Nepalees | Nepalees, Nepalezen',
  NR: 'Nauruaans | Nauruaan, Nauruanen',
  NZ: 'Nieuw-Zeelands | Nieuw-Zeelander, Nieuw-Zeelanders',
  OM: 'Omaans | Omaniet, Omanieten',
  PA: 'Panamees | Panamees, Panamezen',
  PE: 'Peruaans | Peruaan, Peruanen',
  PG: 'Papoea-Nieuw-Guinees | Papoea-Nieuw-Guineeër, Papoea-Nieuw-Guineeërs',
  PH: "Filipijns | Filipijn, Filipijnen, Filipino, Filipino's",
  PK: "Pakistaans | Pakistaan, Pakistanen, Pakistani, Pakistani's",
  PL: 'Pools | Pool, Polen',
  PR: 'Puerto Ricaans | Puerto Ricaan, Puerto Ricanen',
  PS: 'Palestijns | Palestijn, Palestijnen',
  PT: 'Portugees | Portugees, Portugezen',
  PW: 'Palaus | Palauer, Palauers',
  PY: 'Paraguayaans | Paraguayaan, Paraguayanen',
  QA: "Qatarees | Qatarees, Qatarezen, Qatari, Qatari's",
  RO: 'Roemeens | Roemeen, Roemenen',
  RS: 'Servisch | Serviër, Serviërs',
  RU: 'Russisch | Rus, Russen',
  RW: 'Rwandees | Rwandees, Rwandezen',
  SA: "Saoedisch, Saoedi-Arabisch | Saoediër, Saoediërs, Saoedi, Saoedi's",
  SB: 'Salomonseilands | Salomonseilander, Salomonseilanders',
  SC: 'Seychels | Seycheller, Seychellers',
  SD: 'Soedanees | Soedanees, Soedanezen',
  SE: 'Zweeds | Zweed, Zweden',
  SG: 'Singaporees, Singaporaans | Singaporees, Singaporezen, Singaporaan, Singaporanen',
  SI: 'Sloveens | Sloveen, Slovenen',
  SK: 'Slowaaks | Slowaak, Slowaken',
  SL: 'Sierra Leoons | Sierra Leoner, Sierra Leoners',
  SM: 'San Marinees | San Marinees, San Marinezen',
  SN: 'Senegalees | Senegalees, Senegalezen',
  SO: "Somalisch | Somaliër, Somaliërs, Somali, Somali's",
  SR: 'Surinaams | Surinamer, Surinamers',
  SS: 'Zuid-Soedanees | Zuid-Soedanees, Zuid-Soedanezen',
  ST: 'Santomees | Santomees, Santomezen',
  SV: 'Salvadoraans | Salvadoraan, Salvadoranen',
  SY: 'Syrisch | Syriër, Syriërs',
  SZ: "Swazisch | Swazi, Swazi's",
  TD: 'Tsjadisch | Tsjadiër, Tsjadiërs',
  TG: 'Togolees | Togolees, Togolezen',
  TH: 'Thais | Thai',
  TJ: 'Tadzjieks, Tadzjikistaans | Tadzjiek, Tadzjieken',
  TL: 'Oost-Timorees, Timorees | Oost-Timorees, Oost-Timorezen, Timorees, Timorezen',
  TM: 'Turkmeens | Turkmeen, Turkmenen',
  TN: 'Tunesisch | Tunesiër, Tunesiërs',
  TO: 'Tongaans | Tongaan, Tonganen',
  TR: 'Turks | Turk, Turken',
  TT: 'Trinidadiaans | Trinidadiaan, Trinidadianen',
  TV: 'Tuvaluaans | Tuvaluaan, Tuvaluanen',
  TW: 'Taiwanees | Taiwanees, Taiwanezen',
  TZ: 'Tanzaniaans | Tanzaniaan, Tanzanianen',
  UA: 'Oekraïens | Oekraïner, Oekraïners',
  UG: 'Oegandees | Oegandees, Oegandezen',
  US: 'Amerikaans | Amerikaan, Amerikanen',
  UY: 'Uruguayaans | Uruguayaan, Uruguayanen',
  UZ: 'Oezbeeks, Oezbekistaans | Oezbeek, Oezbeken',
  VA: 'Vaticaans | ',
  VC: 'Vincentiaans | Vincentiaan, Vincentianen',
  VE: 'Venezolaans | Venezolaan, Venezolanen',
  VN: 'Vietnamees | Vietnamees, Vietnamezen',
  VU: 'Vanuatuaans | Vanuatuaan, Vanuatuanen',
  WS: 'Samoaans | Samoaan, Samoanen',
  XK: 'Kosovaars | Kosovaar, Kosovaren',
  YE: 'Jemenitisch | Jemeniet, Jemenieten',
  ZA: 'Zuid-Afrikaans | Zuid-Afrikaan, Zuid-Afrikanen',
  ZM: 'Zambiaans | Zambiaan, Zambianen',
  ZW: 'Zimbabwaans | Zimbabwaan, Zimbabwanen',
};

/**
 * The attributive form of an adjective stem: +e, where a long vowel written double before a single final
 * consonant is written single (Chinees → Chinese, Portugees → Portugese) and the final s stays voiceless
 * (unlike the nouns: Chinezen). A stem ending in a vowel has no safe form and must be given in the table.
 */
function inflect(stem: string): string {
  if (/[aeiouy]$/.test(stem)) throw new Error(`No inflection rule for "${stem}": write it in the table`);
  return stem.replace(/(aa|ee|oo|uu)([^aeiouy])$/, (_, vowel: string, consonant: string) => vowel[0] + consonant) + 'e';
}

/**
 * The ways a form is seen written: Dutch writers drop the diaeresis and other accents often enough
 * (Oekraiense, Israelische) to accept that, and typeset text curls the apostrophe (Israëli’s).
 */
function spellings(form: string): string[] {
  const bare = form.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  return [...new Set([form, bare].flatMap((spelling) => [spelling, spelling.replaceAll("'", '\u2019')]))];
}

function dutchName(code: string): string {
  const names: Readonly<Record<string, string | readonly string[]>> = countries.countries;
  const entry = UK_PARTS[code] ?? names[code];
  // i18n-iso-countries lists [official, short, ...aliases] or a lone short name.
  const name = typeof entry === 'string' ? entry : (entry?.[1] ?? entry?.[0]);
  if (name === undefined) throw new Error(`Nationality table: unknown country code ${code}`);
  return name;
}

const splitList = (list: string): string[] =>
  list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function formsOf(entry: string): string[] {
  const [adjectives = '', demonyms = ''] = entry.split('|');
  const written = splitList(adjectives).flatMap((adjective) => {
    const [stem = '', inflected] = adjective.split('/');
    return [stem, inflected ?? inflect(stem)];
  });
  written.push(...splitList(demonyms));
  return written.flatMap(spellings);
}

const byForm: ReadonlyMap<string, Country> = (() => {
  const map = new Map<string, Country>();
  for (const [code, entry] of Object.entries(TABLE)) {
    const country: Country = Object.freeze({ code, name: dutchName(code) });
    for (const form of formsOf(entry)) {
      const claimed = map.get(form);
      if (claimed !== undefined && claimed !== country) {
        throw new Error(`Nationality table: "${form}" is listed for both ${claimed.code} and ${code}`);
      }
      map.set(form, country);
    }
  }
  return map;
})();

/**
 * The country a nationality word refers to: 'Russische' → Rusland, 'Amerikaanse' → Verenigde Staten,
 * 'Belgen' → België; undefined for anything else. Case-sensitive on the first letter (these words are
 * capitalized in Dutch); accepts multi-word input only if listed.
 */
export function countryOfNationality(word: string): Country | undefined {
  return byForm.get(word.normalize('NFC'));
}

/** Every form the table knows (for a gazetteer feature), e.g. ['Afghaans', 'Afghaanse', 'Afghaan', 'Afghanen', ...]. */
export function nationalityForms(): string[] {
  return [...byForm.keys()];
}
