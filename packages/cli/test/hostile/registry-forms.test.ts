import { cases } from './cases/registry-forms.js';
import { runCorpus } from './corpus.js';

runCorpus(cases);
