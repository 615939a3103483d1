/**
 * Closing the search-gap loop: for each content gap, what would close it (a synonym, an alias, a pin or a missing
 * article, with the exact line a writer adds in Git), and, once a build served a term that matches it, whether it
 * closed: the gap's zero-result rate before that build and since, with both sample sizes.
 */
import type { Kysely } from 'kysely';
import type { Database, SearchTermsTable } from '../../db/schema.ts';
import { keyWords, queryGroupKey } from '../domain/query-group-key.ts';
import { rate, wilsonInterval } from './wilson.ts';
import { searchesOf } from './query-totals.ts';
import { addDays } from '../domain/utc-day.ts';

export type FixKind = 'synonym' | 'alias' | 'pin' | 'article' | 'review';

export interface GapFix {
  kind: FixKind;
  /** Where the line goes: a content file, or the frontmatter of the article named; null for a review. */
  file: string | null;
  /** The line to add, exactly; null for a review. */
  line: string | null;
  /** The article readers opened after the gap's searches showed nothing, when some did. */
  article: string | null;
  /** Sessions that opened that article after such a search: the evidence for the fix. */
  sessions: number;
}

export interface SearchesAndZero {
  searches: number;
  zeroResults: number;
  zeroResultRate: number | null;
}
export type GapStatus = 'closed' | 'not closed' | 'too few searches';

/** The most recent term a build served that matches the gap, and the gap's searches before and since. */
export interface GapChange {
  kind: SearchTermsTable['kind'];
  /** The term as the build first had it. */
  term: string;
  /** The day this server first saw a build with the term. */
  since: string;
  before: SearchesAndZero;
  after: SearchesAndZero;
  status: GapStatus;
}

/** A gap as the search report groups it: its name and the ids of its wordings. */
export interface GapQueries {
  query: string;
  zeroResults: number;
  ids: number[];
  texts: string[];
}

/** Articles looked up per gap, most opened first, to find one still published. */
const CANDIDATES = 3;
/** Fewer searches than this since a change say nothing about it. */
export const MIN_SEARCHES_AFTER = 3;
/** Wordings longer than this are questions, not names of a subject: they are pinned rather than made aliases. */
export const MAX_ALIAS_WORDS = 4;

const SYNONYMS_FILE = 'content/synonyms.json';
const PINS_FILE = 'content/pins.json';

const counts = (searches: number, zeroResults: number): SearchesAndZero => ({
  searches,
  zeroResults,
  zeroResultRate: rate(zeroResults, searches),
});

/**
 * Closed when the zero-result rate's 95% intervals before and since do not overlap, the later one below: a drop the
 * sample sizes cannot explain away. Not closed when the rate since is no lower, or, for a term served from before
 * the range, when searches since still find nothing. Anything else, and fewer than MIN_SEARCHES_AFTER searches since,
 * is too few searches to tell.
 */
export function gapStatus(before: SearchesAndZero, after: SearchesAndZero): GapStatus {
  const since = wilsonInterval(after.zeroResults, after.searches);
  if (!since || after.searches < MIN_SEARCHES_AFTER) return 'too few searches';
  const was = wilsonInterval(before.zeroResults, before.searches);
  if (!was) return after.zeroResults > 0 ? 'not closed' : 'too few searches';
  if (since.upper < was.lower) return 'closed';
  return (after.zeroResultRate ?? 0) >= (before.zeroResultRate ?? 0) ? 'not closed' : 'too few searches';
}

/**
 * The fix for a gap: a synonym when the article readers went on to open is titled with the gap's words but one, an
 * alias or a pin to that article otherwise; when nobody found one, a new article if some searches showed nothing,
 * and a review of what the search shows if every search showed results nobody opened.
 */
export function suggestFix(
  query: string,
  found: { slug: string; title: string; sessions: number } | undefined,
  showedNothing: boolean,
): GapFix {
  const json = JSON.stringify;
  if (!found && !showedNothing) return { kind: 'review', file: null, line: null, article: null, sessions: 0 };
  if (!found) {
    const slug = keyWords(query)
      .map((w) => w.word)
      .join('-');
    const title = query.charAt(0).toUpperCase() + query.slice(1);
    return {
      kind: 'article',
      file: `content/articles/${slug || 'new-article'}.mdx`,
      line: `title: ${json(title)}`,
      article: null,
      sessions: 0,
    };
  }
  const evidence = { article: found.slug, sessions: found.sessions };
  const asked = keyWords(query);
  const titled = keyWords(found.title);
  const askedStems = new Set(asked.map((w) => w.stem));
  const titledStems = new Set(titled.map((w) => w.stem));
  const onlyAsked = [...new Map(asked.filter((w) => !titledStems.has(w.stem)).map((w) => [w.stem, w.word])).values()];
  const onlyTitled = [...new Map(titled.filter((w) => !askedStems.has(w.stem)).map((w) => [w.stem, w.word])).values()];
  if (onlyAsked.length === 1 && onlyTitled.length === 1 && askedStems.size === titledStems.size)
    return { kind: 'synonym', file: SYNONYMS_FILE, line: `${json([onlyTitled[0], onlyAsked[0]])},`, ...evidence };
  if (askedStems.size <= MAX_ALIAS_WORDS)
    return { kind: 'alias', file: `frontmatter of ${found.slug}`, line: `aliases: [${json(query)}]`, ...evidence };
  return { kind: 'pin', file: PINS_FILE, line: `${json({ queries: [query], article: found.slug })},`, ...evidence };
}

