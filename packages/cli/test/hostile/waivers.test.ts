import { cases } from './cases/waivers.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
