/**
 * Organisations that Dutch-language news of Belgium and the Netherlands names, for gazetteer features:
 * parties, media, public bodies, companies and clubs, each a category of its own so that the tagger can
 * learn how much each says. Written by hand, as no package carries such lists for Dutch news.
 *
 * Each line is one organisation: the spellings news uses, separated by `|` (abbreviation and full name,
 * former names, the case a name writes itself in). A spelling is written as the tokenizer splits it, with
 * single spaces between tokens, because the gazetteer matches token by token: `CD & V`, `sp . a`, `H & M`
 * (the tokenizer splits off `&` and `.`), but `N-VA`, `NU.nl` and `D'Ieteren` (one token each).
 *
 * An article belongs to a spelling only where it is part of the name as written (`De Standaard`,
 * `de Volkskrant`); a name whose article is written in lower case also gets the capitalized spelling that
 * opens a sentence, since the gazetteer matches case as written.
 *
 * Deliberately absent, as in news they are mostly common words or the names of places or people:
 * - clubs named after their town alone (`Genk`, `Brugge`, `Twente`, `Liverpool`, `Dortmund`): the club
 *   is listed under its full name (`KRC Genk`, `FC Twente`);
 * - names that are also frequent Dutch words in capitals, where an all-capitals headline (and the
 *   capitals copies of training sentences) would make every `is` or `om` a match: `IS` (Islamitische
 *   Staat), `OM` (Openbaar Ministerie), `VIER` (the channel); `DENK` is kept, the only way the party is
 *   written;
 * - one- and two-letter forms of several meanings (`X`, `CD`, `CU`, `LR`, `CM`), and common words that
 *   name a company or channel only now and then (`Action`, `Total`, `Metro`, `Eén`, `Union`).
 */
export type OrganisationCategory = 'ORG-party' | 'ORG-media' | 'ORG-public' | 'ORG-company' | 'ORG-club';

