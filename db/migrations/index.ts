/**
 * Every migration, in order, listed by hand so bundling cannot lose one. Until the first release there is one
 * initial migration, edited in place as the schema changes. From the first release on, a landed migration is frozen:
 * every change to the schema is a new numbered migration, and a landed one is never edited.
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};
