import { cases } from './cases/record.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
