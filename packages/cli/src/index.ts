export { main } from './main.js';
export type { Output } from './output.js';
export { generateSample, DEFAULT_SAMPLE, type SampleOptions } from './sample/generate.js';
