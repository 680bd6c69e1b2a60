import { cases } from './cases/rules.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
