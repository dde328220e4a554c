/**
 * The one option table: flags, prompts, help text and defaults all come from here, so a new
 * option cannot exist as a flag without a prompt (or the reverse). Each option's rule is in
 * validate.ts (ANSWER_CHECKS, keyed and typed by this table's keys: none can lack one).
 */
import { PLUGIN_TYPES, PLUGIN_TYPE_KEYS, type PluginType } from "./plugin-types.js";
import { DEFAULT_SPS_RELEASE, SPS_RELEASE_KEYS, spsRelease } from "./sps-releases.js";
import { DEFAULT_STARTER, STARTERS, STARTER_KEYS, type Starter } from "./starters.js";
import { nameFromDirectory } from "./names.js";

/** Answers gathered so far, as strings; the table's defaults may depend on earlier ones. */
export type SoFar = Readonly<Record<string, string | undefined>>;

export interface Choice {
  value: string;
  label: string;
}

export interface ValueOption {
  key: "directory" | "type" | "starter" | "name" | "description" | "author" | "email" | "sps";
  /** Flag name; the directory is the positional argument instead. */
  flag?: string;
  short?: string;
  valueHint: string;
  help: string;
  message: string;
  choices?: readonly Choice[];
  /** Required values must come from a flag (or a prompt) unless --yes is given. */
  required: boolean;
  default: (so: SoFar) => string;
}

const typeChoices = PLUGIN_TYPE_KEYS.map((value) => ({ value, label: PLUGIN_TYPES[value].label }));
const starterChoices = STARTER_KEYS.map((value) => ({ value, label: STARTERS[value].label }));
const spsChoices = SPS_RELEASE_KEYS.map((value) => ({ value, label: spsRelease(value).label }));

export const VALUE_OPTIONS: readonly ValueOption[] = [
  {
    key: "directory",
    valueHint: "[directory]",
    help: "where to create the project (must not exist, or be empty)",
    message: "Project directory",
    required: true,
    default: () => "sps-plugin",
  },
  {
    key: "type",
    flag: "type",
    short: "t",
    valueHint: `<${PLUGIN_TYPE_KEYS.join("|")}>`,
    help: "plugin type",
    message: "Plugin type",
    choices: typeChoices,
    required: true,
    default: () => "credentialstore",
  },
  {
    key: "starter",
    flag: "starter",
    valueHint: `<${STARTER_KEYS.join("|")}>`,
    help: "example: a worked example with tests; minimal: typed hook stubs",
    message: "Start from",
    choices: starterChoices,
    required: false,
    default: () => DEFAULT_STARTER,
  },
  {
    key: "name",
    flag: "name",
    short: "n",
    valueHint: "<Name>",
    help: "MANIFEST name; default derived from the directory name",
    message: "Plugin name (as SPS shows it)",
    required: false,
    default: (so) => nameFromDirectory(so.directory ?? ""),
  },
  {
    key: "description",
    flag: "description",
    valueHint: "<text>",
    help: "MANIFEST description, shown in the SPS web UI",
    message: "Description",
    required: false,
    default: (so) =>
      PLUGIN_TYPES[(so.type ?? "credentialstore") as PluginType].defaultDescription[
        (so.starter ?? DEFAULT_STARTER) as Starter
      ],
  },
  {
    key: "author",
    flag: "author",
    valueHint: "<name>",
    help: "MANIFEST author_name (left out when empty)",
    message: "Author name (optional)",
    required: false,
    default: () => "",
  },
  {
    key: "email",
    flag: "email",
    valueHint: "<address>",
    help: "MANIFEST author_email (left out when empty)",
    message: "Author email (optional)",
    required: false,
    default: () => "",
  },
  {
    key: "sps",
    flag: "sps",
    valueHint: `<${SPS_RELEASE_KEYS.join("|")}>`,
    help: "oldest SPS release to support; sets MANIFEST api and scb_min_version",
    message: "Oldest SPS release to support",
    choices: spsChoices,
    required: false,
    default: () => DEFAULT_SPS_RELEASE,
  },
];

/** Options that name a file or folder; not asked for, never part of the answers. */
export const PATH_OPTIONS = [
  { flag: "preset", valueHint: "<file>", help: "organisation defaults (JSON); flags win over it" },
  { flag: "template", valueHint: "<dir>", help: "organisation template: adds or replaces files" },
  { flag: "base", valueHint: "<dir>", help: "update: the project as its old version generated it" },
] as const;

export const SWITCHES = [
  { flag: "yes", short: "y", help: "defaults for everything not given; never prompt" },
  { flag: "no-git", help: "skip git init + first commit (also skipped inside an existing work tree)" },
  { flag: "force", help: "write into a non-empty directory: replace same-named files, touch nothing else" },
  { flag: "dry-run", help: "print CREATE lines for what would be written; write nothing" },
  { flag: "restore", help: "update: bring back generated files you deleted" },
  { flag: "commit", help: "update: commit the result (one commit naming both versions); none on conflicts" },
  { flag: "help", short: "h", help: "show this help" },
  { flag: "version", short: "v", help: "show the version" },
] as const;

/** How a value option is named in messages: its flag, or the positional for the directory. */
export function optionLabel(option: ValueOption): string {
  return option.flag ? `--${option.flag}` : "[directory]";
}
