// Aligned plain-text tables (kubectl style): a header row, columns separated by three spaces,
// no trailing blanks. Cells are made safe for a terminal first.

const GAP = '   ';

/** Control characters (newlines, escape sequences) from server data must not reach a terminal raw. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function width(text: string): number {
  return [...text].length;
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows].map((row) => row.map(terminalSafe));
  const widths = headers.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  return (
    all
      .map((row) =>
        headers
          .map((_, column) => {
            const cell = row[column] ?? '';
            return column === headers.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell));
          })
          .join(GAP)
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/**
 * `Key:   value` lines with the values aligned. A value with several lines (an array) puts
 * the first on the key's line and indents the rest under it.
 */
export function renderKeyValues(pairs: readonly (readonly [string, string | readonly string[]])[]): string {
  const keyWidth = Math.max(...pairs.map(([key]) => width(key) + 1));
  const lines: string[] = [];
  for (const [key, value] of pairs) {
    const values = typeof value === 'string' ? [value] : value.length === 0 ? [''] : value;
    values.forEach((v, i) => {
      const label = i === 0 ? `${key}:` : '';
      lines.push(`${label}${' '.repeat(keyWidth - width(label))}  ${terminalSafe(v)}`.trimEnd());
    });
  }
  return lines.join('\n') + '\n';
}
