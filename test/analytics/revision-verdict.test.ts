import { expect, test } from 'vitest';
import { getArticle } from '../../src/analytics/article.ts';
import { getRatings } from '../../src/analytics/ratings.ts';
import { compareRevisions, twoProportionP } from '../../src/analytics/revision-verdict.ts';
import { seed, type SeedEvent } from '../helpers/seed-events.ts';
import { freshTestStore } from '../helpers/test-store.ts';

// Worked out by hand (z = 1.96 for the Wilson intervals; a two-sided two-proportion z-test with the pooled share):
// before 38 of 95 helpful = 40.0%, Wilson: centre 0.4 + 3.8416/190 = 0.420219, spread 1.96 × √(0.24/95 + 3.8416/36100)
// = 0.100568, ÷ (1 + 3.8416/95 = 1.040438) → [0.3072, 0.5005]. After 119 of 140 = 85.0%: centre 0.86372, spread
// 1.96 × √(0.1275/140 + 3.8416/78400) = 0.060719, ÷ 1.02744 → [0.7816, 0.8998]. Pooled 157/235 = 0.668085,
// SE = √(0.668085 × 0.331915 × (1/95 + 1/140)) = 0.062595, z = 0.45 / 0.062595 = 7.19: p ≈ 6.5e-13.
test('a rewrite that took helpfulness from 40% to 85% on 95 and 140 votes is better, p < 0.001', () => {
  const verdict = compareRevisions({ up: 38, down: 57 }, { up: 119, down: 21, since: Date.UTC(2026, 10, 10) });
  expect(verdict.before.interval!.lower).toBeCloseTo(0.3072, 4);
  expect(verdict.before.interval!.upper).toBeCloseTo(0.5005, 4);
  expect(verdict.after.interval!.lower).toBeCloseTo(0.7816, 4);
  expect(verdict.after.interval!.upper).toBeCloseTo(0.8998, 4);
  expect(verdict.z).toBeCloseTo(7.189, 3);
  expect(verdict.p).toBeLessThan(1e-12);
  expect(verdict.p).toBeGreaterThan(1e-13);
  expect(verdict.verdict).toBe('better');
  expect(verdict.sentence).toBe('helpful 40% [31–50%] n=95 → 85% [78–90%] n=140 since the edit of 10 Nov: better, p < 0.001');
});

// 80 of 100 → 60 of 100: pooled 0.7, SE = √(0.21 × 0.02) = 0.064807, z = −0.2 / 0.064807 = −3.086,
// p = 2 × (1 − Φ(3.086)) = 2 × 0.001014 = 0.0020.
test('a rewrite that took helpfulness from 80% to 60% on 100 votes each is worse, p = 0.002', () => {
  const verdict = compareRevisions({ up: 80, down: 20 }, { up: 60, down: 40, since: Date.UTC(2026, 0, 3) });
  expect(verdict.z).toBeCloseTo(-3.086, 3);
  expect(verdict.p).toBeCloseTo(0.00203, 4);
  expect(verdict.verdict).toBe('worse');
  expect(verdict.sentence).toBe('helpful 80% [71–87%] n=100 → 60% [50–69%] n=100 since the edit of 3 Jan: worse, p = 0.002');
});

// 50 of 100 → 45 of 100: pooled 0.475, SE = √(0.249375 × 0.02) = 0.070622, z = −0.708, p = 0.479.
test('a small difference on enough votes is no clear change, and too few votes on either side say so', () => {
  const unclear = compareRevisions({ up: 50, down: 50 }, { up: 45, down: 55, since: Date.UTC(2026, 5, 1) });
  expect(unclear.p).toBeCloseTo(0.479, 3);
  expect(unclear.verdict).toBe('no clear change');
  expect(unclear.sentence).toMatch(/: no clear change, p = 0\.48$/);

  const few = compareRevisions({ up: 3, down: 2 }, { up: 9, down: 1, since: Date.UTC(2026, 5, 1) });
  expect(few.verdict).toBe('too few votes');
  expect(few.sentence).toBe('helpful 60% [23–88%] n=5 → 90% [60–98%] n=10 since the edit of 1 Jun: no clear change yet (n too small)');
});

test('the two-sided p-value of a z-test matches the normal table', () => {
  expect(twoProportionP(0)).toBeCloseTo(1, 6);
  expect(twoProportionP(1.96)).toBeCloseTo(0.05, 4);
  expect(twoProportionP(-2.5758)).toBeCloseTo(0.01, 4);
  expect(twoProportionP(3.2905)).toBeCloseTo(0.001, 5);
});

test('the ratings report and the article drill-down give each revision its verdict against the one before, from the votes as stored', async () => {
  const store = await freshTestStore();
  try {
    // Every voter read the article first; 12 of the first revision's readers (and 3 of the second's) contacted support
    // from its page; the first revision's down votes say unclear (40) or outdated (10), the second's unclear (5).
    const reader = (
      i: number,
      revision: string,
      up: boolean,
      at: string,
      down: { reason?: 'unclear' | 'outdated' },
      contact: boolean,
    ): SeedEvent[] => {
      const session = `verdict-${revision}-${i}`;
      const base = { session, article: 'export-to-csv', revision, at };
      return [
        { type: 'view', ...base },
        up ? { type: 'feedback', ...base, vote: 'up' } : { type: 'feedback', ...base, vote: 'down', ...down },
        ...(contact ? [{ type: 'contact', ...base } as SeedEvent] : []),
      ] as SeedEvent[];
    };
    // The hand-worked rewrite above, as readers vote: 38 of 95 helpful on the first revision, 119 of 140 after the edit.
    await seed(store, [
      ...Array.from({ length: 95 }, (_, i) =>
        reader(i, 'r1', i < 38, '2026-11-03T10:00:00Z', { reason: i < 78 ? 'unclear' : i < 88 ? 'outdated' : undefined }, i % 8 === 0),
      ).flat(),
      ...Array.from({ length: 140 }, (_, i) =>
        reader(i, 'r2', i < 119, '2026-11-10T09:00:00Z', { reason: i < 124 ? 'unclear' : undefined }, i % 50 === 0),
      ).flat(),
    ]);
    const ratings = await getRatings(store.db, { from: '2026-11-01', to: '2026-11-28' });
    expect(ratings.byRevision.map((r) => [r.revision, r.up, r.n, r.change?.verdict ?? null])).toEqual([
      ['r1', 38, 95, null],
      ['r2', 119, 140, 'better'],
    ]);
    // r1: 95 readers, contacts from sessions 0, 8, …, 88 (12), down votes 38–94 of which 38–77 unclear (40) and 78–87
    // outdated (10): 50 of 95 votes. r2: 140 readers, contacts from 0, 50, 100 (3), down votes 119–139 of which
    // 119–123 unclear: 5 of 140.
    expect(ratings.byRevision.map((r) => [r.viewSessions, r.contactRate, r.outdatedOrUnclearShare])).toEqual([
      [95, 12 / 95, 50 / 95],
      [140, 3 / 140, 5 / 140],
    ]);
    expect(ratings.byRevision[1]!.change!.sentence).toBe(
      'helpful 40% [31–50%] n=95 → 85% [78–90%] n=140 since the edit of 10 Nov: better, p < 0.001',
    );
    // The article's own drill-down says the same.
    const article = await getArticle(store.db, { from: '2026-11-01', to: '2026-11-28' }, 'export-to-csv');
    expect(article!.revisions.map((r) => r.change?.sentence ?? null)).toEqual([null, ratings.byRevision[1]!.change!.sentence]);
  } finally {
    await store.close();
  }
});
