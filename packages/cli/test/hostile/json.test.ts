import { cases } from './cases/json.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
