/**
 * Plugin kinds, and which template layers make up each project. A layer is a folder under
 * templates/; later layers add files to earlier ones (a file present in two layers is a bug
 * that render.ts refuses, so variants compose instead of forking whole files).
 */
export const PLUGIN_TYPES = {
  credentialstore: {
    label: "Credential store: hands SPS the password or SSH key for the target server",
    layers: ["base", "credentialstore"],
    defaultDescription: "Fetches server-side credentials for SPS sessions from an external vault",
  },
  aa: {
    label: "Authentication and Authorization (AA): decides whether a connection may go on",
    layers: ["base", "aa"],
    defaultDescription: "Asks for a ticket id before privileged sessions start",
  },
} as const;

export type PluginType = keyof typeof PLUGIN_TYPES;
export const PLUGIN_TYPE_KEYS = Object.keys(PLUGIN_TYPES) as PluginType[];
