/** Every migration, in order. Listed by hand so bundling cannot lose one; landed entries are never edited. */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-events.ts';
import * as m0002 from './0002-report-rollups.ts';
import * as m0003 from './0003-admin-access.ts';
import * as m0004 from './0004-session-daily.ts';
import * as m0005 from './0005-clustered-rollups.ts';
import * as m0006 from './0006-clustered-session-rows.ts';
import * as m0007 from './0007-weekly-rollups.ts';
import * as m0008 from './0008-closed-sessions.ts';
import * as m0009 from './0009-session-reads-by-article.ts';
import * as m0010 from './0010-session-scope-daily.ts';
import * as m0011 from './0011-escalated-query-rows.ts';
import * as m0012 from './0012-quarterly-rollups.ts';
import * as m0013 from './0013-yearly-rollups.ts';

export const migrations: Record<string, Migration> = {
  '0001-events': m0001,
  '0002-report-rollups': m0002,
  '0003-admin-access': m0003,
  '0004-session-daily': m0004,
  '0005-clustered-rollups': m0005,
  '0006-clustered-session-rows': m0006,
  '0007-weekly-rollups': m0007,
  '0008-closed-sessions': m0008,
  '0009-session-reads-by-article': m0009,
  '0010-session-scope-daily': m0010,
  '0011-escalated-query-rows': m0011,
  '0012-quarterly-rollups': m0012,
  '0013-yearly-rollups': m0013,
};
