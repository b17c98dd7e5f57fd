import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { AwsquizError, BankError, InterruptedError, isSqliteError } from './errors.js';
import { PACKAGE_ROOT } from './root.js';

// Each command is imported when it runs, so `--help` and `--version` load no SQLite, prompts or bank.
const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

const program = new Command('awsquiz')
  .description(
    'Offline AWS exam simulator (SAA-C03, DVA-C02) with a question bank cited against your study notes.',
  )
  .version(version, '-v, --version')
  .option('--no-color', 'plain output without colour (NO_COLOR is honoured too)')
  .showSuggestionAfterError()
  .configureOutput({ outputError: (str, write) => write(str) })
  .exitOverride();

const dbOption = new Option(
  '--db <path>',
  'history database (default: $AWSQUIZ_DB, else $XDG_DATA_HOME/awsquiz/awsquiz.db)',
);
const bankOption = new Option(
  '--bank <dir>',
  'question bank directory (default: the bundled question-bank/)',
);
const notesOption = new Option('--notes <dir>', 'notes directory (default: the bundled notes/)');

program
  .command('exam')
  .description('take a timed quiz: a full mock exam (--exam) or a topic quiz (--domain)')
  .option(
    '-e, --exam <exam>',
    'saa or dva; alone: a full 65-question, 130-minute mock weighted like the real exam',
  )
  .option('-d, --domain <domains>', 'topic domain(s), comma-separated; names or aliases (s3 → storage)')
  .option('-n, --count <n>', 'number of questions (default 65 for a mock, 20 for a topic quiz)')
  .option('-m, --minutes <m>', 'time limit (default 130 for a mock, about 1.5 per question otherwise)')
  .option(
    '-p, --practice',
    'after each answer show whether it was right, every option explained, and the note to re-read',
  )
  .option('-s, --seed <seed>', 'reproduce the same selection and option order')
  // for tests of the time limit without waiting minutes
  .addOption(new Option('--seconds <s>', 'time limit in seconds').hideHelp())
  .option('--plan', 'print the selected questions without starting')
  .option('--json', 'with --plan: print JSON')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .addHelpText(
    'after',
    '\nExamples:\n  awsquiz exam --domain storage\n  awsquiz exam --exam saa\n  awsquiz exam --domain s3,database --count 10 --practice\n  awsquiz exam --exam dva --seed 7 --plan --json',
  )
  .action(async (opts) => (await import('./commands/exam.js')).exam(opts));

program
  .command('resume')
  .description('continue the latest unfinished attempt with the time it had left')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .action(async (opts) => (await import('./commands/resume.js')).resume(opts));

program
  .command('validate')
  .description('check the question bank: schema, ids, taxonomy, citations and their quotes, duplicates')
  .addOption(bankOption)
  .addOption(notesOption)
  .option('--json', 'print counts per exam, domain, guide domain, type and difficulty as JSON')
  .option('--coverage', 'list substantive note sections that no question cites')
  .action(async (opts) => (await import('./commands/validate.js')).validate(opts));

program
  .command('notes')
  .description('print a note section (or the sections a question cites) with its file:line')
  .argument(
    '<section-or-question>',
    'a section id such as saa-c03-course#s3-storage-classes, or a question id',
  )
  .addOption(bankOption)
  .addOption(notesOption)
  .action(async (target: string, opts) => (await import('./commands/notes.js')).notes(target, opts));

program
  .command('history')
  .description('list past attempts: date, mode, exam or domains, score, time')
  .option('--json', 'print JSON')
  .option('--limit <n>', 'how many attempts to list', '50')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .action(async (opts) => (await import('./commands/history.js')).history(opts));

