/**
 * Dashboard charts: well-formed, accessible, escaped SVG with the right marks, and summaries that state the numbers.
 */
import { expect, test } from 'vitest';
import { barChart } from '../../src/dashboard/charts/bar-chart.ts';
import { funnelChart } from '../../src/dashboard/charts/funnel-chart.ts';
import { timeSeriesChart, type DayValue } from '../../src/dashboard/charts/time-series.ts';

/** Days from 2026-11-01 (or `start`), one value each. */
const days = (values: (number | null)[], start = '2026-11-01'): DayValue[] =>
  values.map((value, i) => ({ day: new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value }));

/**
 * Node has no DOMParser: a small scan that tags nest and close, attributes are quoted and unique, and every & starts an
 * entity.
 */
function xmlProblem(xml: string): string | null {
  const open: string[] = [];
  const badEntity = (text: string) =>
    text
      .split('&')
      .slice(1)
      .find((rest) => !/^(amp|lt|gt|quot|apos|#\d+);/.test(rest));
  for (let i = 0; i < xml.length;) {
    const start = xml.indexOf('<', i);
    const text = xml.slice(i, start < 0 ? xml.length : start);
    if (badEntity(text) !== undefined) return `bare & in text near "${text.slice(0, 40)}"`;
    if (start < 0) break;
    const end = xml.indexOf('>', start);
    if (end < 0) return 'unclosed tag';
    const tag = xml.slice(start + 1, end);
    i = end + 1;
    if (tag.startsWith('/')) {
      if (open.pop() !== tag.slice(1)) return `</${tag.slice(1)}> closes the wrong element`;
      continue;
    }
    const [, name, attributes] = /^([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*\/?$/.exec(tag) ?? [];
    if (!name) return `malformed tag <${tag}>`;
    const names = [...attributes!.matchAll(/([\w:-]+)=/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) return `repeated attribute in <${name}>`;
    if (badEntity(attributes!) !== undefined) return `bare & in an attribute of <${name}>`;
    if (!tag.endsWith('/')) open.push(name);
  }
  return open.length > 0 ? `<${open.at(-1)}> never closed` : null;
}

function expectAccessible(svg: string, id: string): void {
  expect(xmlProblem(svg)).toBeNull();
  expect(svg).toMatch(
    new RegExp(`^<svg [^>]*role="(img|group)" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 480 [\\d.]+" width="100%">`),
  );
  expect(svg).toContain(`<title id="${id}-title">`);
  expect(svg).toContain(`<desc id="${id}-desc">`);
  expect(svg).not.toContain('style=');
}

const paths = (svg: string, className: string) => svg.split(`<path class="${className}"`).length - 1;

test('labels a rate chart’s axis in percent and a count chart’s with thousands separators', () => {
  const rates = timeSeriesChart({ id: 'deflection', title: 'Deflection rate', unit: 'rate', current: days([0.5, 0.62, 0.71]) });
  expect(rates.svg).toContain('>0%</text>');
  expect(rates.svg).toContain('>80%</text>');
  const counts = timeSeriesChart({ id: 'views', title: 'Views', unit: 'count', current: days([900, 4200]) });
  expect(counts.svg).toContain('>2,000</text>');
  expect(counts.svg).toContain('>6,000</text>');
  expect(counts.svg).toContain('>Nov 1</text>');
  expect(counts.svg).toContain('>Nov 2</text>');
});

test('leaves a gap where a day has no data: two line segments, not one', () => {
  const { svg } = timeSeriesChart({ id: 'views', title: 'Views', unit: 'count', current: days([3, 4, null, 5, 6]) });
  expect(paths(svg, 'chart-line')).toBe(2);
  expect(paths(svg, 'chart-area')).toBe(2);
});

test('draws the previous period dashed behind the current one, with a legend', () => {
  const { svg } = timeSeriesChart({
    id: 'views',
    title: 'Views',
    unit: 'count',
    current: days([3, 4, 5]),
    previous: days([2, 2, 2], '2026-10-29'),
  });
  expect(svg.indexOf('class="chart-previous"')).toBeLessThan(svg.indexOf('class="chart-line"'));
  expect(svg).toContain('>Previous period</text>');
  expect(timeSeriesChart({ id: 'views', title: 'Views', unit: 'count', current: days([3, 4, 5]) }).svg).not.toContain('chart-previous');
});

test('summarises the change against the previous period, the peak, in one sentence', () => {
  const current = Array.from({ length: 28 }, (_, i) => (i === 17 ? 97 : i === 0 ? 55 : 53));
  const chart = timeSeriesChart({
    id: 'views',
    title: 'Views',
    unit: 'count',
    current: days(current),
    previous: days(Array(28).fill(43), '2026-10-04'),
  });
  expect(chart.summary).toBe('Views rose from 1,204 to 1,530 (+27%) compared with the previous 28 days; highest on 2026-11-18 (97).');
  expect(chart.svg).toContain(`<desc id="views-desc">${chart.summary}</desc>`);
  const rates = timeSeriesChart({
    id: 'rate',
    title: 'Deflection rate',
    unit: 'rate',
    current: days([0.5, null, 0.7]),
    previous: days([0.7, 0.7, 0.7]),
  });
  expect(rates.summary).toBe(
    'Deflection rate (daily average) fell from 70% to 60% (−10 percentage points) compared with the previous 3 days; highest on 2026-11-03 (70%); no data on 1 of 3 days.',
  );
  expect(timeSeriesChart({ id: 'v', title: 'Views per day', unit: 'count', current: days([4, 4]) }).summary).toBe(
    'Views totalled 8 over 2 days.',
  );
});

test('says there is no data when the range is empty or every day is unknown', () => {
  for (const current of [[], days([null, null])]) {
    const chart = timeSeriesChart({ id: 'views', title: 'Views', unit: 'rate', current });
    expectAccessible(chart.svg, 'views');
    expect(chart.svg).toContain('>No data in this range</text>');
    expect(chart.summary).toBe('Views: no data in this range.');
  }
  expect(barChart({ id: 'b', title: 'Top articles', unit: 'count', bars: [] }).svg).toContain('No data in this range');
  expect(funnelChart({ id: 'f', title: 'Tutorial', steps: [{ label: 'One', count: 0 }] }).svg).toContain('No data in this range');
});

test('keeps a year of days compact: one path per run and no per-day markers', () => {
  const year = days(
    Array.from({ length: 365 }, (_, i) => 1000 + ((i * 37) % 500)),
    '2026-01-01',
  );
  const { svg } = timeSeriesChart({ id: 'year', title: 'Views', unit: 'count', current: year, previous: year });
  expect(paths(svg, 'chart-line')).toBe(2); // one in the plot, one in the legend
  expect(svg).not.toContain('<circle');
  // Three drawn runs (line, area, previous) of 365 points: about 12 bytes a point.
  expect(svg.length).toBeLessThan(15_000);
  expect(svg.split('<text').length - 1).toBeLessThanOrEqual(5 + 4 + 2);
});

test('gives every chart role=img, a title and a description under the caller’s unique ids', () => {
  const page = [
    timeSeriesChart({ id: 'views', title: 'Views', unit: 'count', current: days([1, 2]) }).svg,
    barChart({ id: 'articles', title: 'Top articles', unit: 'count', bars: [{ label: 'Refunds', value: 3 }] }).svg,
    funnelChart({ id: 'tutorial', title: 'Tutorial', steps: [{ label: 'One', count: 3 }] }).svg,
  ];
  for (const [svg, id] of page.map((svg, i) => [svg, ['views', 'articles', 'tutorial'][i]!] as const)) expectAccessible(svg, id);
  const ids = page.join('').match(/ id="[^"]+"/g)!;
  expect(new Set(ids).size).toBe(ids.length);
  expect(() => timeSeriesChart({ id: 'a" onload="x', title: 'Views', unit: 'count', current: days([1]) })).toThrow(/Chart id/);
});

test('escapes every label, so a script in a label stays text', () => {
  const attack = '<script>alert(1)</script> & "quotes" \'too\'';
  const charts = [
    barChart({
      id: 'b',
      title: attack,
      unit: 'count',
      bars: [{ label: attack, value: 5, note: attack, href: `/reports/article/x?a=1&b="${attack}` }],
    }),
    funnelChart({
      id: 'f',
      title: attack,
      steps: [
        { label: attack, count: 10 },
        { label: 'Done', count: 4 },
      ],
    }),
    timeSeriesChart({ id: 't', title: attack, unit: 'count', current: [{ day: attack, value: 1 }] }),
  ];
  for (const { svg } of charts) {
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  }
});

test('formats bar values: counts with thousands separators, rates as percentages, missing values as no data', () => {
  const counts = barChart({
    id: 'c',
    title: 'Top articles',
    unit: 'count',
    bars: [
      { label: 'Refunds', value: 12_345, note: 'n=12' },
      { label: 'Billing', value: 980 },
    ],
  });
  expect(counts.svg).toContain('>12,345<tspan class="chart-note"> n=12</tspan></text>');
  expect(counts.summary).toBe('Top articles: Refunds (12,345, n=12); Billing (980).');
  const rates = barChart({
    id: 'r',
    title: 'Escalation rate',
    unit: 'rate',
    bars: [
      { label: 'Refunds', value: 0.38 },
      { label: 'Billing', value: 0.045 },
      { label: 'Tax', value: null },
    ],
  });
  expect(rates.svg).toContain('>38%</text>');
  expect(rates.svg).toContain('>4.5%</text>');
  expect(rates.svg).toContain('class="chart-value chart-missing"');
  expect(rates.summary).toBe('Escalation rate: Refunds (38%); Billing (4.5%); Tax (no data).');
});

test('truncates a long bar label with an ellipsis and keeps the whole label in a title', () => {
  const label = 'Connect your Shopify store and sync every product';
  const { svg } = barChart({ id: 'b', title: 'Top articles', unit: 'count', bars: [{ label, value: 7 }] });
  expect(svg).toMatch(/<text class="chart-label"[^>]*>Connect your Shopi…<\/text>/);
  expect(svg).toContain(`<title>${label}: 7</title>`);
});

test('links a bar only to a safe address, and then lets assistive technology reach the link', () => {
  const linked = barChart({
    id: 'b',
    title: 'Top articles',
    unit: 'count',
    bars: [
      { label: 'Refunds', value: 7, href: '/reports/article/refunds' },
      { label: 'Tax', value: 2, href: 'javascript:alert(1)' },
    ],
  });
  expect(linked.svg).toContain('<a href="/reports/article/refunds" aria-label="Refunds: 7">');
  expect(linked.svg).not.toContain('javascript:');
  expect(linked.svg).toContain('role="group"');
  expect(barChart({ id: 'b', title: 'Top articles', unit: 'count', bars: [{ label: 'Tax', value: 2 }] }).svg).toContain('role="img"');
});

test('prints each funnel step’s share of step 1 and change from the step before, marking the largest relative drop', () => {
  // Step 2 loses the most sessions (400), but step 3 loses the largest share of its step (50%).
  const steps = [
    { label: 'Open', count: 1000 },
    { label: 'Install', count: 600 },
    { label: 'Connect', count: 300 },
    { label: 'Finish', count: 270 },
  ];
  const chart = funnelChart({ id: 'f', title: 'Checkout tutorial', steps });
  expect(chart.svg).toContain('>1,000 · 100%</text>');
  expect(chart.svg).toContain('>600 · 60% · −40%</text>');
  expect(chart.svg).toContain('<text class="chart-value chart-worst" x="480" y="143" text-anchor="end">300 · 30% · −50%</text>');
  expect(chart.svg.match(/class="chart-bar chart-worst"/g)).toHaveLength(1);
  expect(chart.svg).toMatch(/<rect class="chart-bar chart-worst" x="0" y="[\d.]+" width="144"/);
  expect(chart.summary).toBe(
    'Checkout tutorial: 1,000 reached “Open”; 270 (27%) reached “Finish”; the largest drop, 50%, was from “Install” to “Connect” (600 to 300).',
  );
});

test('marks no funnel step when nothing dropped', () => {
  const chart = funnelChart({
    id: 'f',
    title: 'Tutorial',
    steps: [
      { label: 'One', count: 5 },
      { label: 'Two', count: 5 },
    ],
  });
  expect(chart.svg).not.toContain('chart-worst');
  expect(chart.summary).toBe('Tutorial: 5 reached “One”; 5 (100%) reached “Two”; no step lost sessions.');
});
