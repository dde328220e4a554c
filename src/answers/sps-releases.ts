/**
 * The SPS releases a generated plugin can claim as its oldest, and what each implies, from the
 * contract (python/src/sps_dev/contract/contract.json, with a source for every fact). Only
 * releases whose plugin Python is 3.8 or newer are offered: the generated code uses
 * typing.TypedDict and typing.Protocol, which arrived in 3.8.
 */
import { CONTRACT } from "./contract.js";

export interface SpsReleaseInfo {
  label: string;
  /** MANIFEST `api`. */
  api: string;
  scbMinVersion: string;
  /** The plugin Python on that release. */
  python: string;
}

/** A release line's name, e.g. "7.0"; one of SPS_RELEASE_KEYS once validated. */
export type SpsRelease = string;

export const SPS_RELEASES: Readonly<Record<SpsRelease, SpsReleaseInfo>> = Object.fromEntries(
  CONTRACT.releases.map((r) => [
    r.name,
    { label: r.label, api: r.api, scbMinVersion: r.scb_min_version, python: r.python },
  ]),
);
export const SPS_RELEASE_KEYS: SpsRelease[] = CONTRACT.releases.map((r) => r.name);
export const DEFAULT_SPS_RELEASE: SpsRelease = SPS_RELEASE_KEYS[0] as SpsRelease;

/** What a validated release key implies (an unknown one is a bug: validators run first). */
export function spsRelease(key: SpsRelease): SpsReleaseInfo {
  const info = SPS_RELEASES[key];
  if (!info) throw new Error(`unknown SPS release ${key}`);
  return info;
}

/** The release line a MANIFEST's api minor belongs to: the newest whose api it does not exceed. */
export function releaseOfApi(apiMinor: number): SpsRelease {
  let found = DEFAULT_SPS_RELEASE;
  for (const r of CONTRACT.releases) if (Number(r.api.split(".")[1]) <= apiMinor) found = r.name;
  return found;
}