program
  .command('review')
  .description('drill weak domains, missed or due questions; or walk through a finished attempt')
  .option('--weak', 'questions from your weakest domains: missed last time, then due, then new')
  .option('--missed', 'every question whose last answer was wrong')
  .option('--due', 'questions due for spaced repetition (FSRS)')
  .option('-e, --exam <exam>', 'only questions of saa or dva')
  .option('-n, --count <n>', 'questions in the session (default 10)')
  .option('--exam-date <date>', 'YYYY-MM-DD: plan toward this date (default: `awsquiz config set exam-date`)')
  .option('-a, --attempt [id]', 'walk through an attempt instead (default: the latest finished one)')
  .option('--wrong', 'with --attempt: only the questions answered wrong or left unanswered')
  .option('--flagged', 'with --attempt: only the questions marked for review')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .addHelpText(
    'after',
    '\nExamples:\n  awsquiz review --weak\n  awsquiz review --weak --exam saa --count 15\n  awsquiz review --missed\n  awsquiz review --due\n  awsquiz review --attempt 12 --wrong',
  )
  .action(async (opts) => (await import('./commands/review.js')).review(opts));

program
  .command('stats')
  .description('mastery per domain with uncertainty, trend, score history and readiness per exam')
  .option('-e, --exam <exam>', "saa or dva: that exam's questions and guide domains")
  .option('--json', 'print JSON')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .addHelpText('after', '\nExamples:\n  awsquiz stats\n  awsquiz stats --exam saa\n  awsquiz stats --json')
  .action(async (opts) => (await import('./commands/stats.js')).stats(opts));

program
  .command('config')
  .description('settings kept in the history database: exam-date')
  .argument('<action>', 'get, set or unset')
  .argument('[key]', 'exam-date')
  .argument('[value]', 'for set: YYYY-MM-DD')
  .addOption(dbOption)
  .addHelpText(
    'after',
    '\nExamples:\n  awsquiz config set exam-date 2027-01-31\n  awsquiz config get\n  awsquiz config unset exam-date',
  )
  .action(async (action: string, key: string | undefined, value: string | undefined, opts) =>
    (await import('./commands/config.js')).config(action, key, value, opts),
  );

program
  .command('report')
  .description(
    'an attempt as a Markdown or JSON report: scores, domain table, every question with key and pointer',
  )
  .argument('[id]', 'attempt id (default: the latest finished one)')
  .option('-f, --format <format>', 'md or json', 'md')
  .option('-o, --out <file>', 'write to a file instead of standard output')
  .addOption(dbOption)
  .addOption(bankOption)
  .addOption(notesOption)
  .addHelpText(
    'after',
    '\nExamples:\n  awsquiz report --format md --out attempt.md\n  awsquiz report 12 --format json',
  )
  .action(async (id: string | undefined, opts) => (await import('./commands/review.js')).report(id, opts));

async function fail(e: unknown): Promise<number> {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return 0;
    if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
    process.stderr.write('Run `awsquiz --help` for usage.\n');
    return 2;
  }
  if (e instanceof InterruptedError) {
    process.stdout.write(`\n${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof AwsquizError) {
    if (e instanceof BankError) for (const p of e.problems) process.stderr.write(`${p}\n`);
    process.stderr.write(`awsquiz: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof Error && e.name === 'ExitPromptError') {
    process.stdout.write('\nSaved — continue with `awsquiz resume`.\n');
    return 130;
  }
  if (isSqliteError(e)) {
    // a write that failed after the database was opened (held locked by another program, disk full…)
    const { currentDbFile, storeFailure } = await import('./store/db.js');
    const failure = storeFailure(currentDbFile() ?? 'the history database', e);
    process.stderr.write(
      `\nawsquiz: ${failure.message}\nEverything saved before this point is kept; \`awsquiz resume\` continues an unfinished exam.\n`,
    );
    return failure.exitCode;
  }
  process.stderr.write(
    `awsquiz: unexpected error — this is a bug, please report it.\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  return 1;
}

try {
  if (process.argv.length <= 2) {
    program.outputHelp({ error: true });
    process.exitCode = 2;
  } else {
    await program.parseAsync(process.argv);
  }
} catch (e) {
  process.exitCode = await fail(e);
}
