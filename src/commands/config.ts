import { UsageError } from '../errors.js';
import { AttemptStore } from '../store/attempts.js';
import { dbPath, openDb } from '../store/db.js';
import { parseExamDate } from './drill.js';

const KEYS = ['exam-date'];

/** `awsquiz config get|set|unset exam-date [YYYY-MM-DD]` — kept in the history database. */
export async function config(
  action: string,
  key: string | undefined,
  value: string | undefined,
  opts: { db?: string },
): Promise<void> {
  if (!['get', 'set', 'unset'].includes(action))
    throw new UsageError(`config takes get, set or unset, not "${action}"`);
  if (key !== undefined && !KEYS.includes(key))
    throw new UsageError(`unknown setting "${key}"; settings: ${KEYS.join(', ')}`);
  if (action !== 'get' && key === undefined)
    throw new UsageError(`config ${action} needs a setting: ${KEYS.join(', ')}`);
  if (action === 'set' && value === undefined)
    throw new UsageError('config set exam-date needs a date, e.g. 2027-01-31');
  if (action === 'set') parseExamDate(value!);
  const db = openDb(dbPath(opts.db));
  try {
    const store = new AttemptStore(db).mastery;
    if (action === 'set') {
      store.setSetting(key!, value);
      process.stdout.write(`${key} = ${value}\n`);
    } else if (action === 'unset') {
      store.setSetting(key!, undefined);
      process.stdout.write(`${key} unset\n`);
    } else {
      for (const k of key ? [key] : KEYS) process.stdout.write(`${k} = ${store.setting(k) ?? '(not set)'}\n`);
    }
  } finally {
    db.close();
  }
}
