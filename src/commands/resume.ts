import { UsageError } from '../errors.js';
import { bankLocation, openBank } from './exam.js';

export async function resume(opts: { db?: string; bank?: string; notes?: string }): Promise<void> {
  if (!(process.stdin.isTTY && process.stdout.isTTY))
    throw new UsageError('awsquiz resume continues an exam in an interactive terminal, and this is not one.');
  const [{ openDb, dbPath }, { AttemptStore }, { runAttempt }] = await Promise.all([
    import('../store/db.js'),
    import('../store/attempts.js'),
    import('../ui/exam-loop.js'),
  ]);
  const db = openDb(dbPath(opts.db));
  try {
    const store = new AttemptStore(db);
    const attempt = store.latestActive();
    if (!attempt) {
      process.stdout.write(
        'Nothing to resume: every attempt is finished. Start one with `awsquiz exam --domain storage`.\n',
      );
      return;
    }
    const bank = await openBank(bankLocation(opts));
    await runAttempt(bank, store, attempt.id);
  } finally {
    db.close();
  }
}