/** Parties of the last 30 years with their former names, their European groups, and political and armed movements. */
const PARTIES: readonly string[] = [
  // Flanders. Groen! (2003-2012) is matched by Groen: the tokenizer splits off the exclamation mark.
  'CD & V | cd & v | CVP | Christelijke Volkspartij | Christen-Democratisch en Vlaams',
  'sp . a | Sp . a | SP . A | Socialistische Partij Anders | Vooruit',
  // SP is also the Dutch Socialistische Partij, PVV also the Dutch Partij voor de Vrijheid: one entry each.
  'SP | Socialistische Partij',
  // VU alone is the Volksunie: the Vrije Universiteit is listed as VU Amsterdam.
  'VU | Volksunie | N-VA | Nieuw-Vlaamse Alliantie | Spirit',
  'Agalev | Groen',
  'Vlaams Blok | Vlaams Belang',
  'VLD | Open VLD | Open Vld | Vlaamse Liberalen en Democraten | PVV | Partij voor Vrijheid en Vooruitgang',
  // The Belgian PVDA and the Dutch PvdA share their full name.
  'PVDA | PTB | PVDA-PTB | Partij van de Arbeid',
  'LDD | Lijst Dedecker',
  'Team Fouad Ahidar',
  // Wallonia and Brussels.
  'PS | Parti Socialiste',
  'MR | Mouvement Réformateur | PRL | Parti Réformateur Libéral',
  'FDF | Front Démocratique des Francophones | DéFI | Défi',
  'Ecolo',
  'PSC | Parti Social Chrétien | cdH | CDH | Centre Démocrate Humaniste | Les Engagés',
  'Front National | FN',
  'ProDG',
  // The Netherlands.
  'VVD | Volkspartij voor Vrijheid en Democratie',
  'PvdA | GroenLinks | GroenLinks-PvdA | GL-PvdA',
  'CDA | Christen-Democratisch Appèl',
  'D66 | Democraten 66',
  'Partij voor de Vrijheid',
  'ChristenUnie | GPV | RPF',
  'SGP | Staatkundig Gereformeerde Partij',
  'PvdD | Partij voor de Dieren',
  'FvD | FVD | Forum voor Democratie',
  'JA21',
  'BBB | BoerBurgerBeweging',
  'NSC | Nieuw Sociaal Contract',
  // Volt, Vooruit and Groen are also common words, but only in lower case.
  'Volt',
  'DENK',
  '50PLUS | 50Plus',
  'LPF | Lijst Pim Fortuyn',
  'Leefbaar Nederland | Leefbaar Rotterdam',
  'Bij1 | BIJ1',
  'Trots op Nederland',
  'Centrumdemocraten',
  'BVNL | Belang van Nederland',
  // Europe.
  'EVP | Europese Volkspartij',
  'S & D | Renew Europe | ECR | Patriotten voor Europa',
  'CDU | CSU | CDU / CSU | SPD | FDP | AfD | Alternative für Deutschland | Die Linke | BSW',
  'Labour | Labour Party | Conservatieve Partij | Conservatieven | Tories | Liberal Democrats | Lib Dems',
  'SNP | Reform UK | UKIP | Brexit Party',
  'Sinn Féin | DUP | Fianna Fáil | Fine Gael',
  'Rassemblement National | RN | Les Républicains | La France Insoumise | LFI | En Marche | La République En Marche',
  "Fratelli d'Italia | Lega | Lega Nord | Forza Italia | Partito Democratico | Vijfsterrenbeweging | M5S",
  'PSOE | Partido Popular | PP | Vox | Podemos | Sumar | Junts',
  'Fidesz | PiS | Recht en Rechtvaardigheid | Burgerplatform',
  'FPÖ | ÖVP | SPÖ',
  'Syriza | Nea Dimokratia | Gouden Dageraad',
  'Zweedse Democraten | Ware Finnen | Deense Volkspartij',
  // Elsewhere.
  'Republikeinse Partij | Republikeinen | GOP | Democratische Partij | Democraten',
  'AKP | CHP | Verenigd Rusland | Likud | ANC | BJP | Congrespartij',
  'Communistische Partij',
  // Movements, armed ones included, that news names as actors alongside parties.
  'Hamas | Fatah | Hezbollah | Islamitische Staat | ISIS | Al Qaida | Al Qaeda | Taliban | PKK | IRA | ETA | Houthi',
];

