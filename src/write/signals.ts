/**
 * The one signal mechanism of every command: SIGINT and SIGTERM held while a step must not stop
 * half-way (the write, and git's own work around it).
 */

/** A step that must not stop half-way: signals noted, not obeyed, until `release()`. */
export interface HeldSignals {
  received: () => NodeJS.Signals | undefined;
  release: () => void;
}

/**
 * Holds SIGINT and SIGTERM for a step that must not stop half-way (the write and git's own
 * work around it): they are noted, not obeyed, until `release()`; `received()` says whether
 * one came. The one signal mechanism of every command.
 */
export function holdSignals(): HeldSignals {
  let signal: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    signal ??= name;
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  return {
    received: () => signal,
    release: () => void process.off("SIGINT", onSignal).off("SIGTERM", onSignal),
  };
}
