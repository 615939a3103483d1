/**
 * What makes a closed or open session a help-center session, an escalated one or a confirmed deflection (DOMAIN.md),
 * in SQL over the sessions table aliased `s`: the per-scope counts kept when sessions close and the reports that
 * look up open sessions must agree. (The write path decides the same in memory, in write-events.ts.)
 */
import { sql } from 'kysely';

export const isKbSession = sql<boolean>`(s.views > 0 or s.searches > 0)`;
export const escalatedSession = sql<number>`case when s.contacts > 0 then 1 else 0 end`;
export const confirmedSession = sql<number>`case when s.contacts = 0 and s.up_votes > 0 then 1 else 0 end`;
