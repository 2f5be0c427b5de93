/**
 * Word lists for the rule-based extractor. They describe Dutch in general (function words,
 * titles, words that mark organisations), never particular articles.
 */
const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Words that are capitalized only because they open a sentence. */
export const FUNCTION_WORDS = words(`
  de het een den der des dat die dit deze wat wie welke waar wanneer hoe waarom
  en of maar want dus toch ook nog al als zoals omdat terwijl hoewel toen nu dan zo niet geen wel
  ik jij je u hij zij ze wij we jullie men er hier daar zijn haar hun hem mijn ons onze uw
  in op aan bij met voor na naar uit van over onder boven tussen tijdens sinds door zonder tot
  volgens ondanks rond om tegen achter naast binnen buiten vanaf vanuit per via
  veel meer minder meest eerder later verder daarna daarom bovendien intussen inmiddels ook
  eens ooit vaak soms altijd nooit alleen zelfs vooral echter wellicht misschien ja nee
  er alle elke ieder iedereen niemand niets iets sommige andere enkele beide
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag vandaag gisteren morgen
  januari februari maart april mei juni juli augustus september oktober november december
`);

/** Titles and roles that stand before a person's name ("minister Lavrov", "president Poetin"). */
export const PERSON_TITLES = words(`
  president premier minister staatssecretaris kanselier koning koningin prins prinses paus
  woordvoerder woordvoerster ambtgenoot burgemeester senator generaal commandant voorzitter
  directeur topman topvrouw ceo oud-president ex-president minister-president
  dhr mevr mevrouw meneer heer mr dr prof ir ing sir lord
  schrijver zanger zangeres acteur actrice trainer coach rechter advocaat
`);

/** Words that, inside a name, make it an organisation. */
export const ORGANISATION_WORDS = words(`
  groep partij bank raad commissie unie universiteit ministerie departement department
  bond vereniging stichting federatie organisatie agentschap instituut hof rechtbank
  parlement kamer senaat regering leger politie brandweer krant omroep nieuws
  bedrijf concern fabriek holding company corporation inc ltd nv bv club fc
  zaken huis alliantie coalitie front beweging
`);

/** Prepositions after which a capitalized name is usually a place ("in Genève", "naar Kiev"). */
export const PLACE_PREPOSITIONS = words(`in naar uit te vanuit nabij richting`);

/** Lower-case particles inside names ("Groep van Twintig", "Ursula von der Leyen"). */
export const NAME_PARTICLES = words(`van der den de von la le du da dos del ter ten bin al`);
