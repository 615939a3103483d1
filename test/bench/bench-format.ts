/** Number formats and tables shared by the benchmarks' terminal output and RESULTS.md sections. */
export const fmt = (n: number) => n.toLocaleString('en-US');
export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : fmt(Math.round(n)));
// Two decimals below 1, so a ratio just under a target (0.76 against 0.8) does not print as the target itself.
export const ratio = (n: number) => `${n < 1 ? n.toFixed(2) : n < 10 ? n.toFixed(1) : fmt(Math.round(n))}×`;
export const day = (t: number) => new Date(t).toISOString().slice(0, 10);
export const duration = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** Columns after the first `left` are numbers, aligned right. */
export function textTable(header: string[], rows: string[][], left = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, widths.map((w) => '─'.repeat(w)), ...rows]
    .map((r) => r.map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}

export function markdownTable(header: string[], rows: string[][], left = 1): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < left ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
