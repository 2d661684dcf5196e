// Text bound for a terminal: the one sanitiser for CLI messages and `sql` table output. Partner and
// signal names come from input files; raw, `ESC ] 0;… BEL` would retitle the window and `ESC [2J`
// clear the screen. Control characters are shown as visible escapes instead (ESC → "\x1b").

// C0 controls except LF (and TAB when allowed), DEL, C1 controls, and the Unicode bidi overrides that
// reorder what is shown (a name could otherwise display as something it is not).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_TAB_NL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const code = c.codePointAt(0)!;
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
};

/** Multi-line text (messages, warnings): line breaks and tabs kept, every other control character made visible. */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, visible);
}

/** One cell of a table: on a single line, so even LF and TAB are made visible. */
export function terminalCell(text: string): string {
  return text.replace(CONTROL_OR_TAB_NL, visible);
}
