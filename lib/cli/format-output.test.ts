import { describe, expect, it } from 'vitest';
import { asApp } from './app-schema.ts';
import { appDetails, appsTable } from './app-views.ts';
import { formatAge } from './format-age.ts';
import { createOutput, formatData } from './format-output.ts';
import { renderKeyValues, renderTable } from './format-table.ts';
import { toYaml } from './to-yaml.ts';

const NOW = Date.parse('2025-01-01T12:00:00.000Z');

const app = asApp({
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  createdAt: '2025-01-01T11:00:00.000Z',
  updatedAt: '2025-01-01T11:30:00.000Z',
  spec: {
    name: 'hello',
    image: 'infrastructureascode/hello-world',
    region: 'GRA',
    labels: { env: 'prod', team: 'a', 'ovh/id': 'a1b2c3d4-0000-4000-8000-000000000001', 'ovh/type': 'app' },
    defaultHttpPort: 8080,
    unsecureHttp: false,
  },
  status: {
    state: 'FAILED',
    url: 'http://a1b2c3d4-0000-4000-8000-000000000001.app.gra.localhost:3000/',
    history: [
      { state: 'QUEUED', date: '2025-01-01T11:00:00.000Z' },
      { state: 'FAILED', date: '2025-01-01T11:00:05.000Z', reason: 'exited with code 1' },
    ],
  },
})!;

describe('renderTable', () => {
  it('aligns every column on the widest cell, three spaces apart, without trailing blanks', () => {
    expect(renderTable(['ID', 'NAME', 'STATE'], [['1', 'a-long-name', 'RUNNING'], ['22', 'b', '']])).toBe(
      ['ID   NAME          STATE', '1    a-long-name   RUNNING', '22   b'].join('\n') + '\n',
    );
  });

  it('neutralises control characters from server data', () => {
    expect(renderTable(['A'], [['x\x1b[31my\nz']])).toBe('A\nx?[31my z\n');
  });
});

describe('renderKeyValues', () => {
  it('aligns values and hangs extra lines under the first', () => {
    expect(renderKeyValues([['ID', '1'], ['Labels', ['a=1', 'b=2']], ['Long key', '']])).toBe(
      ['ID:        1', 'Labels:    a=1', '           b=2', 'Long key:'].join('\n') + '\n',
    );
  });
});

describe('appsTable', () => {
  it('has the documented columns, leaves ovh/* labels out and shows the age', () => {
    const lines = appsTable([app], NOW).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+IMAGE\s+REGION\s+STATE\s+LABELS\s+URL\s+AGE$/);
    expect(lines[1]).toContain('env=prod,team=a');
    expect(lines[1]).not.toContain('ovh/');
    expect(lines[1]).toMatch(/ 60m$/);
    // Columns line up: each header starts where its value starts.
    expect(lines[1]!.indexOf('FAILED')).toBe(lines[0]!.indexOf('STATE'));
    expect(lines[1]!.indexOf('http://')).toBe(lines[0]!.indexOf('URL'));
  });
});

describe('appDetails', () => {
  it('shows key/value lines with every label, then the history with reasons', () => {
    const text = appDetails(app, NOW);
    expect(text).toContain('State:          FAILED\n');
    expect(text).toContain('Labels:         env=prod\n                team=a\n                ovh/id=');
    expect(text).toContain('Created:        2025-01-01T11:00:00.000Z (60m ago)\n');
    expect(text).toMatch(/History:\n {2}DATE\s+STATE\s+REASON\n {2}2025-01-01T11:00:00.000Z\s+QUEUED\n {2}2025-01-01T11:00:05.000Z\s+FAILED\s+exited with code 1\n$/);
  });
});

describe('formatAge', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [5 * 60_000, '5m'],
    [3 * 3_600_000, '3h'],
    [50 * 3_600_000, '2d'],
    [-10_000, '0s'],
  ])('%d ms → %s', (ms, age) => {
    expect(formatAge(new Date(NOW - ms).toISOString(), NOW)).toBe(age);
  });

  it('is empty for a missing or bad date', () => {
    expect(formatAge(undefined, NOW)).toBe('');
    expect(formatAge('soon', NOW)).toBe('');
  });
});

describe('toYaml', () => {
  it('writes nested mappings and sequences in block style', () => {
    expect(toYaml({ id: 'abc', spec: { labels: { env: 'prod', 'ovh/id': 'abc' }, port: 8080, open: false }, history: [{ state: 'QUEUED', reason: null }], tags: ['a', 'b'] })).toBe(
      [
        'id: abc',
        'spec:',
        '  labels:',
        '    env: prod',
        '    ovh/id: abc',
        '  port: 8080',
        '  open: false',
        'history:',
        '  - state: QUEUED',
        '    reason: null',
        'tags:',
        '  - a',
        '  - b',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings a YAML parser would read as something else', () => {
    for (const text of ['', 'true', 'No', 'null', '~', '123', '2025-01-01T11:00:00.000Z', '1e3', '.inf', 'a: b', 'a #b', '- x', '@x', 'x:', 'two words', 'line\nbreak', "it's"]) {
      const line = toYaml({ k: text });
      expect(line, text).toBe(`k: ${JSON.stringify(text)}\n`);
    }
  });

  it('leaves ordinary words, paths and URLs plain', () => {
    for (const text of ['RUNNING', 'infrastructureascode/hello-world', 'http://x.app.gra.localhost:3000/', 'a1b2-c3', 'env=prod']) {
      expect(toYaml({ k: text })).toBe(`k: ${text}\n`);
    }
  });

  it('handles empty containers, top-level lists, nested lists and scalars', () => {
    expect(toYaml([])).toBe('[]\n');
    expect(toYaml({ a: [], b: {} })).toBe('a: []\nb: {}\n');
    expect(toYaml([[1, 2], { a: 1 }])).toBe('- - 1\n  - 2\n- a: 1\n');
    expect(toYaml('x y')).toBe('"x y"\n');
    expect(toYaml(null)).toBe('null\n');
  });
});

describe('output formats', () => {
  it('json is the data itself, pretty-printed; yaml the same data', () => {
    expect(JSON.parse(formatData('json', app))).toEqual(app);
    expect(formatData('yaml', app)).toContain('  labels:\n    env: prod\n');
  });

  it('table calls the table renderer; json and yaml ignore it', () => {
    let printed = '';
    const stdout = { write: (text: string) => void (printed += text) };
    createOutput('table', stdout).print({ a: 1 }, () => 'TABLE\n');
    createOutput('json', stdout).print({ a: 1 }, () => 'TABLE\n');
    createOutput('yaml', stdout).print({ a: 1 }, () => 'TABLE\n');
    expect(printed).toBe('TABLE\n{\n  "a": 1\n}\na: 1\n');
  });
});
