/**
 * The SPS release lines, and what each implies, from the contract
 * (python/src/sps_dev/contract/contract.json, with a source for every fact). A generated plugin
 * can claim as its oldest only the lines the contract marks `generator` (Python 3.8 or newer:
 * the generated code uses typing.TypedDict and typing.Protocol); adopt takes a plugin for any
 * line, SPS 6 (Python 3.6) included.
 */
import { contract as CONTRACT } from "virtual:sps-templates";

export interface SpsReleaseInfo {
  label: string;
  /** MANIFEST `api`. */
  api: string;
  scbMinVersion: string;
  /** The plugin Python on that release. */
  python: string;
}

/** A release line's name, e.g. "7.0"; one of KNOWN_RELEASE_KEYS once validated. */
export type SpsRelease = string;

export const SPS_RELEASES: Readonly<Record<SpsRelease, SpsReleaseInfo>> = Object.fromEntries(
  CONTRACT.releases.map((r) => [
    r.name,
    { label: r.label, api: r.api, scbMinVersion: r.scb_min_version, python: r.python },
  ]),
);
/** Every line the contract knows, oldest first. */
export const KNOWN_RELEASE_KEYS: SpsRelease[] = CONTRACT.releases.map((r) => r.name);
/** The lines `--sps` offers a new project. */
export const SPS_RELEASE_KEYS: SpsRelease[] = CONTRACT.releases.filter((r) => r.generator).map((r) => r.name);
export const DEFAULT_SPS_RELEASE: SpsRelease = SPS_RELEASE_KEYS[0] as SpsRelease;

/** What a validated release key implies (an unknown one is a bug: validators run first). */
export function spsRelease(key: SpsRelease): SpsReleaseInfo {
  const info = SPS_RELEASES[key];
  if (!info) throw new Error(`unknown SPS release ${key}`);
  return info;
}

type Version = [number, number, number];

/** "8.0.0~" -> [[8, 0, 0], true]; undefined for what is not a version. */
function versionOf(text: string | undefined): [Version, boolean] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(~?)$/.exec((text ?? "").trim());
  if (!m) return undefined;
  return [[Number(m[1]), Number(m[2]), Number(m[3] ?? 0)], m[4] === "~"];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The lines a MANIFEST uploads to, oldest first: the same rule as sps_dev's
 * contract/manifest.py `claimed` (test/unit/contract.test.ts holds the two to the same
 * answers). A line spans from its scb_min_version to the next line's.
 */
export function claimedReleases(apiMinor: number, scbMin?: string, scbMax?: string): SpsRelease[] {
  const low = versionOf(scbMin);
  const high = versionOf(scbMax);
  const lines = CONTRACT.releases;
  return lines
    .filter((line, index) => {
      const first = versionOf(line.scb_min_version)?.[0] as Version;
      const following = lines[index + 1];
      if (apiMinor > Number(line.api.split(".")[1])) return false;
      if (low && following && compare(low[0], versionOf(following.scb_min_version)?.[0] as Version) >= 0)
        return false;
      if (high && (high[1] ? compare(high[0], first) <= 0 : compare(high[0], first) < 0)) return false;
      return true;
    })
    .map((line) => line.name);
}

/** The lines from `oldest` on (what a generated project, which sets no maximum, claims). */
export function releasesFrom(oldest: SpsRelease): SpsRelease[] {
  return KNOWN_RELEASE_KEYS.slice(KNOWN_RELEASE_KEYS.indexOf(oldest));
}
