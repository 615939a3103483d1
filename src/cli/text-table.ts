/** Prints report tables in a terminal: aligned columns, numbers right-aligned, rates as percentages, nulls as "–". */
import { formatCell, isNumeric } from '../analytics/format-cell.ts';
import type { Cell, Column, Table } from '../analytics/report-table.ts';

const MAX_WIDTH = 60;
/** Cut to MAX_WIDTH unless it is the sentence or text a person reads in full (always the last column). */
const FULL_TEXT = new Set(['evidence', 'comment']);

function cell(value: Cell, column: Column, row: Record<string, Cell>): string {
  const text = formatCell(value, column, row);
  return text.length > MAX_WIDTH && !FULL_TEXT.has(column.key) ? `${text.slice(0, MAX_WIDTH - 1)}…` : text;
}

export function textTable(table: Table): string {
  if (table.rows.length === 0) return `${table.name}: nothing in this range\n`;
  const header = table.columns.map((c) => c.key);
  const body = table.rows.map((row) => table.columns.map((c) => cell(row[c.key] ?? null, c, row)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (isNumeric(table.columns[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [`${table.name} (${table.rows.length})`, line(header), line(widths.map((w) => '─'.repeat(w))), ...body.map(line), ''].join('\n');
}
