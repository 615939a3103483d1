/**
 * Shared pieces of the dashboard's SVG charts: escaping, value and date labels, round ticks, and the accessible <svg>
 * frame.
 */
import { count } from '../../analytics/evidence-format.ts';

export type Unit = 'count' | 'rate';

/** What every chart returns: the markup, and one plain-text sentence the page can show or read out instead. */
export interface Chart {
  svg: string;
  /** Plain text, not markup: escape it where it is inserted (Astro expressions do). */
  summary: string;
}

/** Every chart is laid out on a 480-unit-wide canvas and scaled to its container by the viewBox. */
export const WIDTH = 480;
/** Layout is sized for the largest font charts.css sets (narrow screens), so text never overlaps at any width. */
export const FONT = 17;
export const CHAR_WIDTH = FONT * 0.56;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for element content and quoted attributes; drops what XML cannot carry at all (control characters, lone
 * surrogates).
 */
export function escapeXml(text: string): string {
  return (
    text
      .toWellFormed()
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
  );
}

export const formatCount = count;

/** "38%"; one decimal below 10% so small rates do not all read "0%" or "4%". */
export function formatRate(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${Math.abs(pct) >= 10 || pct === 0 ? Math.round(pct) : Number(pct.toFixed(1))}%`;
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return 'no data';
  return unit === 'rate' ? formatRate(value) : formatCount(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-03" → "Nov 3" (UTC, like the report days); anything unparsable is shown as given. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/** Cuts text to `max` characters (whole code points, so emoji survive) and ends it with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}

/** Coordinates to one decimal: a 365-day path stays a few kilobytes. */
export const coord = (n: number) => Math.round(n * 10) / 10;

/**
 * 3–5 evenly spaced round values from 0 (or the minimum, if negative) up to at least `max`.
 * Counts get whole-number steps; a flat or empty range still gets a readable scale.
 */
export function niceTicks(min: number, max: number, unit: Unit): number[] {
  const low = Math.min(0, min);
  const span = Math.max(max - low, unit === 'rate' ? 0.04 : 2);
  const rough = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // 2.5 × 1 would give "2.5" count ticks; the other multipliers stay whole from 10 up.
  const multipliers = unit === 'count' && magnitude <= 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = magnitude * multipliers.find((m) => m * magnitude >= rough - 1e-12)!;
  if (unit === 'count') step = Math.max(1, step);
  const first = Math.floor(low / step + 1e-9);
  const last = Math.ceil((low + span) / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

const decimals = (n: number) => String(Number(n.toPrecision(10))).split('.')[1]?.length ?? 0;
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Axis labels: "12.5%" with as many decimals as the step needs; counts with separators, "25K" from ten thousand up. */
export function tickLabels(ticks: number[], unit: Unit): string[] {
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  if (unit === 'rate') return ticks.map((t) => `${(t * 100).toFixed(decimals(step * 100))}%`);
  const top = Math.max(...ticks.map(Math.abs));
  return ticks.map((t) => (top >= 10_000 ? compact.format(t) : formatCount(t)));
}

export interface Frame {
  /** Prefix for the ids inside the SVG; unique on the page. */
  id: string;
  title: string;
  description: string;
  height: number;
  /** Extra class on the <svg>, naming the chart type. */
  kind: string;
  body: string;
  /** The body holds links: role=img would hide them from assistive technology, so the SVG becomes a labelled group. */
  interactive?: boolean;
}

/** The <svg> element every chart shares: scales to its container, named by its <title> and described by its <desc>. */
export function chartFrame(frame: Frame): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(frame.id))
    throw new Error(`Chart id "${frame.id}" must start with a letter and hold only letters, digits, "-" and "_"`);
  const { id } = frame;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${frame.kind}" role="${frame.interactive ? 'group' : 'img'}" ` +
    `aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${coord(frame.height)}" width="100%">` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title><desc id="${id}-desc">${escapeXml(frame.description)}</desc>` +
    `${frame.body}</svg>`
  );
}

/** A small chart that says there is nothing to draw, so the page keeps its layout. */
export function noDataChart(id: string, title: string, kind: string): Chart {
  const body = `<text class="chart-empty" x="${WIDTH / 2}" y="24" text-anchor="middle" dy=".35em">No data in this range</text>`;
  return {
    svg: chartFrame({ id, title, description: 'No data in this range.', height: 48, kind, body }),
    summary: `${title}: no data in this range.`,
  };
}
