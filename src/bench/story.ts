import { FAMOUS, type Name, randomName } from './names.ts';
import { MINISTRIES, PARTIES, randomOrganisation } from './organisations.ts';
import { amount, clockTime, dayOfMonth, MONTHS, percentage, period, when } from './phrases.ts';
import { FOREIGN_CITIES, places } from './places.ts';
import type { Random } from './random.ts';

interface Person {
  name: Name;
  role: string;
  /** The first mention gives the full name and the function; later ones the surname. */
  introduced: boolean;
}

/** Who and what one article is about: its sentences keep coming back to them. */
export interface Story {
  random: Random;
  people: Person[];
  town: string;
  otherTown: string;
  foreignCity: string;
  country: string;
  organisation: string;
  topic: string;
  /** The sentence templates not yet used in this article. */
  unused: Template[];
}

const TOPICS = [
  'de woningbouw', 'het stikstofbeleid', 'de energieprijzen', 'de asielopvang', 'de zorgkosten', 'het lerarentekort',
  'de inflatie', 'de klimaatdoelen', 'het openbaar vervoer', 'de pensioenen', 'de arbeidsmarkt', 'de luchtkwaliteit',
  'de jeugdzorg', 'de wachtlijsten', 'de netcongestie', 'de huurprijzen', 'de veiligheid op straat', 'de drinkwatervoorziening',
] as const;
const FIELDS = ['economie', 'bestuurskunde', 'klimaatwetenschap', 'geschiedenis', 'rechten', 'epidemiologie', 'sociologie'] as const;

function randomRole(random: Random, town: string, organisation: string): string {
  switch (random.int(0, 6)) {
    case 0:
      return `minister van ${random.pick(MINISTRIES)}`;
    case 1:
      return `burgemeester van ${town}`;
    case 2:
      return `wethouder van ${town}`;
    case 3:
      return `woordvoerder van ${organisation}`;
    case 4:
      return `directeur van ${organisation}`;
    case 5:
      return `hoogleraar ${random.pick(FIELDS)} aan de Universiteit van ${town}`;
    default:
      return `${random.pick(PARTIES)}-Kamerlid`;
  }
}

