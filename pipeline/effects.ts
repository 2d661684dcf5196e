// Side effects a command has beyond the workspace: progress, files it writes, the clock and
// what happens on an interrupt. Defined below the CLI and passed in, so app/ and the stages never print,
// never exit and never reach for the real filesystem or clock on their own; tests pass a recording fake
// (test/helpers/effects.ts) and the CLI passes the Node one (cli/effects.ts).

export interface Progress {
  step(name: string): void;
  /** `done` of `total` items of the current step (e.g. bootstrap refits). */
  count(what: string, done: number, total: number): void;
  finish(): void;
  /** End the current line on failure, so an error message starts on a line of its own. */
  fail(): void;
}

export interface Effects {
  progress: Progress;
  /** Write a whole output file (atomically: all or nothing). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Now, for build times and staging names. */
  clock(): Date;
  /**
   * Run `cleanup` if the process is interrupted (Ctrl-C, kill, the terminal closing) before the returned
   * function is called. The CLI exits once it has finished (a cleanup that returns a promise is waited
   * for: a commit under way completes first); a test can trigger the interrupt itself.
   */
  onInterrupt(cleanup: () => void | Promise<void>): () => void;
}

export const SILENT_PROGRESS: Progress = { step() {}, count() {}, finish() {}, fail() {} };
