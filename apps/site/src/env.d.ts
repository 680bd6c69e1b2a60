interface ImportMetaEnv {
  /** Absolute path of data/results, set in astro.config.mjs (override: env SHOUTU_RESULTS_DIR). */
  readonly SHOUTU_RESULTS_DIR: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
