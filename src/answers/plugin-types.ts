/**
 * Plugin kinds. Which template layers make up a project of each kind depends on its starter
 * too: src/answers/starters.ts.
 */
export const PLUGIN_TYPES = {
  credentialstore: {
    label: "Credential store: hands SPS the password or SSH key for the target server",
    defaultDescription: "Fetches server-side credentials for SPS sessions from an external vault",
  },
  aa: {
    label: "Authentication and Authorization (AA): decides whether a connection may go on",
    defaultDescription: "Asks for a ticket id before privileged sessions start",
  },
} as const;

export type PluginType = keyof typeof PLUGIN_TYPES;
export const PLUGIN_TYPE_KEYS = Object.keys(PLUGIN_TYPES) as PluginType[];
