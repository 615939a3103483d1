/**
 * Daily line chart of one metric, the previous equal period dashed behind it, as an accessible inline SVG with a
 * one-sentence summary.
 */
import { signedPercent } from '../../analytics/evidence-format.ts';
import {
  CHAR_WIDTH,
  FONT,
  WIDTH,
  chartFrame,
  coord,
  escapeXml,
  formatCount,
  formatDay,
  formatValue,
  niceTicks,
  noDataChart,
  tickLabels,
  type Chart,
  type Unit,
} from './chart-format.ts';

export interface DayValue {
  day: string;
  /** null: no data that day (a rate with nothing to divide); drawn as a gap, not as zero. */
  value: number | null;
}

export interface TimeSeriesInput {
  id: string;
  /** "Views per day", "Deflection rate": the summary uses it, without a trailing "per day", as its subject. */
  title: string;
  unit: Unit;
  current: DayValue[];
  /** The previous equal period, aligned with `current` by index (its first day beside the first day). */
  previous?: DayValue[];
}

const HEIGHT = 240;
const BOTTOM = 30;
const RIGHT = 10;
const LEGEND = 30;
const X_LABELS = 4;

type Point = [x: number, y: number];

/** Runs of consecutive known values: each becomes one path, so a null leaves a visible gap. */
function segments(points: DayValue[], at: (i: number, v: number) => Point): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  points.forEach((p, i) => {
    if (p.value === null) run = [];
    else {
      if (run.length === 0) runs.push(run);
      run.push(at(i, p.value));
    }
  });
  return runs;
}

// A lone day between gaps becomes a zero-length line, which the round line cap draws as a dot.
const line = (run: Point[]) => run.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join('') + (run.length === 1 ? 'h0' : '');
const known = (points: DayValue[]) => points.map((p) => p.value).filter((v): v is number => v !== null);

export function timeSeriesChart(input: TimeSeriesInput): Chart {
  const { id, title, unit, current } = input;
  const values = known(current);
  if (values.length === 0) return noDataChart(id, title, 'chart-time-series');
  const previous = (input.previous ?? []).slice(0, current.length);
  const both = [...values, ...known(previous)];
  const ticks = niceTicks(Math.min(...both), Math.max(...both), unit);
  const labels = tickLabels(ticks, unit);
  const withLegend = known(previous).length > 0;

  const left = Math.ceil(Math.max(...labels.map((l) => l.length)) * CHAR_WIDTH + 8);
  const top = withLegend ? LEGEND : FONT / 2 + 4;
  const [plotWidth, plotHeight] = [WIDTH - left - RIGHT, HEIGHT - top - BOTTOM];
  const [low, high] = [ticks[0]!, ticks.at(-1)!];
  const x = (i: number) => coord(current.length === 1 ? left + plotWidth / 2 : left + (plotWidth * i) / (current.length - 1));
  const y = (v: number) => coord(top + plotHeight * (1 - (v - low) / (high - low)));
  const at = (i: number, v: number): Point => [x(i), y(v)];
  const base = y(Math.max(low, 0));

  const grid = ticks.map((t) => `M${left},${y(t)}H${WIDTH - RIGHT}`).join('');
  const yLabels = ticks.map((t, i) => `<text x="${left - 6}" y="${y(t)}" dy=".35em">${escapeXml(labels[i]!)}</text>`).join('');
  const shown = Math.min(X_LABELS, current.length);
  const xIndexes = Array.from({ length: shown }, (_, k) => Math.round((k * (current.length - 1)) / Math.max(1, shown - 1)));
  const xLabels = xIndexes
    .map((i) => {
      // The first and last labels hug the plot's edges so they are never cut off.
      const anchor = current.length === 1 ? 'middle' : i === 0 ? 'start' : i === current.length - 1 ? 'end' : 'middle';
      return `<text x="${x(i)}" y="${HEIGHT - BOTTOM + FONT + 4}" text-anchor="${anchor}">${escapeXml(formatDay(current[i]!.day))}</text>`;
    })
    .join('');
  const runs = segments(current, at);
  const body = [
    `<path class="chart-grid" d="${grid}"/>`,
    `<path class="chart-axis" d="M${left},${base}H${WIDTH - RIGHT}"/>`,
    `<g class="chart-tick" text-anchor="end">${yLabels}</g><g class="chart-tick">${xLabels}</g>`,
    ...runs
      .filter((r) => r.length > 1)
      .map((r) => `<path class="chart-area" d="${line(r)}L${r.at(-1)![0]},${base}L${r[0]![0]},${base}Z"/>`),
    ...segments(previous, at).map((r) => `<path class="chart-previous" d="${line(r)}"/>`),
    ...runs.map((r) => `<path class="chart-line" d="${line(r)}"/>`),
    withLegend ? legend(left) : '',
  ].join('');
  const summary = summarize(input, previous);
  return { svg: chartFrame({ id, title, description: summary, height: HEIGHT, kind: 'chart-time-series', body }), summary };
}

