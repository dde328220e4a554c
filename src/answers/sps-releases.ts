/**
 * The SPS releases a generated plugin can claim as its oldest, and what each implies.
 * Source: ../shared/sps-plugin-api.md §1.3 (SDK ↔ SPS table) and §3.2 (Python per release).
 * Only releases whose plugin Python is 3.8 or newer are offered: the generated code uses
 * typing.TypedDict and typing.Protocol, which arrived in 3.8.
 */
export const SPS_RELEASES = {
  "7.0": {
    label: "SPS 7.0 LTS and newer",
    // [uncertain] SPS 7.x is missing from the SDK history table; 6 F10 already shipped API 1.7,
    // so every 7.x accepts 1.7 (a plugin's minor must be <= the appliance's).
    api: "1.7",
    scbMinVersion: "7.0.0",
    python: "3.8",
  },
  "8.0": {
    label: "SPS 8.0 LTS and newer",
    api: "1.8",
    scbMinVersion: "8.0.0",
    // [uncertain] 8.x probably runs Python 3.10; claiming 3.8 keeps the code on the safe side.
    python: "3.8",
  },
  "9.0": {
    label: "SPS 9 LTS and newer",
    api: "1.9",
    scbMinVersion: "9.0.0",
    // The 1.9 SDK's getting-started page requires Python 3.12.
    python: "3.12",
  },
} as const;

export type SpsRelease = keyof typeof SPS_RELEASES;
export const SPS_RELEASE_KEYS = Object.keys(SPS_RELEASES) as SpsRelease[];
export const DEFAULT_SPS_RELEASE: SpsRelease = "7.0";
