import { expect, test } from 'vitest';
import { answerReport } from '../../src/analytics/report-request.ts';
import { reportSource } from '../../src/analytics/report-registry.ts';
import { FRICTION_RULES } from '../../src/analytics/friction-rules.ts';
import { REPORTS } from '../../src/schemas/report-params.ts';
import {
  COLUMN_DEFINITIONS,
  columnDefinition,
  METRIC_DEFINITIONS,
  METRIC_SECTIONS,
  metricDefinition,
  TABLE_COLUMN_DEFINITIONS,
} from '../../src/analytics/metric-definitions.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const ids = new Set<string>(METRIC_DEFINITIONS.map((d) => d.id));
/** Plain counts of things (articles in a group, a tutorial's steps), not measurements with a definition. */
const NOT_METRICS = new Set(['articles', 'steps']);

/** Every table of every report, with its columns, from a store holding one article and one view of it. */
async function everyTable() {
  await publish(store, { 'reset-your-password': { category: 'account' } });
  await seed(store, [{ type: 'view', session: 'session-one', article: 'reset-your-password', at: '2026-11-08T10:00:00Z' }]);
  const tables = [];
  for (const name of REPORTS) {
    const answer = await answerReport(reportSource(store.db), name === 'article' ? 'article/reset-your-password' : name, {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    if (answer.kind !== 'ok') throw new Error(`${name}: ${answer.kind}`);
    tables.push(...answer.tables.map((t) => ({ report: name, ...t })));
  }
  return tables;
}

test('gives every definition a unique kebab-case id, a title, words and a known section', () => {
  expect(ids.size).toBe(METRIC_DEFINITIONS.length);
  for (const d of METRIC_DEFINITIONS) {
    expect(d.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(d.title.length).toBeGreaterThan(0);
    expect(d.definition.length).toBeGreaterThan(20);
    expect(METRIC_SECTIONS).toContain(d.section);
  }
  for (const section of METRIC_SECTIONS) expect(METRIC_DEFINITIONS.some((d) => d.section === section)).toBe(true);
});

test('maps every column key only to definitions that exist', () => {
  for (const id of [...Object.values(COLUMN_DEFINITIONS), ...Object.values(TABLE_COLUMN_DEFINITIONS)]) expect(ids).toContain(id);
});

test('reads a key that means something else in one table by that table first', () => {
  expect(columnDefinition('articles', 'escalated_sessions')).toBe('article-escalation-rate');
  expect(columnDefinition('weeks', 'escalated_sessions')).toBe('escalated-session');
  expect(columnDefinition('queries', 'escalation_rate')).toBe('query-escalation');
  expect(columnDefinition('articles', 'title')).toBeUndefined();
});

test('quotes the friction thresholds from the rules module', () => {
  expect(metricDefinition('content-friction').definition).toContain(`at least ${FRICTION_RULES.minVotes} votes`);
  expect(metricDefinition('content-friction').definition).toContain(`at least ${FRICTION_RULES.minViewSessions} readers`);
  expect(metricDefinition('product-friction').definition).toContain(`Poisson z ≥ ${FRICTION_RULES.risingZ}`);
});

test('has a definition for every number column of every report table, and no entry for a column that does not exist', async () => {
  const tables = await everyTable();
  const undefinedColumns = tables
    // The overview's metrics table is the headline tiles, each linked to its own definition.
    .filter((t) => !(t.report === 'overview' && t.name === 'metrics'))
    .flatMap((t) =>
      t.columns
        .filter((c) => c.kind !== 'text' && !NOT_METRICS.has(c.key) && !columnDefinition(t.name, c.key))
        .map((c) => `${t.report}/${t.name}.${c.key}`),
    );
  expect(undefinedColumns).toEqual([]);
  const keys = new Set(tables.flatMap((t) => t.columns.map((c) => c.key)));
  const tableKeys = new Set(tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.key}`)));
  expect(Object.keys(COLUMN_DEFINITIONS).filter((k) => !keys.has(k))).toEqual([]);
  expect(Object.keys(TABLE_COLUMN_DEFINITIONS).filter((k) => !tableKeys.has(k))).toEqual([]);
});
