import { describe, expect, it } from 'vitest';
import { startProgress } from '../src/cli/progress.ts';

/** A stand-in for stderr whose clock the test moves. */
function sink(isTTY: boolean) {
  const written: string[] = [];
  let time = 0;
  return { isTTY, columns: 100, written, write: (text: string) => written.push(text), now: () => time, advance: (ms: number) => (time += ms) };
}

describe('progress', () => {
  it('away from a terminal, writes a plain line with rate and ETA at most every so often, and a last one', () => {
    const out = sink(false);
    const progress = startProgress('ingest', { unit: 'files', total: 1000, sink: out, lineEveryMs: 5000, now: out.now });
    for (let i = 0; i < 600; i++) {
      out.advance(50);
      progress.add();
    }
    // 30 s of work: a line every 5 s, nothing between them.
    expect(out.written).toHaveLength(6);
    expect(out.written[0]).toBe('ingest: 100/1000 files (10 %), 20 files/s, ETA 45 s\n');
    expect(out.written[5]).toBe('ingest: 600/1000 files (60 %), 20 files/s, ETA 20 s\n');
    progress.finish();
    expect(out.written.at(-1)).toBe('ingest: 600/1000 files (60 %), 20 files/s, 30 s\n');
    expect(out.written.join('')).not.toMatch(/\x1b|\r/);
  });

  it('away from a terminal, says nothing about work done sooner than its first line', () => {
    const out = sink(false);
    const progress = startProgress('reprocess', { unit: 'articles', sink: out, now: out.now });
    out.advance(1000);
    progress.update(500);
    progress.finish();
    expect(out.written).toEqual([]);
  });

  it('on a terminal, redraws one bar in place and ends it with a new line', () => {
    const out = sink(true);
    const progress = startProgress('ner-train', { unit: 'epochs', total: 4, sink: out, now: out.now });
    for (let i = 0; i < 4; i++) {
      out.advance(1000);
      progress.add();
    }
    progress.note('run 1/1, epoch 4/4');
    progress.finish();
    const screen = out.written.join('');
    expect(screen).toMatch(/^\r\x1b\[Kner-train \[█+░+\] 1\/4 epochs \(25 %\), 1\.0 epochs\/s, ETA 3 s/);
    expect(screen).toContain('\r\x1b[Krun 1/1, epoch 4/4\n');
    expect(screen).toMatch(/\[█+\] 4\/4 epochs \(100 %\), 1\.0 epochs\/s, 4 s\n$/);
  });
});
