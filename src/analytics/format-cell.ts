/** A report cell as people read it, in the terminal and on the dashboard: "38.2%", "12.4 : 1", "+3.1 pts", "–". */
import type { Cell, Column } from './report-table.ts';

export function formatCell(value: Cell, column: Column, row: Record<string, Cell>): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return value;
  const unit = column.kind === 'unit' || column.kind === 'change' ? row.unit : column.kind;
  if (column.kind === 'change') {
    const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
    return unit === 'rate' ? `${sign}${Math.abs(value * 100).toFixed(1)} pts` : `${sign}${Math.abs(value * 100).toFixed(0)}%`;
  }
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ratio') return `${value.toFixed(1)} : 1`;
  if (unit === 'p') return value < 0.001 ? '< 0.001' : value.toFixed(3);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

export const isNumeric = (c: Column) => c.kind !== 'text';
