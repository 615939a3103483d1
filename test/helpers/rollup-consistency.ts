/** Recomputes the rollups from the raw events and returns every row where the two disagree (SQLite or PostgreSQL). */
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { EventStore } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect-sql.ts';

/** The UTC day (YYYY-MM-DD) of an epoch-ms column. */
const DAYS: Record<Dialect, (column: string) => string> = {
  sqlite: (column) => `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`,
  postgres: (column) => `to_char(to_timestamp(${column} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`,
};
type Unit = 'week' | 'month' | 'quarter' | 'year';
/**
 * The key of the weekly, monthly, quarterly and yearly rollups (the Monday, or the month's, quarter's or year's first
 * day) of a YYYY-MM-DD column `day`.
 */
const UNIT_KEYS: Record<Dialect, Record<Unit, string>> = {
  sqlite: {
    week: "date(day, '-6 days', 'weekday 1')",
    month: "substr(day, 1, 8) || '01'",
    quarter: "printf('%s-%02d-01', substr(day, 1, 4), (cast(substr(day, 6, 2) as integer) - 1) / 3 * 3 + 1)",
    year: "substr(day, 1, 4) || '-01-01'",
  },
  postgres: {
    week: "to_char(date_trunc('week', day::date), 'YYYY-MM-DD')",
    month: "substr(day, 1, 8) || '01'",
    quarter: "to_char(date_trunc('quarter', day::date), 'YYYY-MM-DD')",
    year: "substr(day, 1, 4) || '-01-01'",
  },
};
// Counting rows where a condition holds, in SQL both stores accept.
const count = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;
// Each session's last feedback on an article (n = 1) is its final vote; from raw events, as closed sessions keep no
// vote.
const FINAL_VOTES =
  'with final as (select article_id, revision_id, n1, n2, ts, row_number() over (partition by session_id, article_id order by id desc) as n from events where type = 4)';
// Each session's first view of an article: the revision it read.
const FIRST_VIEWS =
  'with firsts as (select article_id, revision_id, ts, row_number() over (partition by session_id, article_id order by id) as n from events where type = 1)';
/** What a search event showed the reader: its correction's results when it has one. */
const SHOWN = '(case when corrected_query_id is null then n1 else n2 end)';
/**
 * Per search that showed nothing, the articles its session viewed for the first time after it (in arrival order), by
 * the search's day.
 */
const FOLLOWUPS = (dayOf: (column: string) => string) => `
    with firsts as (select id, session_id, article_id, ts, row_number() over (partition by session_id, article_id order by id) as n from events where type = 1),
    followups as (select q.query_id, ${dayOf('q.ts')} as day, v.article_id, count(*) as sessions from events q
      join firsts v on v.session_id = q.session_id and v.n = 1 and v.id > q.id and v.ts >= q.ts
      where q.type = 2 and ${SHOWN} = 0 group by 1, 2, 3)`;
const ARTICLE_COUNTERS = [
  'views',
  'view_sessions',
  'escalations',
  'contacts',
  'search_clicks',
  'up',
  'down',
  'outdated',
  'unclear',
  'didnt_solve',
  'product_issue',
  'other',
  'comments',
];

