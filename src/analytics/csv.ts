/** CSV (RFC 4180) whose cells a spreadsheet will never run as formulas. */
import type { Cell, Table } from './report-table.ts';

/**
 * A text cell starting with = + - @ (or a tab / carriage return, which some spreadsheets skip before one)
 * is prefixed with an apostrophe, the OWASP-recommended neutralizer; numbers are written as numbers.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
