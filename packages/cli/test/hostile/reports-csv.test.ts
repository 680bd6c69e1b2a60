import { cases } from './cases/reports-csv.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