type Term = Pick<SearchTermsTable, 'kind' | 'key' | 'text' | 'first_seen_day'>;

/**
 * The term served most recently by `last` that matches one of the wordings: the same key, or a synonym whose words they
 * all use.
 */
function latestMatch(
  keys: readonly string[],
  byKey: ReadonlyMap<string, Term[]>,
  synonyms: readonly Term[],
  last: string,
): Term | undefined {
  const matches = keys
    .flatMap((key) => {
      const words = new Set(key.split(' '));
      return [...(byKey.get(key) ?? []), ...synonyms.filter((t) => t.key.split(' ').every((w) => words.has(w)))];
    })
    .filter((t) => t.first_seen_day <= last);
  return matches.reduce<Term | undefined>((latest, t) => (latest && latest.first_seen_day >= t.first_seen_day ? latest : t), undefined);
}

/** Each gap's fix and, when a build served a matching term, its change, in the order of `gaps`. */
export async function gapFixes(
  db: Kysely<Database>,
  range: { from: string; to: string },
  gaps: readonly GapQueries[],
): Promise<{ fix: GapFix; change: GapChange | null }[]> {
  const ids = [...new Set(gaps.flatMap((g) => g.ids))];
  if (ids.length === 0) return [];
  const keys = gaps.map((g) => g.texts.map(queryGroupKey));
  // Plain rows, summed here: grouping them in SQL (and joining each article) took several times as long for a year.
  const [followups, terms] = await Promise.all([
    db
      .selectFrom('query_followup_daily')
      .select(['query_id', 'article_id', 'sessions'])
      .where('query_id', 'in', ids)
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .execute(),
    db
      .selectFrom('search_terms')
      .select(['kind', 'key', 'text', 'first_seen_day'])
      .where((eb) => eb.or([eb('kind', '=', 'synonym'), eb('key', 'in', [...new Set(keys.flat())])]))
      .execute(),
  ]);
  const gapOf = new Map(gaps.flatMap((gap, g) => gap.ids.map((id) => [id, g] as const)));
  // Sessions by article, per gap, most first: the best few are looked up, and the first still published is suggested.
  const opened = gaps.map(() => new Map<number, number>());
  for (const f of followups) {
    const byArticle = opened[gapOf.get(f.query_id)!]!;
    byArticle.set(f.article_id, (byArticle.get(f.article_id) ?? 0) + Number(f.sessions));
  }
  const candidates = opened.map((byArticle) =>
    [...byArticle]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, CANDIDATES)
      .map(([id, sessions]) => ({ id, sessions })),
  );
  const candidateIds = [...new Set(candidates.flat().map((c) => c.id))];
  const articles = new Map(
    candidateIds.length === 0
      ? []
      : (
          await db
            .selectFrom('articles')
            .select(['id', 'slug', 'title'])
            .where('id', 'in', candidateIds)
            .where('published', '=', 1)
            .execute()
        ).map((a) => [a.id, a]),
  );
  const byKey = Map.groupBy(
    terms.filter((t) => t.kind !== 'synonym'),
    (t) => t.key,
  );
  const synonyms = terms.filter((t) => t.kind === 'synonym');
  const matched = gaps.map((_, g) => latestMatch(keys[g], byKey, synonyms, range.to));
  // The searches before each term's first day and since, of the wordings of every gap it matched: one pair of lookups
  // per distinct day, however many gaps share it (a synonym matches many).
  const byDay = Map.groupBy(
    gaps.flatMap((gap, g) => (matched[g] ? gap.ids.map((id) => ({ id, day: matched[g]!.first_seen_day })) : [])),
    (x) => x.day,
  );
  const sides = new Map(
    await Promise.all(
      [...byDay].map(async ([day, wordings]) => {
        const ids = [...new Set(wordings.map((w) => w.id))];
        const before = { from: range.from, to: addDays(day, -1) < range.to ? addDays(day, -1) : range.to };
        const after = { from: day > range.from ? day : range.from, to: range.to };
        return [day, await Promise.all([searchesOf(db, before, ids), searchesOf(db, after, ids)])] as const;
      }),
    ),
  );
  return gaps.map((gap, g) => {
    const chosen = candidates[g]!.find((c) => articles.has(c.id));
    const found = chosen && { ...articles.get(chosen.id)!, sessions: chosen.sessions };
    const fix = suggestFix(gap.query, found && { ...found, title: found.title ?? found.slug }, gap.zeroResults > 0);
    const term = matched[g];
    const side = term && sides.get(term.first_seen_day);
    if (!term || !side) return { fix, change: null };
    const [b, a] = side.map((byId) => {
      let [searches, zeroResults] = [0, 0];
      for (const id of gap.ids) {
        const t = byId.get(id);
        if (t) [searches, zeroResults] = [searches + t.searches, zeroResults + t.zeroResults];
      }
      return counts(searches, zeroResults);
    }) as [SearchesAndZero, SearchesAndZero];
    return { fix, change: { kind: term.kind, term: term.text, since: term.first_seen_day, before: b, after: a, status: gapStatus(b, a) } };
  });
}