export function newStory(random: Random): Story {
  const { towns, countries } = places();
  const town = random.pick(towns);
  const organisation = randomOrganisation(random, town);
  const people: Person[] = Array.from({ length: random.int(2, 4) }, () => ({ name: randomName(random), role: randomRole(random, town, organisation), introduced: false }));
  if (random.chance(0.4)) people.splice(random.int(0, people.length), 0, { ...random.pick(FAMOUS), introduced: false });
  return {
    random,
    people,
    town,
    otherTown: random.pick(towns),
    foreignCity: random.pick(FOREIGN_CITIES),
    country: random.pick(countries),
    organisation,
    topic: random.pick(TOPICS),
    unused: [],
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "minister van Financiën Anouk de Vries" the first time, "De Vries" after. */
function mention(person: Person): string {
  if (person.introduced) return person.name.surname;
  person.introduced = true;
  return `${person.role} ${person.name.full}`;
}

const someone = (story: Story) => mention(story.random.pick(story.people));

/** Two different people of the story, for a sentence about the one meeting the other. */
function twoPeople(story: Story): [string, string] {
  const first = story.random.int(0, story.people.length - 1);
  const second = (first + story.random.int(1, story.people.length - 1)) % story.people.length;
  return [mention(story.people[first]!), mention(story.people[second]!)];
}

/** "Minister … sprak met …": the first of two people opens the sentence. */
const meeting = (story: Story, sentence: (first: string, second: string) => string) => {
  const [first, second] = twoPeople(story);
  return sentence(capitalized(first), second);
};

const OPENERS = ['We moeten', 'Het kabinet moet', 'De gemeente gaat', 'Niemand wil', 'Wij blijven'] as const;
const ACTIONS = ['sneller aanpakken', 'niet langer laten liggen', 'serieus nemen', 'eerlijker regelen', 'beter uitleggen'] as const;
const VERDICTS = ['een belangrijke stap', 'een teleurstelling', 'hard nodig', 'veel te laat', 'een begin'] as const;
const CHANGES = ['gestegen', 'gedaald', 'verdubbeld', 'gehalveerd'] as const;
const PLACES_IN_TOWN = ['het stadhuis', 'het Malieveld', 'het station', 'het provinciehuis', 'de Markt'] as const;

/** What a person in the story says, with or without quotation marks around it. */
function claim(story: Story): string {
  const { random, topic } = story;
  return random.chance(0.5) ? `${random.pick(OPENERS)} ${topic} ${random.pick(ACTIONS)}` : `Dit is ${random.pick(VERDICTS)} voor ${topic}`;
}

/** The first sentence: it opens with its subject, never with a time, which would read as part of the date header. */
export function leadSentence(story: Story): string {
  const { random, topic } = story;
  const subject = capitalized(random.chance(0.5) ? someone(story) : story.organisation);
  return random.chance(0.5)
    ? `${subject} wil ${when(random, 'future')} een plan presenteren voor ${topic} in ${story.town}.`
    : `${subject} heeft ${when(random, 'past')} ${amount(random)} euro vrijgemaakt voor ${topic}.`;
}

type Template = (story: Story) => string;

const past = (story: Story) => when(story.random, 'past');
const future = (story: Story) => when(story.random, 'future');

const TEMPLATES: readonly Template[] = [
  (s) => `"${claim(s)}", zei ${someone(s)} ${past(s)}.`,
  (s) => `Volgens ${someone(s)} zijn de kosten van ${s.topic} sinds ${s.random.pick(MONTHS)} met ${percentage(s.random)} ${s.random.pick(CHANGES)}.`,
  (s) => meeting(s, (a, b) => `${a} sprak ${past(s)} in ${s.town} met ${b} over ${s.topic}.`),
  (s) => `De gemeente ${s.otherTown} besloot ${past(s)} ${amount(s.random)} euro te investeren in ${s.topic}.`,
  (s) => `${capitalized(s.organisation)} laat weten dat het ${future(s)} ${s.random.int(3, 900)} nieuwe medewerkers zoekt.`,
  (s) => `${capitalized(someone(s))} werkte ${period(s.random)} in ${s.random.pick([s.foreignCity, s.country])} en kent het dossier goed.`,
  (s) => `Ook in ${s.country} wordt nagedacht over ${s.topic}, zegt ${someone(s)}.`,
  (s) => `De demonstratie begint ${s.random.pick(['zaterdag', 'zondag', `op ${dayOfMonth(s.random)}`])} om ${clockTime(s.random)} bij ${s.random.pick(PLACES_IN_TOWN)} in ${s.town}.`,
  (s) => `${capitalized(someone(s))} zal ${future(s)} een besluit nemen, meldt ${s.organisation}.`,
  (s) => `Het voorstel komt ${future(s)} aan de orde in de Tweede Kamer, waar ${someone(s)} het wil verdedigen.`,
  (s) => `${claim(s)}, aldus ${someone(s)}.`,
  (s) => `Bij ${s.organisation} werken inmiddels ${amount(s.random)} mensen, ${percentage(s.random)} meer dan ${s.random.pick(['vorig jaar', 'twee jaar geleden', `in ${s.random.int(2000, 2020)}`])}.`,
  (s) => meeting(s, (a, b) => `${a} reisde ${past(s)} naar ${s.foreignCity} voor overleg met ${b}.`),
  (s) => `Critici vinden dat ${s.topic} ${past(s)} te weinig aandacht kregen, zei ${someone(s)}.`,
  (s) => meeting(s, (a, b) => `${a} gaat ${future(s)} met ${b} in gesprek over de gevolgen voor ${s.otherTown}.`),
  (s) => `De Tweede Kamer debatteert ${future(s)} over ${s.topic}; ${someone(s)} wil dan opheldering.`,
  (s) => `Uit cijfers van het CBS blijkt dat ${amount(s.random)} huishoudens in ${s.town} ${past(s)} hulp kregen.`,
  (s) => meeting(s, (a, b) => `"${claim(s)}. Dat heb ik ${past(s)} ook tegen ${b} gezegd", vertelt ${a}.`),
  (s) => `Het overleg duurde ${s.random.int(2, 5)} uur, en ${someone(s)} noemde het achteraf "${s.random.pick(VERDICTS)}".`,
  (s) => `${capitalized(s.organisation)} werd ${period(s.random)} geleid door ${someone(s)}, die ${past(s)} in ${s.otherTown} afscheid nam.`,
  (s) => `In ${s.foreignCity} kwamen ${past(s)} ruim ${s.random.int(2, 90)}00 mensen bijeen om te protesteren tegen ${s.topic}.`,
  (s) => `Een woordvoerder van ${s.organisation} wilde ${past(s)} niet reageren op vragen over ${s.topic}.`,
];

/**
 * The share of sentences that are background. Half brings the names to about 6.5 per 100 tokens,
 * as in the news of CoNLL-2002 (6.6), and the time expressions to about 3 per 100 tokens, a little
 * above the 2–2.5 of annotated news corpora such as TimeBank.
 */
const BACKGROUND_SHARE = 0.5;

const GROUPS = ['bewoners', 'ondernemers', 'deskundigen', 'ouders', 'huurders', 'zorgverleners', 'boeren', 'studenten'] as const;
const FEELINGS = ['met zorg', 'met gemengde gevoelens', 'kritisch', 'hoopvol', 'sceptisch'] as const;
const COSTS = ['de kosten', 'de gevolgen', 'de lasten', 'de risico\'s'] as const;

/**
 * Sentences that explain and weigh, as much of a news article does, without a name or a time in
 * them: they bring the generated text to the density of names and time expressions of real news.
 */
const BACKGROUND: readonly Template[] = [
  (s) => `Over ${s.topic} wordt al geruime tijd gediscussieerd, en een snelle oplossing lijkt er niet te komen.`,
  (s) => `Veel ${s.random.pick(GROUPS)} maken zich zorgen over ${s.random.pick(COSTS)} voor hun eigen buurt.`,
  (s) => `${capitalized(s.random.pick(GROUPS))} kijken ${s.random.pick(FEELINGS)} naar de plannen voor ${s.topic}.`,
  (s) => `Wat de maatregelen precies gaan kosten, is nog niet duidelijk, en ook over ${s.random.pick(COSTS)} bestaat onzekerheid.`,
  () => 'De plannen moeten nog verder worden uitgewerkt voordat er een definitief besluit kan vallen.',
  (s) => `Tegenstanders vrezen dat ${s.random.pick(COSTS)} uiteindelijk bij de gewone burger terechtkomen.`,
  () => 'Voorstanders wijzen erop dat niets doen uiteindelijk nog veel duurder uitpakt.',
  (s) => `Het is niet de eerste keer dat ${s.topic} tot felle discussies leidt.`,
  (s) => `Een meerderheid van de ondervraagde ${s.random.pick(GROUPS)} vindt dat het sneller en eenvoudiger moet.`,
  () => 'De betrokken partijen zeggen open te staan voor verder overleg, maar de standpunten liggen ver uit elkaar.',
  (s) => `Volgens ${s.random.pick(GROUPS)} die zich met het onderwerp bezighouden, is er vooral meer geld en personeel nodig.`,
  () => 'Of de aanpak het gewenste effect heeft, moet nog blijken.',
  (s) => `In andere gemeenten zijn de ervaringen met vergelijkbare maatregelen wisselend, en ook daar staat ${s.topic} hoog op de agenda.`,
  () => 'Daarbij speelt ook de vraag wie verantwoordelijk is als het misgaat.',
];

/**
 * The story's next sentence: about as often an event, naming people, places and times (every such
 * template is used once before any is used again), as background without them.
 */
export function nextSentence(story: Story): string {
  if (story.random.chance(BACKGROUND_SHARE)) return story.random.pick(BACKGROUND)(story);
  if (story.unused.length === 0) story.unused = shuffled(story.random, TEMPLATES);
  return story.unused.pop()!(story);
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const HEADINGS: readonly Template[] = [
  (s) => capitalized(s.topic.replace(/^(?:de|het) /, '')),
  (s) => `Kritiek uit ${s.otherTown}`,
  (s) => `Reactie van ${s.people[0]!.name.surname}`,
  () => 'Volgende stap',
  (s) => `Zorgen in ${s.country}`,
];

/** A short heading between paragraphs: no closing punctuation, as the article format expects. */
export const subheading = (story: Story) => story.random.pick(HEADINGS)(story);
