/** Prints report tables in a terminal: aligned columns, numbers right-aligned, rates as percentages, nulls as "–". */
import type { Cell, Column, Table } from '../reports/report-tables.ts';

const MAX_WIDTH = 60;
/** Cut to MAX_WIDTH unless it is the sentence or text a person reads in full (always the last column). */
const FULL_TEXT = new Set(['evidence', 'comment']);

function formatCell(value: Cell, column: Column, row: Record<string, Cell>): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return value.length > MAX_WIDTH && !FULL_TEXT.has(column.key) ? `${value.slice(0, MAX_WIDTH - 1)}…` : value;
  const unit = column.kind === 'unit' || column.kind === 'change' ? row.unit : column.kind;
  if (column.kind === 'change') {
    const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
    return unit === 'rate' ? `${sign}${Math.abs(value * 100).toFixed(1)} pts` : `${sign}${Math.abs(value * 100).toFixed(0)}%`;
  }
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ratio') return `${value.toFixed(1)} : 1`;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

const isNumeric = (c: Column) => c.kind !== 'text';

export function textTable(table: Table): string {
  if (table.rows.length === 0) return `${table.name}: nothing in this range\n`;
  const header = table.columns.map((c) => c.key);
  const body = table.rows.map((row) => table.columns.map((c) => formatCell(row[c.key] ?? null, c, row)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (isNumeric(table.columns[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [`${table.name} (${table.rows.length})`, line(header), line(widths.map((w) => '─'.repeat(w))), ...body.map(line), ''].join('\n');
}
