/**
 * What the tools believe about SPS, read from sps_dev's contract.json (bundled at build time,
 * the same file the Python tool reads): releases, MANIFEST rules, the SDK. A new SPS release
 * is one entry there; test/unit/contract.test.ts holds both readers to the same table.
 */
import { contract } from "virtual:sps-templates";

export interface ContractRelease {
  name: string;
  major: number;
  label: string;
  api: string;
  scb_min_version: string;
  python: string;
  source: string;
  /** create-sps-plugin offers it as a new project's oldest release. */
  generator: boolean;
}

export interface Contract {
  releases: ContractRelease[];
  plugin_types: string[];
  manifest: { name: string; author_email: string; entry_point: string; required: string[] };
  sdk: { distribution: string; module: string };
}

export const CONTRACT: Contract = contract;

/** A rule of the contract (written for Python's re.fullmatch) as an anchored RegExp. */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}
