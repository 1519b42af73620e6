import { describe, expect, it } from 'vitest';
import { ansiClasses, applySgr, keepSgrOnly, nearestBasic, parseAnsi, stripAnsi, xterm256ToBasic, type AnsiStyle } from './ansi';

const PLAIN: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false };

describe('parseAnsi', () => {
  it('leaves text without escapes as one default segment', () => {
    expect(parseAnsi('GET /hello')).toEqual([{ text: 'GET /hello', style: null }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('turns SGR colours and bold into styled runs and consumes the sequences', () => {
    expect(parseAnsi('\x1b[31merror\x1b[0m: \x1b[1;32mok\x1b[m done')).toEqual([
      { text: 'error', style: { ...PLAIN, fg: 1 } },
      { text: ': ', style: null },
      { text: 'ok', style: { ...PLAIN, fg: 2, bold: true } },
      { text: ' done', style: null },
    ]);
  });

  it('keeps a style across sequences that change nothing visible, and merges equal runs', () => {
    expect(parseAnsi('\x1b[33ma\x1b[33mb\x1b[Kc')).toEqual([{ text: 'abc', style: { ...PLAIN, fg: 3 } }]);
  });

  it('reads bright, 256-colour, 24-bit and background colours', () => {
    expect(parseAnsi('\x1b[91mA')[0]!.style).toMatchObject({ fg: 9 });
    expect(parseAnsi('\x1b[38;5;196mA')[0]!.style).toMatchObject({ fg: 9 });
    expect(parseAnsi('\x1b[38;2;0;0;0;44mA')[0]!.style).toMatchObject({ fg: 0, bg: 4 });
    expect(parseAnsi('\x1b[38:2::255:255:255mA')[0]!.style).toMatchObject({ fg: 15 });
    expect(parseAnsi('\x1b[103;39mA')[0]!.style).toMatchObject({ fg: null, bg: 11 });
  });

  it('drops cursor moves, OSC titles and hyperlinks, lone escapes and control characters', () => {
    const text = '\x1b[2K\r\x1b]0;title\x07progress \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ 50%\x07\x1b(B\x1b7\b!';
    expect(parseAnsi(text)).toEqual([{ text: 'progress link 50%!', style: null }]);
    expect(stripAnsi(text)).toBe('progress link 50%!');
  });

  it('drops an unterminated sequence at the end of a line', () => {
    expect(stripAnsi('half \x1b[3')).toBe('half ');
    expect(stripAnsi('half \x1b]0;no end')).toBe('half ');
    expect(stripAnsi('tab\tkept')).toBe('tab\tkept');
  });
});

describe('keepSgrOnly', () => {
  it('keeps colours for a terminal, resetting at the end of the line', () => {
    expect(keepSgrOnly('plain')).toBe('plain');
    expect(keepSgrOnly('\x1b[1;31merror\x1b[0m: x')).toBe('\x1b[1;31merror\x1b[0m: x\x1b[0m');
  });

  it('drops what could act on the terminal: cursor moves, titles, clipboard writes, 8-bit CSI, controls', () => {
    expect(keepSgrOnly('\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x9b31mA\rB\x1bc\x07')).toBe('AB');
    expect(keepSgrOnly('\x1b[32mok\x1b[1A')).toBe('\x1b[32mok\x1b[0m');
  });
});

describe('applySgr', () => {
  it('resets, and turns attributes off one by one', () => {
    const on = applySgr(PLAIN, '1;2;3;4;7;31;42');
    expect(on).toEqual({ fg: 1, bg: 2, bold: true, dim: true, italic: true, underline: true, inverse: true });
    expect(applySgr(on, '22;23;24;27;39;49')).toEqual(PLAIN);
    expect(applySgr(on, '')).toEqual(PLAIN);
    expect(applySgr(on, '0')).toEqual(PLAIN);
  });

  it('ignores what it does not know, and a truncated extended colour', () => {
    expect(applySgr(PLAIN, '5;53;38;5')).toEqual(PLAIN);
    expect(applySgr(PLAIN, '38;2;1')).toEqual(PLAIN);
    expect(applySgr(PLAIN, '4:3')).toMatchObject({ underline: true });
    expect(applySgr({ ...PLAIN, underline: true }, '4:0')).toEqual(PLAIN);
    expect(applySgr(PLAIN, '48:5:21;1')).toMatchObject({ bg: 4, bold: true });
  });
});

describe('colours', () => {
  it('maps the 256-colour palette onto the 16', () => {
    expect(xterm256ToBasic(4)).toBe(4);
    expect(xterm256ToBasic(46)).toBe(10); // bright green
    expect(xterm256ToBasic(232)).toBe(0); // darkest grey
    expect(xterm256ToBasic(255)).toBe(7); // grey 238 is nearer 229 than 255
    expect(xterm256ToBasic(231)).toBe(15);
    expect(nearestBasic(200, 10, 10)).toBe(1);
  });

  it('gives literal Tailwind classes, swapping colours for inverse', () => {
    expect(ansiClasses(null)).toBe('');
    expect(ansiClasses({ ...PLAIN, fg: 1, bold: true })).toBe('text-red-400 font-bold');
    expect(ansiClasses({ ...PLAIN, inverse: true })).toBe('text-slate-950 bg-slate-200');
    expect(ansiClasses({ ...PLAIN, fg: 2, bg: 4, inverse: true })).toBe('text-blue-400 bg-green-800');
  });
});
