/**
 * What a project starts from: the worked example of its type, or typed hook stubs. Each
 * starter names the template layers it renders, per plugin type (a file present in two layers
 * is a bug that render.ts refuses, so layers compose instead of forking whole files).
 */
import type { PluginType } from "./plugin-types.js";

export const STARTERS = {
  example: {
    label: "Worked example: a vault seam or a ticket and one-time code flow, with its tests",
    layers: (type: PluginType) => ["base", "example", type],
  },
  minimal: {
    label: "Minimal: every hook typed, returning SPS's neutral result, ready for your code",
    layers: (type: PluginType) => ["base", "minimal", `${type}-minimal`],
  },
} as const;

export type Starter = keyof typeof STARTERS;
export const STARTER_KEYS = Object.keys(STARTERS) as Starter[];
/**
 * Projects generated before the choice existed recorded no starter: they were the example.
 */
export const DEFAULT_STARTER: Starter = "example";

export function layersOf(type: PluginType, starter: Starter): readonly string[] {
  return STARTERS[starter].layers(type);
}
