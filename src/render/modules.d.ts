/** Built by scripts/templates-module.ts from templates/ (see tsup.config.ts, vitest.config.ts). */
declare module "virtual:sps-templates" {
  export interface TemplateEntry {
    /** Path inside the layer, as in templates/ (with `{{placeholders}}` and `.hbs`). */
    path: string;
    /** Precompiled contents of a `.hbs` file ... */
    spec?: TemplateSpecification;
    /** ... or the verbatim contents of any other file. */
    text?: string;
  }

  /** This package's version. */
  export const version: string;
  /** Template layers by their folder, e.g. "templates/base". */
  export const layers: Record<string, TemplateEntry[]>;
  /** Precompiled path segments that hold placeholders, e.g. "{{packageName}}". */
  export const pathSegments: Record<string, TemplateSpecification>;
  /** python/src/sps_dev/contract/contract.json: what the tools believe about SPS. */
  export const contract: import("../answers/contract.js").Contract;
  /** sps_dev's wheel: its file name, SHA-256 (at build time) and folder (at run time). */
  export const toolWheel: { file: string; sha256: string; dir: string };
}

/** The one-file build of the full Handlebars compiler (same API as "handlebars"). */
declare module "handlebars/dist/handlebars.js" {
  const Handlebars: typeof import("handlebars");
  export default Handlebars;
}
