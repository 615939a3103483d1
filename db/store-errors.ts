/** Failures of the store that a client should retry later (503), told apart from bugs (500). */

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

// SQLite result codes that mean "cannot write now": locked, busy, disk full, read-only, I/O trouble.
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOMEM)/;
// PostgreSQL: connection failures, too many connections, disk full, read-only transaction, shutdown, a lock
// not granted in time, and a serialization failure or deadlock between servers (the client's retry succeeds).
const PG_TRANSIENT = /^(08|53|57P|25006|55P03|40001|40P01)/;

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  return TRANSIENT.test(code) || PG_TRANSIENT.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET';
}
