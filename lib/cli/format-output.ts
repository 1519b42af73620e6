// Printing a command's result in the chosen format: the raw API data for json and yaml, a
// human table for table.

import type { OutputStream } from './cli-io.ts';
import type { OutputFormat } from './global-options.ts';
import { toYaml } from './to-yaml.ts';

export interface Output {
  readonly format: OutputFormat;
  /** Prints `data` as json/yaml, or the text `table()` draws. */
  print(data: unknown, table: () => string): void;
}

export function formatData(format: 'json' | 'yaml', data: unknown): string {
  return format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : toYaml(data);
}

export function createOutput(format: OutputFormat, stdout: OutputStream): Output {
  return {
    format,
    print(data, table) {
      stdout.write(format === 'table' ? table() : formatData(format, data));
    },
  };
}
