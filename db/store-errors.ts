/** Failures of the store that a client should retry later (503), told apart from bugs (500). */

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

// SQLite result codes that mean "cannot write now": locked, busy, disk full, read-only, I/O trouble.
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOMEM)/;
// PostgreSQL: connection failures, too many connections, disk full, read-only transaction, shutdown, a lock
// not granted in time, and a serialization failure or deadlock between servers (the client's retry succeeds).
const PG_TRANSIENT = /^(08|53|57P|25006|55P03|40001|40P01)/;

// Network errors of the connection to PostgreSQL, by Node's code.
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// The pg client's own errors for a connection that dropped or never came, which carry no code.
const PG_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/** True for a failure the client should retry later, or one caused by such a failure (a migration that could not run). */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (TRANSIENT.test(code) || PG_TRANSIENT.test(code) || NETWORK.has(code))) return true;
  if (!(error instanceof Error)) return false;
  return PG_CONNECTION.test(error.message) || (error.cause !== undefined && isStoreUnavailable(error.cause));
}

/** PostgreSQL cancelled the statement: it ran past its statement timeout (KB_REPORT_TIMEOUT_MS for reports). */
export function isStatementTimeout(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '57014';
}
