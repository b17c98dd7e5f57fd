/** Expected failures. Only cli.ts turns them into a message and an exit code; no stack trace reaches the user. */
export class AwsquizError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flag or argument: exit 2. */
export class UsageError extends AwsquizError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The question bank, taxonomy or notes are broken: exit 2, every problem listed. */
export class BankError extends AwsquizError {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message, 2);
  }
}

/** The database cannot be used as it is (corrupt, newer, locked, read-only): exit 1, file untouched. */
export class StoreError extends AwsquizError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** The learner pressed Ctrl-C: exit 130 after saying how to continue. */
export class InterruptedError extends AwsquizError {
  constructor(message: string) {
    super(message, 130);
  }
}

/** An error from SQLite itself (better-sqlite3 sets `code` to SQLITE_BUSY, SQLITE_FULL…). */
export function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}
