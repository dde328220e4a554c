/** Exit codes of the CLI: the contract scripts and tests rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/**
 * The one error type the CLI turns into a message and an exit code.
 * Anything else that reaches the top level is a bug and exits 1.
 *
 * @example throw new CliError("--email: must look like name@example.com", EXIT.usage)
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A usage error: bad flag, bad value or a missing answer. Exit 2, nothing written. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}
