/**
 * Horizontal bar chart for ranked lists (articles, queries): label left, formatted value right, an optional link per
 * bar.
 */
import {
  CHAR_WIDTH,
  WIDTH,
  chartFrame,
  coord,
  escapeXml,
  formatValue,
  noDataChart,
  truncate,
  type Chart,
  type Unit,
} from './chart-format.ts';

export interface Bar {
  label: string;
  value: number | null;
  /** Short context printed after the value ("n=12"). */
  note?: string;
  /** Where the bar leads (the article's report); only relative, http(s) and fragment links are drawn as links. */
  href?: string;
}

export interface BarChartInput {
  id: string;
  title: string;
  unit: Unit;
  /** Drawn in the given order: sort them before. */
  bars: Bar[];
}

const ROW = 30;
const BAR = 14;
const LABEL_COLUMN = 190;
const GAP = 8;
const MAX_VALUE_COLUMN = 200;
const SUMMARY_ITEMS = 10;

// Anything else (javascript:, data:) is dropped rather than trusted to the page's CSP.
const safeHref = (href: string | undefined) => (href !== undefined && /^(\/|#|\?|https?:\/\/)/i.test(href) ? href : undefined);

export function barChart(input: BarChartInput): Chart {
  const { id, title, unit, bars } = input;
  if (bars.length === 0 || bars.every((b) => b.value === null)) return noDataChart(id, title, 'chart-bars');
  const values = bars.map((b) => formatValue(b.value, unit));
  const widest = Math.max(...bars.map((b, i) => values[i]!.length + (b.note ? b.note.length + 1 : 0)));
  const valueColumn = Math.min(MAX_VALUE_COLUMN, Math.ceil(widest * CHAR_WIDTH));
  const barStart = LABEL_COLUMN + GAP;
  const barSpace = WIDTH - barStart - GAP - valueColumn;
  // Rates are drawn against 100%, so a short bar always means a low rate; counts against the largest.
  const scale = unit === 'rate' ? 1 : Math.max(1, ...bars.map((b) => b.value ?? 0));
  const labelChars = Math.floor(LABEL_COLUMN / CHAR_WIDTH);

  const rows = bars.map((bar, i) => {
    const middle = coord(ROW * i + ROW / 2);
    const label = truncate(bar.label, labelChars);
    const noteChars = Math.floor(valueColumn / CHAR_WIDTH) - values[i]!.length - 1;
    const note = bar.note ? `<tspan class="chart-note"> ${escapeXml(truncate(bar.note, Math.max(2, noteChars)))}</tspan>` : '';
    const share = bar.value === null ? 0 : Math.min(1, Math.max(0, bar.value / scale));
    // A tiny non-zero value still shows a sliver, so it never looks like zero.
    const width = share > 0 ? Math.max(1, barSpace * share) : 0;
    const full = `${bar.label}: ${values[i]}${bar.note ? ` (${bar.note})` : ''}`;
    const content =
      (label === bar.label ? '' : `<title>${escapeXml(full)}</title>`) +
      `<text class="chart-label" x="0" y="${middle}" dy=".35em">${escapeXml(label)}</text>` +
      (width > 0
        ? `<rect class="chart-bar" x="${barStart}" y="${coord(middle - BAR / 2)}" width="${coord(width)}" height="${BAR}"/>`
        : '') +
      `<text class="${bar.value === null ? 'chart-value chart-missing' : 'chart-value'}" x="${WIDTH}" y="${middle}" dy=".35em" text-anchor="end">${escapeXml(values[i]!)}${note}</text>`;
    const href = safeHref(bar.href);
    return href ? `<a href="${escapeXml(href)}" aria-label="${escapeXml(full)}">${content}</a>` : `<g>${content}</g>`;
  });
  const summary = summarize(input, values);
  const interactive = bars.some((b) => safeHref(b.href));
  return {
    svg: chartFrame({ id, title, description: summary, height: ROW * bars.length, kind: 'chart-bars', body: rows.join(''), interactive }),
    summary,
  };
}

function summarize({ title, bars }: BarChartInput, values: string[]): string {
  const items = bars.slice(0, SUMMARY_ITEMS).map((b, i) => `${b.label} (${values[i]}${b.note ? `, ${b.note}` : ''})`);
  const more = bars.length > SUMMARY_ITEMS ? `; and ${bars.length - SUMMARY_ITEMS} more` : '';
  return `${title}: ${items.join('; ')}${more}.`;
}
