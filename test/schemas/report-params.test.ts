import { expect, test } from 'vitest';
import { ReportQuerySchema } from '../../src/schemas/report-params.ts';

const issues = (query: Record<string, string>) => {
  const result = ReportQuerySchema.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

test('rejects dates that are not on the calendar, without throwing', () => {
  expect(issues({ from: '2026-13-01' })).toEqual([['from', 'is not a calendar date']]);
  expect(issues({ to: '2026-02-30' })).toEqual([['to', 'is not a calendar date']]);
  expect(issues({ from: '26-1-1' })).toEqual([['from', 'must be a date like 2026-10-14']]);
});

test('defaults to the 28 days ending today, or around the one end given', () => {
  const today = new Date().toISOString().slice(0, 10);
  expect(ReportQuerySchema.parse({})).toMatchObject({ to: today, format: 'json' });
  expect(ReportQuerySchema.parse({ from: '2026-11-01' })).toMatchObject({ from: '2026-11-01', to: '2026-11-28' });
  expect(ReportQuerySchema.parse({ to: '2026-11-28' })).toMatchObject({ from: '2026-11-01', to: '2026-11-28' });
});

test('names an unknown parameter, a reversed range and a range over ten years', () => {
  expect(issues({ colour: 'red' })[0]![1]).toMatch(/colour/);
  expect(issues({ from: '2026-11-02', to: '2026-11-01' })).toEqual([['from', 'must not be after "to"']]);
  expect(issues({ from: '2010-01-01', to: '2026-11-01' })).toEqual([['from', 'must be at most 3660 days before "to"']]);
});
