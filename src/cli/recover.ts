/** `recover [directory]`: replays what killed runs left there (see write/journal.ts), and no
 * more: an empty transaction, whose replay is the whole of the work. */
import { print } from "./output.js";
import { transact } from "../write/transaction.js";

export async function runRecover(dir: string): Promise<void> {
  const applied = await transact(dir, false, async () => ({
    files: new Map(),
    force: true,
    recording: () => ({ kind: "none" }),
    nothing: true,
  }));
  print(applied.notes.length > 0 ? applied.notes.join("\n") : `Nothing to recover in ${dir}.`);
}
