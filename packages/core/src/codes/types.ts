/**
 * One entry of the problem catalogue. A code never changes meaning and is never reused; a problem
 * that goes away keeps its entry with `retired` set.
 */
export interface ProblemCodeInfo {
  /** `SHOUTU-` + one letter for the kind of input + three digits, e.g. "SHOUTU-R012". */
  code: string;
  /** A short kebab-case name, e.g. "unknown-fact": what a person searches for. */
  name: string;
  /** The severity problems with this code have (a code is either always an error or always a warning, or set-aside input). */
  severity: 'error' | 'warning' | 'set-aside';
  /** One line: what is wrong. */
  title: string;
  /** A paragraph (Markdown): why it matters and how to fix it, with a small example where it helps. */
  explanation: string;
  retired?: true;
}
