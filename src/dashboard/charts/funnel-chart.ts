/**
 * Funnel chart for a tutorial: one bar per step sized against step 1, with the share kept and the change from the step
 * before.
 */
import {
  CHAR_WIDTH,
  FONT,
  WIDTH,
  chartFrame,
  coord,
  escapeXml,
  formatCount,
  formatRate,
  noDataChart,
  truncate,
  type Chart,
} from './chart-format.ts';

export interface FunnelStep {
  label: string;
  /** Sessions that reached the step. */
  count: number;
}

export interface FunnelChartInput {
  id: string;
  title: string;
  steps: FunnelStep[];
}

const HEADER = 26;
const ROW = 50;
const BAR = 16;
const LEGEND = 'sessions · of step 1 · vs previous';
const EXPLAINED = 'Each bar is sized against step 1 and shows sessions, the share of step 1, and the change from the previous step.';

interface StepFigures {
  share: number | null;
  /** Relative change from the previous step: −0.36 lost 36%; null for step 1 or after a step nobody reached. */
  change: number | null;
}

function figures(steps: FunnelStep[]): StepFigures[] {
  const first = steps[0]!.count;
  return steps.map((s, i) => {
    const before = i === 0 ? 0 : steps[i - 1]!.count;
    return { share: first > 0 ? s.count / first : null, change: before > 0 ? (s.count - before) / before : null };
  });
}

/** The step that lost the largest share of the step before; the first such step on a tie, none if nothing dropped. */
function worstStep(all: StepFigures[]): number | null {
  let worst: number | null = null;
  for (const [i, f] of all.entries()) {
    if (f.change !== null && f.change < 0 && (worst === null || f.change < all[worst]!.change!)) worst = i;
  }
  return worst;
}

const changeText = (change: number | null) =>
  change === null ? '—' : change < 0 ? `−${formatRate(-change)}` : change > 0 ? `+${formatRate(change)}` : '0%';

export function funnelChart(input: FunnelChartInput): Chart {
  const { id, title, steps } = input;
  if (steps.length === 0 || steps.every((s) => s.count === 0)) return noDataChart(id, title, 'chart-funnel');
  const all = figures(steps);
  const worst = worstStep(all);
  // Bars are sized against step 1; if step 1 is empty (odd data), against the largest step instead.
  const base = steps[0]!.count > 0 ? steps[0]!.count : Math.max(...steps.map((s) => s.count));
  const stats = steps.map((s, i) =>
    [
      formatCount(s.count),
      all[i]!.share === null ? '—' : formatRate(all[i]!.share!),
      ...(i === 0 ? [] : [changeText(all[i]!.change)]),
    ].join(' · '),
  );
  const labelChars = Math.max(8, Math.floor((WIDTH - Math.max(...stats.map((s) => s.length)) * CHAR_WIDTH - 12) / CHAR_WIDTH));

  const rows = steps.map((step, i) => {
    const top = HEADER + ROW * i;
    const label = truncate(step.label, labelChars);
    const mark = i === worst ? ' chart-worst' : '';
    const width = step.count > 0 ? Math.max(1, (WIDTH * Math.min(step.count, base)) / base) : 0;
    return (
      `<g>${label === step.label ? '' : `<title>${escapeXml(step.label)}</title>`}` +
      `<text class="chart-label" x="0" y="${top + FONT}">${escapeXml(label)}</text>` +
      `<text class="chart-value${mark}" x="${WIDTH}" y="${top + FONT}" text-anchor="end">${escapeXml(stats[i]!)}</text>` +
      (width > 0 ? `<rect class="chart-bar${mark}" x="0" y="${top + FONT + 8}" width="${coord(width)}" height="${BAR}"/>` : '') +
      `</g>`
    );
  });
  const header = `<text class="chart-tick" x="${WIDTH}" y="${FONT}" text-anchor="end">${LEGEND}</text>`;
  const summary = summarize(input, all, worst);
  const svg = chartFrame({
    id,
    title,
    description: `${summary} ${EXPLAINED}`,
    height: HEADER + ROW * steps.length - 6,
    kind: 'chart-funnel',
    body: header + rows.join(''),
  });
  return { svg, summary };
}

function summarize({ title, steps }: FunnelChartInput, all: StepFigures[], worst: number | null): string {
  const quote = (s: FunnelStep) => `“${s.label}”`;
  const [first, last] = [steps[0]!, steps.at(-1)!];
  let sentence = `${title}: ${formatCount(first.count)} reached ${quote(first)}`;
  if (steps.length === 1) return `${sentence}.`;
  const share = all.at(-1)!.share;
  sentence += `; ${formatCount(last.count)}${share === null ? '' : ` (${formatRate(share)})`} reached ${quote(last)}`;
  if (worst === null) return `${sentence}; no step lost sessions.`;
  const before = steps[worst - 1]!;
  const after = steps[worst]!;
  return `${sentence}; the largest drop, ${formatRate(-all[worst]!.change!)}, was from ${quote(before)} to ${quote(after)} (${formatCount(before.count)} to ${formatCount(after.count)}).`;
}