const checks = (dayOf: (column: string) => string, units: Record<Unit, string>): Record<string, string> => {
  const DAY = dayOf('ts');
  return {
    'article views': `
    select article_id, day, views from article_daily where views <> 0
    except select article_id, ${DAY}, count(*) from events where type = 1 group by 1, 2`,
    'article views (reverse)': `
    select article_id, ${DAY}, count(*) from events where type = 1 group by 1, 2
    except select article_id, day, views from article_daily where views <> 0`,
    'searches per query and day': `
    select query_id, ${DAY} as d, count(*), ${count(`${SHOWN} = 0`)} from events where type = 2 group by 1, 2
    except select query_id, day, searches, zero_results from query_daily where searches <> 0`,
    'corrected searches per query, correction and day': `
    select query_id, ${DAY}, corrected_query_id, count(*) from events where type = 2 and corrected_query_id is not null group by 1, 2, 3
    except select query_id, day, corrected_query_id, searches from query_correction_daily`,
    'corrected searches per query, correction and day (reverse)': `
    select query_id, day, corrected_query_id, searches from query_correction_daily
    except select query_id, ${DAY}, corrected_query_id, count(*) from events where type = 2 and corrected_query_id is not null group by 1, 2, 3`,
    'articles opened after a search that showed nothing': `
    ${FOLLOWUPS(dayOf)} select * from followups except select query_id, day, article_id, sessions from query_followup_daily`,
    'articles opened after a search that showed nothing (reverse)': `
    ${FOLLOWUPS(dayOf)} select query_id, day, article_id, sessions from query_followup_daily except select * from followups`,
    'session counters': `
    select s.id, s.views, s.searches, s.contacts from sessions s
    except select s.id,
      (select count(*) from events e where e.session_id = s.id and e.type = 1),
      (select count(*) from events e where e.session_id = s.id and e.type = 2),
      (select count(*) from events e where e.session_id = s.id and e.type = 5)
    from sessions s`,
    'final votes per article and day': `
    ${FINAL_VOTES} select article_id, ${DAY}, ${count('n1 = 1')}, ${count('n1 <> 1')} from final where n = 1 group by 1, 2
    except select article_id, day, up, down from article_daily where up <> 0 or down <> 0`,
    'final vote is the last feedback event': `
    select sa.session_id, sa.article_id, sa.vote from session_articles sa where sa.vote is not null
    except select e.session_id, e.article_id, case e.n1 when 1 then 'up' else 'down' end from events e
      where e.type = 4 and e.id = (select max(id) from events f where f.type = 4 and f.session_id = e.session_id and f.article_id = e.article_id)`,
    'search clicks per query and article': `
    select article_id, ${DAY}, query_id, count(*) from events where type = 3 group by 1, 2, 3
    except select article_id, day, query_id, clicks from query_article_daily`,
    'readers and escalations per article and day': `
    with views as (select id, session_id, article_id, ts, row_number() over (partition by session_id, article_id order by id) as n from events where type = 1),
    firsts as (
      select v.article_id, v.ts, max(case when c.id is null then 0 else 1 end) as escalated from views v
        left join events c on c.type = 5 and c.session_id = v.session_id and c.id > v.id and c.ts >= v.ts
        where v.n = 1 group by v.session_id, v.article_id, v.ts)
    select article_id, ${DAY}, count(*), sum(escalated) from firsts group by 1, 2
    except select article_id, day, view_sessions, escalations from article_daily where view_sessions <> 0`,
    'help-center sessions per day': `
    select ${dayOf('started_at')}, count(*), ${count('contacts > 0')}, ${count('contacts = 0 and up_votes > 0')}, sum(searches) from sessions
      where views > 0 or searches > 0 group by 1
    except select day, kb_sessions, escalated, confirmed, searches from session_daily where kb_sessions <> 0`,
    "every session within its day's id range": `
    select s.id from sessions s left join session_daily d on d.day = ${dayOf('s.started_at')}
      where d.day is null or s.id < d.first_session_id or s.id > d.last_session_id`,
    'tutorial steps': `
    select article_id, ${DAY}, n1, count(*) from events where type = 6 group by 1, 2, 3
    except select article_id, day, step, sessions from tutorial_step_daily`,
    'comments per article and day': `
    select article_id, ${DAY}, count(*) from comments where comment <> '' group by 1, 2
    except select article_id, day, comments from article_daily where comments <> 0`,
    'comments per article and day (reverse)': `
    select article_id, day, comments from article_daily where comments <> 0
    except select article_id, ${DAY}, count(*) from comments where comment <> '' group by 1, 2`,
    'final votes per revision and day': `
    ${FINAL_VOTES} select ${DAY}, article_id, revision_id, ${count('n1 = 1')}, ${count('n1 <> 1')} from final
      where n = 1 and revision_id is not null group by 1, 2, 3
    except select day, article_id, revision_id, up, down from revision_votes_daily where up <> 0 or down <> 0`,
    'final votes per revision and day (reverse)': `
    ${FINAL_VOTES} select day, article_id, revision_id, up, down from revision_votes_daily where up <> 0 or down <> 0
    except select ${DAY}, article_id, revision_id, ${count('n1 = 1')}, ${count('n1 <> 1')} from final
      where n = 1 and revision_id is not null group by 1, 2, 3`,
    // Reason codes: outdated 1, unclear 2 (src/domain/event-codes.ts).
    'final down votes saying outdated or unclear per revision and day': `
    ${FINAL_VOTES} select ${DAY}, article_id, revision_id, ${count('n1 = 0 and n2 = 1')}, ${count('n1 = 0 and n2 = 2')} from final
      where n = 1 and revision_id is not null group by 1, 2, 3 having ${count('n1 = 0 and n2 in (1, 2)')} > 0
    except select day, article_id, revision_id, outdated, unclear from revision_votes_daily where outdated <> 0 or unclear <> 0`,
    'final down votes saying outdated or unclear per revision and day (reverse)': `
    ${FINAL_VOTES} select day, article_id, revision_id, outdated, unclear from revision_votes_daily where outdated <> 0 or unclear <> 0
    except select ${DAY}, article_id, revision_id, ${count('n1 = 0 and n2 = 1')}, ${count('n1 = 0 and n2 = 2')} from final
      where n = 1 and revision_id is not null group by 1, 2, 3`,
    'readers per revision and day': `
    ${FIRST_VIEWS} select ${DAY}, article_id, revision_id, count(*) from firsts where n = 1 and revision_id is not null group by 1, 2, 3
    except select day, article_id, revision_id, view_sessions from revision_votes_daily where view_sessions <> 0`,
    'readers per revision and day (reverse)': `
    ${FIRST_VIEWS} select day, article_id, revision_id, view_sessions from revision_votes_daily where view_sessions <> 0
    except select ${DAY}, article_id, revision_id, count(*) from firsts where n = 1 and revision_id is not null group by 1, 2, 3`,
    'contacts per revision and day': `
    select ${DAY}, article_id, revision_id, count(*) from events where type = 5 and article_id is not null and revision_id is not null group by 1, 2, 3
    except select day, article_id, revision_id, contacts from revision_votes_daily where contacts <> 0`,
    'contacts per revision and day (reverse)': `
    select day, article_id, revision_id, contacts from revision_votes_daily where contacts <> 0
    except select ${DAY}, article_id, revision_id, count(*) from events where type = 5 and article_id is not null and revision_id is not null group by 1, 2, 3`,
    ...scopeChecks('category'),
    ...scopeChecks('product_area'),
    ...coarserChecks('article', ['article_id'], ARTICLE_COUNTERS, units),
    ...coarserChecks('query', ['query_id'], ['searches', 'zero_results', 'clicked', 'escalated'], units),
    ...coarserChecks('tutorial_step', ['article_id', 'step'], ['sessions', 'max(steps)'], units),
    ...coarserChecks(
      'revision_votes',
      ['article_id', 'revision_id'],
      ['up', 'down', 'view_sessions', 'contacts', 'outdated', 'unclear'],
      units,
    ),
  };
};

