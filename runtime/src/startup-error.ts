/**
 * A reason the hub, or an operator command, cannot start: one line that names the cause and
 * what to do about it. The command prints that line and exits non-zero, with no stack trace
 * unless asked for (--verbose).
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/**
 * Runs a command's main function: a StartupError (or any other failure) becomes one line on
 * stderr and exit code 1; the stack only with --verbose.
 */
export function reportStartupFailure(error: unknown, prefix: string, argv: readonly string[] = process.argv): number {
  const verbose = argv.includes('--verbose');
  // A configuration error lists every problem on its own line: all of them are the fix.
  const whole = error instanceof StartupError || (error instanceof Error && error.name === 'ConfigError');
  const message = error instanceof Error ? (whole ? error.message : error.message.split('\n')[0]) : String(error);
  const hint = whole || verbose ? '' : ' (run with --verbose for details)';
  console.error(`${prefix} error: ${message}${hint}`);
  if (verbose && error instanceof Error) console.error(error.stack);
  return 1;
}
