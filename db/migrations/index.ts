/**
 * Every migration, in order, listed by hand so bundling cannot lose one. A landed migration is frozen: stores in use
 * have run it, so every change to the schema is a new numbered migration.
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-search-corrections-and-fixes.ts';
import * as m0003 from './0003-team-access.ts';
import * as m0004 from './0004-feedback-inbox.ts';
import * as m0005 from './0005-alerts.ts';
import * as m0006 from './0006-revision-outcomes.ts';
import * as m0007 from './0007-help-desk-tickets.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-search-corrections-and-fixes': m0002,
  '0003-team-access': m0003,
  '0004-feedback-inbox': m0004,
  '0005-alerts': m0005,
  '0006-revision-outcomes': m0006,
  '0007-help-desk-tickets': m0007,
};
