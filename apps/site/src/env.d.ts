interface ImportMetaEnv {
  /** Absolute path of the results folder, set in astro.config.mjs (`<SHOUTU_ROOT>/data/results` or SHOUTU_RESULTS_DIR). */
  readonly SHOUTU_RESULTS_DIR: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
