import { describe, expect, it } from 'vitest';
import { parseArgv, type OptionSpec } from './parse-args.ts';

const GLOBAL: OptionSpec[] = [
  { name: 'output', short: 'o', value: '<format>', description: '' },
  { name: 'help', short: 'h', description: '' },
];
const LS: OptionSpec[] = [{ name: 'selector', short: 'l', value: '<selector>', multiple: true, description: '' }];
const optionsFor = (positionals: readonly string[]) => (positionals[1] === 'ls' ? [...GLOBAL, ...LS] : GLOBAL);

describe('parseArgv', () => {
  it('reads positionals, long and short options with separate or attached values', () => {
    const parsed = parseArgv(['app', 'ls', '-l', 'env=prod', '--output=json', '-lteam=a'], optionsFor);
    expect(parsed.error).toBeUndefined();
    expect(parsed.positionals).toEqual(['app', 'ls']);
    expect(parsed.values.get('selector')).toEqual(['env=prod', 'team=a']);
    expect(parsed.values.get('output')).toEqual(['json']);
  });

  it('accepts global options before the command and flags anywhere', () => {
    const parsed = parseArgv(['-o', 'yaml', 'app', '--help', 'ls'], optionsFor);
    expect(parsed.positionals).toEqual(['app', 'ls']);
    expect(parsed.values.get('output')).toEqual(['yaml']);
    expect(parsed.values.get('help')).toBe(true);
  });

  it('takes the next word as a value even when it starts with a dash or "!"', () => {
    expect(parseArgv(['app', 'ls', '-l', '!gpu'], optionsFor).values.get('selector')).toEqual(['!gpu']);
    expect(parseArgv(['app', 'ls', '-o', '-x'], optionsFor).values.get('output')).toEqual(['-x']);
  });

  it('keeps everything after -- apart, options included', () => {
    const parsed = parseArgv(['app', 'get', '--', '-weird-id', '--help'], optionsFor);
    expect(parsed.positionals).toEqual(['app', 'get']);
    expect(parsed.rest).toEqual(['-weird-id', '--help']);
    expect(parsed.values.has('help')).toBe(false);
    expect(parseArgv(['app', 'get', '--'], optionsFor).rest).toEqual([]);
    expect(parseArgv(['app', 'get'], optionsFor).rest).toBeUndefined();
  });

  it('accepts a long option by its aliases, under its own name', () => {
    const withAlias: OptionSpec[] = [{ name: 'unsecure-http', aliases: ['unsecure'], description: '' }];
    expect(parseArgv(['--unsecure'], () => withAlias).values.get('unsecure-http')).toBe(true);
  });

  it('knows command options only once the command has been read', () => {
    expect(parseArgv(['-l', 'x', 'app', 'ls'], optionsFor).error).toBe('unknown option -l');
  });

  it.each([
    [['app', 'ls', '--nope'], 'unknown option --nope'],
    [['app', 'ls', '-o'], 'option -o needs a value <format>'],
    [['app', 'ls', '--help=yes'], 'option --help takes no value'],
    [['app', 'ls', '-hx'], 'unknown option -hx (short options cannot be combined)'],
    [['-o', 'json', '-o', 'yaml'], 'option -o was given more than once'],
  ])('%j → %s', (argv, error) => {
    expect(parseArgv(argv, optionsFor).error).toBe(error);
  });

  it('returns what it read before the problem', () => {
    const parsed = parseArgv(['app', 'ls', '--nope', 'extra'], optionsFor);
    expect(parsed.positionals).toEqual(['app', 'ls']);
  });
});