/**
 * Closed sessions per day and per category (or product area) they read in, from session_reads and sessions, both ways.
 */
function scopeChecks(kind: 'category' | 'product_area'): Record<string, string> {
  const closed = `
    select '${kind}', x.name, s.started_at / 86400000, count(*), ${count('s.contacts > 0')}, ${count('s.contacts = 0 and s.up_votes > 0')}, sum(s.searches)
    from (select distinct r.session_id, a.${kind} as name from session_reads r join articles a on a.id = r.article_id where a.${kind} is not null) x
    join sessions s on s.id = x.session_id where s.views > 0 or s.searches > 0 group by x.name, s.started_at / 86400000`;
  const rollup = `select kind, name, day_number, kb_sessions, escalated, confirmed, searches from session_scope_daily where kind = '${kind}'`;
  return {
    [`closed sessions per day and ${kind}`]: `${closed} except ${rollup}`,
    [`closed sessions per day and ${kind} (reverse)`]: `${rollup} except ${closed}`,
  };
}

/** Each weekly, monthly, quarterly and yearly rollup holds exactly the sums of its daily rollup's days, both ways. */
function coarserChecks(name: string, keys: string[], counters: string[], units: Record<Unit, string>): Record<string, string> {
  const sums = counters.map((c) => (c.includes('(') ? c : `sum(${c})`)).join(', ');
  const plain = counters.map((c) => c.replace(/^max\((.*)\)$/, '$1')).join(', ');
  const out: Record<string, string> = {};
  for (const [level, key] of Object.entries(units)) {
    const daily = `select ${key}, ${keys.join(', ')}, ${sums} from ${name}_daily group by 1, ${keys.map((_, i) => i + 2).join(', ')}`;
    const coarser = `select day, ${keys.join(', ')}, ${plain} from ${name}_${level}ly`;
    Object.assign(out, {
      [`${name} by ${level}`]: `${daily} except ${coarser}`,
      [`${name} by ${level} (reverse)`]: `${coarser} except ${daily}`,
    });
  }
  return out;
}

export function rollupMismatches(sqlite: SqliteDatabase.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(checks(DAYS.sqlite, UNIT_KEYS.sqlite))) {
    const rows = sqlite.prepare(query).raw().all();
    if (rows.length) out[name] = rows;
  }
  return out;
}

/** The same checks through kysely, on either store. */
export async function storeRollupMismatches(store: EventStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(checks(DAYS[store.dialect], UNIT_KEYS[store.dialect]))) {
    const { rows } = await sql.raw(query).execute(store.db);
    if (rows.length) out[name] = rows;
  }
  return out;
}
