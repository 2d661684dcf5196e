// Where the CLI's text goes: stdout and stderr of the process, or a recording in tests. Everything the
// CLI prints passes the terminal sanitiser (io/terminal) first: names from input files must not be able
// to drive the terminal. Progress lines write their own cursor controls and do not come here.
import { terminalText } from '../io/terminal.js';

export interface Terminal {
  out(text: string): void;
  err(text: string): void;
}

export const PROCESS_TERMINAL: Terminal = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export function sanitised(term: Terminal): Terminal {
  return { out: (text) => term.out(terminalText(text)), err: (text) => term.err(terminalText(text)) };
}
