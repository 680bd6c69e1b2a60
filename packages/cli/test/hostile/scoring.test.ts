import { cases } from './cases/scoring.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
