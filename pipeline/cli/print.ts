// What the CLI prints goes through the terminal sanitiser (io/terminal): names from input files must not
// be able to drive the terminal. Progress lines write their own cursor controls and do not come here.
import { terminalText } from '../io/terminal.js';

export function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

export function printErr(text: string): void {
  process.stderr.write(terminalText(text));
}
