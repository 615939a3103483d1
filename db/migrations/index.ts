/** Every migration, in order. Listed by hand so bundling cannot lose one; landed entries are never edited. */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-events.ts';

export const migrations: Record<string, Migration> = {
  '0001-events': m0001,
};
