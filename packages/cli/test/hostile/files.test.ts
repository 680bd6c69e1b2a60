import { cases } from './cases/files.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