/** Newspapers, magazines, broadcasters, press agencies and media groups. */
const MEDIA: readonly string[] = [
  // Flanders and Brussels.
  'De Standaard',
  'De Morgen',
  'Het Laatste Nieuws | HLN',
  'Het Nieuwsblad',
  'Gazet van Antwerpen | GVA',
  'Het Belang van Limburg | HBvL | HBVL',
  'De Tijd',
  'Het Volk',
  'Knack | Humo | Trends | Dag Allemaal',
  // Klara (the radio channel) is a first name too, Apache (the news site) a people and a helicopter.
  'VRT | VRT NWS | VRT Nieuws | Canvas | Radio 1 | Radio 2 | Studio Brussel | MNM',
  'VTM | VTM Nieuws | Qmusic | Kanaal Z | ATV | Bruzz',
  'Belga',
  'DPG Media | De Persgroep | Mediahuis | Corelio | Roularta',
  'Le Soir | La Libre Belgique | La Libre | La Dernière Heure | DH | Sudpresse | Le Vif | RTBF | RTL-TVI',
  // The Netherlands.
  'NOS | NPO | NPO 1 | NPO Radio 1',
  'RTL | RTL 4 | RTL Nieuws | SBS6 | SBS 6',
  'NU.nl | nu.nl',
  'NRC | NRC Handelsblad | nrc',
  'de Volkskrant | De Volkskrant',
  'Trouw',
  'AD | Algemeen Dagblad',
  'Het Parool',
  'De Telegraaf',
  'Het Financieele Dagblad | FD',
  'Elsevier | Elsevier Weekblad | EW | Vrij Nederland | De Groene Amsterdammer | De Correspondent | Follow the Money | GeenStijl',
  'ANP',
  'BNR | BNR Nieuwsradio',
  'VPRO | KRO-NCRV | BNNVARA | AVROTROS | EO | Omroep MAX | PowNed | WNL | Ongehoord Nederland',
  'Omroep Brabant | Omroep West | RTV Rijnmond | NH Nieuws | Omroep Gelderland | RTV Noord | 1Limburg',
  'Dagblad van het Noorden | Leeuwarder Courant | De Gelderlander | Brabants Dagblad | Eindhovens Dagblad | Tubantia | De Stentor | PZC | Noordhollands Dagblad | Haarlems Dagblad | De Limburger',
  // International.
  'Reuters | AFP | Agence France-Presse | AP | Associated Press | Bloomberg | Xinhua | TASS | Tass | RIA Novosti | Interfax | Ukrinform | Kyodo',
  'BBC | CNN | Fox News | Al Jazeera | Sky News | Euronews | NBC | ABC | NPR | Deutsche Welle | ARD | ZDF | TF1 | France 24 | Russia Today',
  'The New York Times | New York Times | The Washington Post | Washington Post | The Wall Street Journal | Wall Street Journal',
  'Financial Times | The Guardian | The Times | The Economist | The Telegraph | Daily Mail | The Sun | Politico | Axios | Newsweek | The Atlantic',
  'Der Spiegel | Die Zeit | Frankfurter Allgemeine Zeitung | FAZ | Süddeutsche Zeitung | Bild | Die Welt',
  'Le Monde | Le Figaro | Libération | El País | Corriere della Sera | La Repubblica | Haaretz | The Times of Israel | Times of Israel | Kyiv Independent',
];

/**
 * Public bodies, courts, parliaments, international organisations, universities and hospitals, unions and
 * employers, NGOs and sports federations: the organisations that are neither a party, a medium, a company
 * nor a club.
 */
