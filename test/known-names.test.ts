import { describe, expect, it } from 'vitest';
import { knownNamesOf } from '../src/entities/known-names.ts';
import { taggerExtractor } from '../src/entities/tagger-extractor.ts';
import { type KnownName, KnownNames, NameArchive } from '../src/ner/known-names.ts';
import { toIob2 } from '../src/ner/labels.ts';
import { Tagger } from '../src/ner/tagger.ts';
import { KnownNamesFeed, type KnownNamesTask } from '../src/workers/known-names.ts';
import { trainSurnameModel } from './support/known-names.ts';
import { recordingLogger } from './support/pipeline.ts';

const name = (text: string, type: string, mentions = 5): KnownName => ({ words: text.split(' '), type, mentions });
const options = { minMentions: 2, limit: 100 };

/** The known-name matches of each word of `text` (words split at spaces). */
function matches(known: KnownNames, text: string): Record<string, readonly string[]> {
  const words = text.split(' ');
  const found = known.addMatches(words, words.map(() => []));
  return Object.fromEntries(words.flatMap((word, i) => (found[i]!.length > 0 ? [[`${i}:${word}`, found[i]!]] : [])));
}

describe('known names', () => {
  it('match a stored name as itself and a person by the surname alone', () => {
    const known = new KnownNames([name('Antony Blinken', 'PER')], options);
    expect(matches(known, 'Antony Blinken reist ; Minister Blinken zei')).toEqual({
      '0:Antony': ['K-PER-B'],
      '1:Blinken': ['K-PER-L', 'K-PER-last-U'],
      '5:Blinken': ['K-PER-last-U'],
    });
  });

  it('keep the particles of a surname, capitalized as Dutch writes it without a first name, and take particles and a surname for a surname', () => {
    const known = new KnownNames([name('Petra De Sutter', 'PER'), name('Jan van der Berg', 'PER'), name('Van Rompuy', 'PER')], options);
    expect(matches(known, 'De Sutter en Van der Berg en van der Berg en Sutter en Rompuy')).toEqual({
      '0:De': ['K-PER-last-B'],
      '1:Sutter': ['K-PER-last-L'],
      '3:Van': ['K-PER-last-B'],
      '4:der': ['K-PER-last-I'],
      '5:Berg': ['K-PER-last-L'],
      '7:van': ['K-PER-last-B'],
      '8:der': ['K-PER-last-I'],
      '9:Berg': ['K-PER-last-L'],
    });
  });

  it('match organisations and places by their initials, and an organisation by its first word', () => {
    const known = new KnownNames([name('Verenigde Naties', 'ORG'), name('Partij van de Arbeid', 'ORG'), name('Verenigde Staten', 'LOC'), name('Ahold Delhaize', 'ORG')], options);
    expect(matches(known, 'VN PvdA PA VS Ahold')).toEqual({
      '0:VN': ['K-ORG-acronym-U'],
      '1:PvdA': ['K-ORG-acronym-U'],
      '2:PA': ['K-ORG-acronym-U'],
      '3:VS': ['K-LOC-acronym-U'],
      '4:Ahold': ['K-ORG-first-U'],
    });
  });

  it('know only names mentioned often enough, at most the most mentioned few, each as the type it was mentioned as most', () => {
    const names = [name('Gent', 'LOC', 9), name('Brugge', 'LOC', 8), name('Brugge', 'ORG', 2), name('Lier', 'LOC', 1), name('Mol', 'LOC', 3)];
    expect(matches(new KnownNames(names, { minMentions: 2, limit: 10 }), 'Gent Brugge Lier Mol')).toEqual({ '0:Gent': ['K-LOC-U'], '1:Brugge': ['K-LOC-U'], '3:Mol': ['K-LOC-U'] });
    expect(matches(new KnownNames(names, { minMentions: 2, limit: 2 }), 'Gent Brugge Lier Mol')).toEqual({ '0:Gent': ['K-LOC-U'], '1:Brugge': ['K-LOC-U'] });
  });

  it('add their matches to those of the gazetteers', () => {
    const known = new KnownNames([name('Gent', 'LOC')], options);
    expect(known.addMatches(['in', 'Gent'], [[], ['LOC-city-U']])).toEqual([[], ['LOC-city-U', 'K-LOC-U']]);
  });

  it('are split into words as the tagger splits text', () => {
    const known = knownNamesOf([{ name: 'cd&v', type: 'ORG', mentions: 3 }]);
    expect(matches(known, 'cd & v')).toEqual({ '0:cd': ['K-ORG-B'], '1:&': ['K-ORG-I'], '2:v': ['K-ORG-L'] });
  });
});