function legend(left: number): string {
  const second = left + 24 + Math.ceil('This period'.length * CHAR_WIDTH) + 16;
  return (
    `<g class="chart-legend"><path class="chart-line" d="M${left},12h18"/><text x="${left + 24}" y="12" dy=".35em">This period</text>` +
    `<path class="chart-previous" d="M${second},12h18"/><text x="${second + 24}" y="12" dy=".35em">Previous period</text></g>`
  );
}

/** "+27%" relative for counts; a difference in percentage points for rates; null against a previous count of 0. */
function change(now: number, then: number, unit: Unit): string | null {
  if (unit === 'count') return then === 0 ? null : signedPercent((now - then) / then);
  const points = Math.abs(now - then) * 100;
  const shown = points >= 10 ? Math.round(points) : Number(points.toFixed(1));
  return `${now >= then ? '+' : '−'}${shown} percentage point${shown === 1 ? '' : 's'}`;
}

/** Counts are totalled over the days; rates, which cannot be added, are averaged over the days that have one. */
function summarize(input: TimeSeriesInput, previous: DayValue[]): string {
  const { title, unit, current } = input;
  const overall = (points: DayValue[]) => {
    const values = known(points);
    const sum = values.reduce((a, b) => a + b, 0);
    return values.length === 0 ? null : unit === 'rate' ? sum / values.length : sum;
  };
  const [now, then] = [overall(current)!, overall(previous)];
  // The summary speaks of the whole range: "Views per day rose from 1,204 to 1,530" would misstate the totals.
  const measure = title.replace(/\s+(per|a|each) day$/i, '');
  const subject = unit === 'rate' ? `${measure} (daily average)` : measure;
  const days = `${formatCount(current.length)} day${current.length === 1 ? '' : 's'}`;
  const before = current.length === 1 ? 'the previous day' : `the previous ${days}`;
  const show = (v: number) => formatValue(v, unit);
  let sentence: string;
  if (then === null) sentence = `${subject} ${unit === 'rate' ? 'was' : 'totalled'} ${show(now)} over ${days}`;
  else if (now === then) sentence = `${subject} held at ${show(now)} compared with ${before}`;
  else {
    const delta = change(now, then, unit);
    sentence = `${subject} ${now > then ? 'rose' : 'fell'} from ${show(then)} to ${show(now)}${delta ? ` (${delta})` : ''} compared with ${before}`;
  }
  const values = known(current);
  const highest = Math.max(...values);
  // A flat line has no peak worth naming.
  if (highest > Math.min(...values)) sentence += `; highest on ${current.find((p) => p.value === highest)!.day} (${show(highest)})`;
  const missing = current.length - values.length;
  if (missing > 0) sentence += `; no data on ${formatCount(missing)} of ${days}`;
  return `${sentence}.`;
}
