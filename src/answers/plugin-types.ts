/**
 * Plugin kinds. Which template layers make up a project of each kind depends on its starter
 * too: src/answers/starters.ts.
 */
export const PLUGIN_TYPES = {
  credentialstore: {
    label: "Credential store: hands SPS the password or SSH key for the target server",
    /** The MANIFEST description offered, per starter: what the generated code does. */
    defaultDescription: {
      example: "Fetches server-side credentials for SPS sessions from an external vault",
      minimal: "Hands SPS the credentials for the target server",
    },
  },
  aa: {
    label: "Authentication and Authorization (AA): decides whether a connection may go on",
    defaultDescription: {
      example: "Asks for a ticket id before privileged sessions start",
      minimal: "Decides whether a privileged session may start",
    },
  },
} as const;

export type PluginType = keyof typeof PLUGIN_TYPES;
export const PLUGIN_TYPE_KEYS = Object.keys(PLUGIN_TYPES) as PluginType[];
