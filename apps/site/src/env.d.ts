interface ImportMetaEnv {
  /** Absolute path of the results folder, set in astro.config.mjs (`<SHOUTU_ROOT>/data/results` or SHOUTU_RESULTS_DIR). */
  readonly SHOUTU_RESULTS_DIR: string;
  /** Absolute path of the project whose rule files the rules area reads, set in astro.config.mjs. */
  readonly SHOUTU_PROJECT_ROOT: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