describe('an archive of tagged names', () => {
  const archive = new NameArchive()
    .add([['Jan', 'Peeters', 'zei', 'het'], ['Peeters', 'in', 'Gent']], [['B-PER', 'I-PER', 'O', 'O'], ['B-PER', 'O', 'B-LOC']])
    .add([['Gent', 'won']], [['B-LOC', 'O']]);

  it('counts the mentions of each name by type and words', () => {
    expect(matches(archive.known({ minMentions: 2, limit: 10 }), 'Jan Peeters Gent')).toEqual({ '2:Gent': ['K-LOC-U'] });
    expect(Object.keys(matches(archive.known({ minMentions: 1, limit: 10 }), 'Jan Peeters Gent'))).toEqual(['0:Jan', '1:Peeters', '2:Gent']);
  });

  it('leaves out the mentions of a document, so that its own names are not known to it', () => {
    const own = new NameArchive().add([['Gent', 'won']], [['B-LOC', 'O']]);
    expect(matches(archive.known({ minMentions: 2, limit: 10 }, own), 'Gent')).toEqual({});
  });

  it('forgets the given fraction of the names', () => {
    const forgetAll = { rate: 0.5, next: () => 0.4 };
    const forgetNone = { rate: 0.5, next: () => 0.6 };
    expect(archive.known({ minMentions: 1, limit: 10 }, undefined, forgetAll).size).toBe(0);
    expect(archive.known({ minMentions: 1, limit: 10 }, undefined, forgetNone).size).toBe(3);
  });
});

describe('a tagger trained with known names', () => {
  const model = trainSurnameModel();
  const tagger = new Tagger({ ...model, version: 'test' });
  const visser = [['Gisteren', 'kwam', 'Visser', 'aan', '.']];

  it('learns what a known surname says', () => {
    expect(model.features.has('g=K-PER-last-U')).toBe(true);
    const known = new KnownNames([name('Ruud Visser', 'PER', 1)]);
    expect(tagger.tagDocument(visser, known).map(toIob2)).toEqual([['O', 'O', 'B-PER', 'O', 'O']]);
    expect(tagger.tagDocument(visser).map(toIob2)).toEqual([['O', 'O', 'O', 'O', 'O']]);
  });

  it('finds a known surname through the extractor, as the pipeline gives it the stored names', () => {
    const extractor = taggerExtractor(tagger);
    expect(extractor.extract('Gisteren kwam Visser aan.', knownNamesOf([{ name: 'Ruud Visser', type: 'PER', mentions: 1 }]))).toMatchObject([{ type: 'PER', text: 'Visser' }]);
    expect(extractor.extract('Gisteren kwam Visser aan.')).toEqual([]);
  });
});

describe('the known names a worker feeds its threads', () => {
  const blinken = { name: 'Antony Blinken', type: 'PER' as const, mentions: 3 };
  const lavrov = { name: 'Sergej Lavrov', type: 'PER' as const, mentions: 2 };

  /** A thread as the pool runs one: it keeps the last list it was given and asks for a newer one. */
  function thread() {
    let generation = 0;
    const received: unknown[] = [];
    const run = async (input: { article: string; knownNames: KnownNamesTask }) => {
      const task = input.knownNames;
      if (task.generation > generation) {
        if (!task.names) return { knownNamesWanted: task.generation };
        generation = task.generation;
        received.push(task.names.map((name) => name.name));
      }
      return { article: input.article, generation };
    };
    return { run, received };
  }

  it('sends each list to a thread once, when the thread asks, and keeps the list when the database cannot be read', async () => {
    const reads = [[blinken], [blinken], new Error('connection refused'), [blinken, lavrov]];
    const log = recordingLogger();
    const feed = new KnownNamesFeed(
      async () => {
        const next = reads.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      0,
      log,
    );
    const { run, received } = thread();
    const generations = [];
    for (const article of ['a', 'b', 'c', 'd']) generations.push((await feed.run(run, { article })).generation);
    expect(generations).toEqual([1, 1, 1, 2]);
    expect(received).toEqual([['Antony Blinken'], ['Antony Blinken', 'Sergej Lavrov']]);
    expect(log.lines).toEqual([
      'known names read {"names":1,"generation":1}',
      'could not read the known names; the tagger keeps those it has {"error":"connection refused"}',
      'known names read {"names":2,"generation":2}',
    ]);
  });

  it('reads the database again only when its list is older than the refresh interval, and never when off', async () => {
    let reads = 0;
    const feed = new KnownNamesFeed(async () => [{ ...blinken, mentions: ++reads }], 60_000, recordingLogger());
    const { run } = thread();
    for (const article of ['a', 'b', 'c']) await feed.run(run, { article });
    expect(reads).toBe(1);
    const off = new KnownNamesFeed(undefined, 0, recordingLogger());
    const fresh = thread();
    expect(await off.run(fresh.run, { article: 'e' })).toEqual({ article: 'e', generation: 0 });
    expect(fresh.received).toEqual([]);
  });
});
