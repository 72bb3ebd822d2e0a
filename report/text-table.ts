/** Aligned plain-text tables for the terminal (no colour codes, so they survive logs and CI output). */

export type Align = 'left' | 'right';

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: Align;
}

/** Renders rows under a header line, each line indented by `indent`; columns separated by two spaces. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], indent = '  '): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: readonly string[]): string =>
    indent +
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}
