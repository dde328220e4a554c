/**
 * The worked examples' sample values, in one place: default.cfg, the plugin's settings, the
 * README, the generated CI and the next steps all render from these, so they agree. The
 * generated tests read them back from the project (default.cfg and settings.py), never from
 * literals of their own, so a user who changes the example changes it there once.
 */
import type { PluginType } from "./plugin-types.js";
import type { Starter } from "./starters.js";

export const EXAMPLE_VALUES = {
  /** Credential store: the section of default.cfg that lists vault accounts. */
  vaultSection: "example-vault",
  sampleAccount: "root@db1.example.com",
  remoteApp: "payroll-db",
  /** AA: the question's key, and what a ticket id looks like. */
  ticketQuestion: "ticket_id",
  ticketPattern: "[A-Z]{2,10}-[0-9]{1,10}",
  sampleTicket: "CHG-1042",
} as const;

/** What `sps_dev simulate` (and verify) need to run one connection of the starter's
 * default.cfg, and the AA verdict it must end in. */
export function simulateArguments(type: PluginType, starter: Starter): string {
  if (type !== "aa") return "";
  // The sample ticket comes from default.cfg's [ticket] example (--answer-from), the one place
  // it is written, and the verdict is asserted: a changed format or example follows, and a
  // sample that turns into a DENY fails CI instead of silently dropping the ACCEPT path.
  const answer =
    starter === "example" ? `--answer-from ${EXAMPLE_VALUES.ticketQuestion}=ticket.example ` : "";
  return `${answer}--expect ACCEPT`;
}
