import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, printable } from '../src/log.ts';

describe('log lines and printed names', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('spell out control characters, so that a file name can neither split a line nor drive the terminal', () => {
    expect(printable('een\nnaam\u001b[2J\u009b\u007f.txt')).toBe('een\\u000anaam\\u001b[2J\\u009b\\u007f.txt');
    expect(printable('gewoon café.txt')).toBe('gewoon café.txt');
  });

  it('quote a field with spaces or control characters, and leave a plain one as it is', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    createLogger('test').info('stored', { file: 'inbox/a\u001b[31m.txt', plain: 'inbox/b.txt', spaced: 'met spatie' });
    expect(lines[0]).toMatch(/ \[test\] stored file="inbox\/a\\u001b\[31m\.txt" plain=inbox\/b\.txt spaced="met spatie"$/);
  });
});