const PUBLIC: readonly string[] = [
  // International organisations, in Dutch and by the abbreviations news uses.
  'VN | Verenigde Naties | VN-Veiligheidsraad | Veiligheidsraad | Algemene Vergadering',
  'NAVO | NATO',
  'EU | Europese Unie | Europese Commissie | Europees Parlement | Europese Raad | Raad van Europa',
  'Europees Hof van Justitie | Hof van Justitie | Europees Mensenrechtenhof | EHRM',
  'ECB | Europese Centrale Bank | EIB | Frontex | Europol | Eurojust | Eurostat | EMA',
  'IMF | Internationaal Monetair Fonds | Wereldbank | WTO | Wereldhandelsorganisatie | OESO | OECD | OPEC',
  'WHO | Wereldgezondheidsorganisatie | Unicef | UNICEF | UNHCR | Unesco | UNESCO | UNRWA | FAO | ILO | IOM | WMO',
  'IAEA | Internationaal Atoomenergieagentschap | IEA | Internationaal Energieagentschap',
  'Internationaal Strafhof | ICC | Internationaal Gerechtshof | Interpol | OVSE | Afrikaanse Unie | Arabische Liga | ASEAN',
  // Belgium. Kamer and Senaat with a capital are the parliament, as are Congres and Doema abroad.
  'Kamer | Kamer van Volksvertegenwoordigers | Senaat | Vlaams Parlement | Vlaamse Regering | Waals Parlement | Brussels Parlement',
  'Raad van State | Grondwettelijk Hof | Hof van Cassatie | Rekenhof',
  'Nationale Bank | Nationale Bank van België | NBB | FSMA',
  'Federale Politie | Dienst Vreemdelingenzaken | DVZ | Fedasil | CGVS | Staatsveiligheid | OCAD | Comité P',
  'Sciensano | FAVV | FANC | RIZIV | RVA | VDAB | Actiris | Forem | Le Forem | Kind en Gezin | Vlaamse Milieumaatschappij | VMM | Unia | Myria | Child Focus',
  // The Netherlands.
  'Tweede Kamer | Eerste Kamer | Staten-Generaal | Hoge Raad | Algemene Rekenkamer | Rekenkamer | Nationale Ombudsman | Kiesraad',
  'De Nederlandsche Bank | DNB | Centraal Planbureau | CPB | Planbureau voor de Leefomgeving | PBL | Sociaal en Cultureel Planbureau | SCP',
  // CBS is in Dutch news far more often the statistics office than the American broadcaster.
  'CBS | Centraal Bureau voor de Statistiek | RIVM | GGD | KNMI | Belastingdienst | UWV | SVB | DUO | IND | COA',
  'Openbaar Ministerie | AIVD | MIVD | NCTV | Koninklijke Marechaussee | Marechaussee | Rijkswaterstaat',
  'ACM | AFM | Autoriteit Persoonsgegevens | NVWA | Onderzoeksraad voor Veiligheid | OVV | SER | Sociaal-Economische Raad | WRR',
  // Ministries as news names them after `ministerie van`; capitalized, these words name the ministry.
  'Buitenlandse Zaken | Binnenlandse Zaken | Economische Zaken | Sociale Zaken | Financiën | Justitie | Defensie',
  'OCW | VWS | BZK | EZK',
  // Elsewhere.
  'Congres | Huis van Afgevaardigden | Hooggerechtshof | Supreme Court | FBI | CIA | NSA | Fed | Federal Reserve | FDA | CDC | NASA',
  'Bundestag | Bundesrat | Nationale Assemblee | Lagerhuis | Hogerhuis | Knesset | Doema | Mossad | FSB | KGB',
  // Universities, hospitals and research institutes.
  'KU Leuven | UGent | Universiteit Gent | VUB | Vrije Universiteit Brussel | UAntwerpen | Universiteit Antwerpen | UHasselt | Universiteit Hasselt',
  'ULB | UCLouvain | ULiège',
  'Universiteit Leiden | Universiteit Utrecht | Universiteit van Amsterdam | UvA | VU Amsterdam | Vrije Universiteit Amsterdam',
  'Erasmus Universiteit | Erasmus Universiteit Rotterdam | Radboud Universiteit | Rijksuniversiteit Groningen | RUG',
  'TU Delft | TU Eindhoven | Universiteit Twente | Wageningen University | WUR | Tilburg University | Maastricht University',
  'Harvard | Harvard University | Stanford | MIT',
  'UZ Leuven | UZ Gent | UZ Brussel | UZA | Erasmus MC | UMC Utrecht | Amsterdam UMC | LUMC | Radboudumc | UMCG',
  'imec | VITO | TNO | KMI | Koninklijk Meteorologisch Instituut | Instituut voor Tropische Geneeskunde',
  // Unions, employers, mutual insurers, consumers.
  'ABVV | FGTB | ACV | CSC | ACLVB | CGSLB | ACOD | ACV Puls | BBTK',
  'FNV | CNV',
  'VBO | FEB | Voka | Unizo | Agoria | Boerenbond | Febelfin | Comeos',
  'VNO-NCW | MKB-Nederland | LTO | LTO Nederland',
  'Christelijke Mutualiteit | Socialistische Mutualiteiten | Solidaris | Test Aankoop | Consumentenbond',
  // NGOs.
  'Artsen Zonder Grenzen | AZG | MSF | Médecins Sans Frontières',
  'Amnesty International | Amnesty | Human Rights Watch | Greenpeace | Oxfam | Oxfam Novib | Save the Children | WWF | Caritas',
  'Rode Kruis | Internationale Rode Kruis | Internationaal Comité van het Rode Kruis | ICRC | Rode Halve Maan',
  '11.11.11 | Vluchtelingenwerk Vlaanderen | VluchtelingenWerk Nederland | Natuurpunt | Bond Beter Leefmilieu | Milieudefensie | Extinction Rebellion',
  // Sports federations.
  'FIFA | UEFA | IOC | Internationaal Olympisch Comité | KBVB | KNVB | Pro League | UCI | WADA',
];

