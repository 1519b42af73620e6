import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinShellWords, splitShellWords } from './shell-words.ts';

describe('splitShellWords', () => {
  it.each([
    ['python app.py --port 8080', ['python', 'app.py', '--port', '8080']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['', []],
    ['sh -c "echo hello && sleep 1"', ['sh', '-c', 'echo hello && sleep 1']],
    ["echo 'it''s'", ['echo', 'its']],
    ["echo 'a \"b\" $HOME'", ['echo', 'a "b" $HOME']],
    ['echo "a \\"b\\" \\$HOME \\n"', ['echo', 'a "b" $HOME \\n']],
    ['echo a\\ b', ['echo', 'a b']],
    ["printf '' x", ['printf', '', 'x']],
    ['--flag=""', ['--flag=']],
    ['a\tb\nc', ['a', 'b', 'c']],
  ])('%j → %j', (line, args) => {
    expect(splitShellWords(line)).toEqual({ args });
  });

  it.each([
    ["echo 'open", "A single quote (') is not closed"],
    ['echo "open', 'A double quote (") is not closed'],
    ['echo \\', 'The command ends with a lone backslash (\\)'],
  ])('%j is refused: %s', (line, problem) => {
    expect(splitShellWords(line)).toEqual({ problem });
  });
});

describe('joinShellWords', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(joinShellWords(['python', 'app.py', '--port=8080'])).toBe('python app.py --port=8080');
    expect(joinShellWords(['sh', '-c', 'echo hi && exit 1'])).toBe("sh -c 'echo hi && exit 1'");
    expect(joinShellWords(["it's", ''])).toBe("'it'\\''s' ''");
  });

  it('reads back to the same arguments, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), (args) => {
        expect(splitShellWords(joinShellWords(args))).toEqual({ args });
      }),
    );
  });
});
