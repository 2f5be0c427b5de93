import { nationalityForms } from './nationalities.ts';

/**
 * General Dutch words that announce a name next to them: a title or function before a person
 * (`minister Blinken`, `woordvoerder Jan Peeters`), a word of speech or attribution around one
 * (`zei Peeters`, `volgens Peeters`), the head or legal form of an organisation (`de bank ING`,
 * `Agfa-Gevaert NV`), a nationality adjective before an organisation or a person (`de Franse
 * Assemblee`). The tagger learns how much each class says, also for words it never saw
 * next to a name in its training data.
 */
export type TriggerClass = 'TITLE' | 'SPEECH' | 'ORG' | 'NATIONALITY';

/** Titles, functions and professions that stand before a person's name; female forms included. */
const TITLES = `
  minister ministers premier president presidente kanselier staatssecretaris commissaris eurocommissaris
  senator kamerlid parlementslid europarlementslid volksvertegenwoordiger gedeputeerde schepen burgemeester
  gouverneur wethouder raadslid fractieleider partijleider lijsttrekker kandidaat ambassadeur consul gezant
  koning koningin prins prinses kroonprins kroonprinses keizer keizerin vorst vorstin graaf gravin hertog
  hertogin baron barones jonkheer ridder sir lord lady sjeik emir sultan
  paus kardinaal aartsbisschop bisschop pastoor priester dominee imam rabbijn ayatollah abt zuster broeder
  generaal kolonel majoor kapitein luitenant sergeant commandant admiraal opperbevelhebber
  voorzitter voorzitster ondervoorzitter covoorzitter secretaris penningmeester woordvoerder woordvoerster
  directeur directrice bestuurder topman topvrouw baas ceo cfo coo oprichter medeoprichter eigenaar
  manager chef hoofdredacteur redacteur journalist correspondent columnist
  advocaat advocate meester rechter onderzoeksrechter procureur aanklager officier notaris
  professor prof hoogleraar docent onderzoeker wetenschapper dokter dr arts chirurg psychiater
  coach trainer bondscoach speler spits aanvaller middenvelder verdediger doelman keeper
  renner wielrenner kopman ploegleider atleet tennisser zwemmer schaatser
  zanger zangeres acteur actrice regisseur schrijver schrijfster auteur dichter kunstenaar architect
  componist dirigent presentator presentatrice
  mevrouw meneer heer mevr dhr mr mw lid
`;

/** Words of speech and attribution: who said or claims something is usually named beside them. */
const SPEECH = `
  zei zegt zeggen zeiden gezegd verklaarde verklaart verklaarden verklaard aldus volgens
  vertelde vertelt vertelden verteld meldde meldt melden gemeld stelde stelt stellen gesteld
  benadrukte benadrukt onderstreepte onderstreept reageerde reageert antwoordde antwoordt
  liet bevestigde bevestigt ontkende ontkent beweerde beweert
  waarschuwde waarschuwt schreef schrijft tweette tweet kondigde aangekondigd
`;

/** Heads and legal forms of organisations: around a name, or part of it. */
const ORGANISATIONS = `
  nv bv vzw cvba bvba comm.v sa ag gmbh ltd inc plc corp co llc spa
  partij ministerie departement regering kabinet parlement kamer senaat raad commissie agentschap
  universiteit hogeschool school academie instituut ziekenhuis kliniek museum
  bank verzekeraar bedrijf firma onderneming concern groep holding maatschappij fabrikant producent
  federatie bond vakbond vereniging stichting fonds organisatie ngo beweging coalitie alliantie
  rechtbank hof tribunaal politie parket
  krant dagblad weekblad tijdschrift zender omroep
  club ploeg team elftal
`;

const words = (list: string) => list.split(/\s+/).filter((word) => word !== '');

const CLASSES = new Map<string, TriggerClass>([
  ...nationalityForms().map((form) => [form.toLowerCase(), 'NATIONALITY'] as const),
  ...words(TITLES).map((word) => [word, 'TITLE'] as const),
  ...words(SPEECH).map((word) => [word, 'SPEECH'] as const),
  ...words(ORGANISATIONS).map((word) => [word, 'ORG'] as const),
]);

/** Prefixes that keep a title a title: `oud-minister`, `ex-premier`, `vicepremier`, `vice-president`. */
const TITLE_PREFIXES = ['oud', 'ex', 'vice', 'co', 'interim', 'adjunct'];

/**
 * The shortest head a compound is recognized by: `justitieminister`, `partijvoorzitter`,
 * `vakbond`; shorter ones (`arts`, `hof`, `bond` in `verbond`) would find too many words that
 * merely end like them.
 */
const MIN_HEAD = 5;
const MIN_MODIFIER = 3;

/**
 * The trigger class of a word, by its lower-case form: the word itself (without an abbreviation's dot), the part after its last
 * hyphen (`oud-minister`, `VRT-woordvoerder`), a title behind a prefix (`vicepremier`), or the head
 * of a compound (Dutch compounds end in their head: `justitieminister`, `vakbond`).
 */
export function triggerClass(lower: string): TriggerClass | undefined {
  // Abbreviated titles and legal forms keep their dot: `dr.`, `prof.`, `Co.`.
  const bare = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  const exact = CLASSES.get(bare);
  if (exact !== undefined) return exact;
  const hyphen = bare.lastIndexOf('-');
  if (hyphen >= 0) return hyphen < bare.length - 1 ? triggerClass(bare.slice(hyphen + 1)) : undefined;
  for (const prefix of TITLE_PREFIXES) {
    if (bare.startsWith(prefix) && CLASSES.get(bare.slice(prefix.length)) === 'TITLE') return 'TITLE';
  }
  for (let start = MIN_MODIFIER; bare.length - start >= MIN_HEAD; start++) {
    const head = CLASSES.get(bare.slice(start));
    if (head === 'TITLE' || head === 'ORG') return head;
  }
  return undefined;
}