/** Companies, state-owned ones included. */
const COMPANIES: readonly string[] = [
  // Belgium.
  'AB InBev | Anheuser-Busch InBev | InBev | Duvel Moortgat | Lotus Bakeries',
  'KBC | Belfius | BNP Paribas Fortis | BNP Paribas | Fortis | Dexia | Argenta | Ageas | Ethias | Euroclear',
  'Proximus | Belgacom | Telenet | Orange',
  // bpost writes itself in lower case; at the start of a sentence news capitalizes it.
  'bpost | Bpost',
  'Colruyt | Delhaize | Ahold Delhaize | Ahold',
  'Solvay | Umicore | UCB | Bekaert | Barco | Agfa | Agfa-Gevaert | Ontex | Sofina | GBL',
  "D'Ieteren | Van Hool | DEME | Jan De Nul | Besix",
  'Engie | Electrabel | Luminus | Fluxys | Elia',
  'NMBS | SNCB | Infrabel | De Lijn | MIVB | TEC',
  'Brussels Airlines | Ryanair | TUI',
  // The Netherlands.
  'Philips | Shell | Royal Dutch Shell | Unilever | ASML | NXP | TomTom | Wolters Kluwer',
  'ING | ABN Amro | ABN AMRO | Rabobank | Aegon | NN Group | Achmea | Adyen',
  'Albert Heijn | Jumbo | HEMA | Hema | Kruidvat | Coolblue | bol.com | Bol.com | Booking.com',
  'PostNL | KPN | VodafoneZiggo | Ziggo | Odido | T-Mobile',
  'KLM | Air France-KLM | Air France | Transavia',
  'NS | ProRail | GVB',
  'Heineken | AkzoNobel | Akzo Nobel | DSM | DSM-Firmenich | Tata Steel | Boskalis | BAM | Randstad | Prosus | Just Eat Takeaway | Thuisbezorgd',
  // Global.
  'Apple | Google | Alphabet | Meta | Facebook | Twitter | TikTok | ByteDance | Microsoft | Amazon | Netflix | Disney | Spotify',
  'Tesla | SpaceX | OpenAI | Anthropic | Nvidia | Intel | AMD | IBM | Oracle | SAP | TSMC | Qualcomm | Foxconn',
  'Samsung | Huawei | Xiaomi | Sony | Lenovo | Nokia | Ericsson | Vodafone',
  'Uber | Airbnb | Zalando | Alibaba | Temu | Shein | Tencent | PayPal | eBay',
  'Volkswagen | BMW | Mercedes-Benz | Mercedes | Daimler | Audi | Porsche | Renault | Peugeot | Stellantis | Fiat | Volvo | Toyota | Nissan | Honda | Hyundai | BYD',
  'Airbus | Boeing | Lockheed Martin | Lufthansa | easyJet | Wizz Air',
  'Pfizer | BioNTech | Moderna | AstraZeneca | Johnson & Johnson | Janssen Pharmaceutica | GSK | GlaxoSmithKline | Novartis | Roche | Sanofi | Bayer | BASF | Siemens',
  "Nestlé | Danone | Coca-Cola | PepsiCo | McDonald's | Starbucks | Nike | Adidas | IKEA | Ikea | Primark | Zara | H & M | Aldi | Lidl | Carrefour",
  'Gazprom | Rosneft | Lukoil | Saudi Aramco | Aramco | BP | ExxonMobil | Exxon | Chevron | TotalEnergies | Equinor | Glencore | ArcelorMittal',
  "Goldman Sachs | JPMorgan | JP Morgan | Morgan Stanley | BlackRock | Deutsche Bank | Commerzbank | Credit Suisse | UBS | HSBC | Barclays | Santander | AXA | Euronext | Mastercard | Standard & Poor's | S & P | Moody's",
  'Maersk | MSC | CMA CGM | Deutsche Bahn | Eurostar | Thalys',
  'Wagnergroep | Red Bull | Ferrari | Ineos',
];

