/** Run a slow step behind a spinner on stderr when it is a terminal; ora is loaded only then. */
export async function withSpinner<T>(text: string, work: () => Promise<T>): Promise<T> {
  // a pseudo-terminal with no size makes a spinner miscount its lines: show none there
  if (!process.stderr.isTTY || !process.stderr.columns) return work();
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
  try {
    return await work();
  } finally {
    spinner.stop();
  }
}
