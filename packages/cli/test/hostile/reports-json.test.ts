import { cases } from './cases/reports-json.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