/** Football and other sports clubs and teams, in the short forms news uses. */
const CLUBS: readonly string[] = [
  // Belgium. Antwerp, the English name, is the club: Dutch writes the city Antwerpen.
  'Anderlecht | RSC Anderlecht | Club Brugge | Cercle Brugge | AA Gent | KAA Gent | KRC Genk | Racing Genk | Standard | Standard Luik',
  // Lierse alone is also the adjective of the town Lier.
  'Antwerp | Royal Antwerp | Royal Antwerp FC | Union SG | Union Saint-Gilloise | Union Sint-Gillis | Beerschot | KV Mechelen | Lierse SK | Lierse Kempenzonen',
  'KV Kortrijk | Zulte Waregem | Essevee | OH Leuven | Oud-Heverlee Leuven | STVV | Sporting Charleroi | KAS Eupen | KVC Westerlo | FCV Dender | RWDM | KV Oostende',
  // The Netherlands. Willem II is far more often the Tilburg club than the king in news.
  'Ajax | PSV | PSV Eindhoven | Feyenoord | AZ | AZ Alkmaar | FC Twente | FC Utrecht | FC Groningen | sc Heerenveen | SC Heerenveen | Vitesse',
  'NEC | NEC Nijmegen | Sparta Rotterdam | Go Ahead Eagles | Heracles | Heracles Almelo | PEC Zwolle | Fortuna Sittard | RKC Waalwijk | NAC | NAC Breda',
  'Willem II | Almere City | FC Volendam | Excelsior | ADO Den Haag | Roda JC | De Graafschap | SC Cambuur | Cambuur',
  // Europe. Bayern is the club: Dutch names the state Beieren; Napoli likewise beside Napels.
  'Real Madrid | Atlético Madrid | FC Barcelona | Barça | Bayern München | Bayern | Borussia Dortmund | RB Leipzig | Bayer Leverkusen',
  'Manchester United | Manchester City | Liverpool FC | Arsenal | Chelsea | Tottenham Hotspur | Tottenham | Newcastle United',
  'Juventus | AC Milan | Inter | Inter Milaan | AS Roma | Napoli | Lazio Roma',
  'Paris Saint-Germain | PSG | Olympique Marseille | Olympique Lyon | AS Monaco',
  'Benfica | FC Porto | Sporting Lissabon | Celtic | Glasgow Rangers | Galatasaray | Fenerbahçe | Beşiktaş | Olympiakos | Dinamo Zagreb | Shakhtar Donetsk | Red Bull Salzburg',
  // Cycling teams, under the sponsors' names news used for them.
  'Soudal Quick-Step | Quick-Step | Deceuninck-Quick-Step | Lotto-Soudal | Lotto Dstny | Alpecin-Deceuninck | Intermarché-Wanty',
  'Jumbo-Visma | Visma-Lease a Bike | UAE Team Emirates | Ineos Grenadiers',
];

const TABLE: Readonly<Record<OrganisationCategory, readonly string[]>> = {
  'ORG-party': PARTIES,
  'ORG-media': MEDIA,
  'ORG-public': PUBLIC,
  'ORG-company': COMPANIES,
  'ORG-club': CLUBS,
};

/** The names of each category as written in the table, one organisation's spellings after another. */
export function organisationNames(): Record<OrganisationCategory, string[]> {
  const names = {} as Record<OrganisationCategory, string[]>;
  for (const [category, lines] of Object.entries(TABLE)) {
    names[category as OrganisationCategory] = lines.flatMap((line) => line.split('|').flatMap((name) => spellings(name.trim())));
  }
  return names;
}

/**
 * A name as this tokenizer splits it (`CD & V`, `sp . a`) and, where that differs, as one token
 * (`CD&V`, `sp.a`): text tokenized elsewhere, such as an annotated corpus, may keep it whole.
 */
function spellings(name: string): string[] {
  const joined = name.replace(/ ([&.]) /g, '$1');
  return joined === name ? [name] : [name, joined];
}
