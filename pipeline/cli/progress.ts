// Progress on a terminal: one line per finished step with its time. Silent when quiet or not a TTY,
// so piped output and CI logs stay clean.
export interface Progress {
  step(name: string): void;
  finish(): void;
  /** End the current line on failure, so an error message starts on a line of its own. */
  fail(): void;
}

export function createProgress(opts: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return { step() {}, finish() {}, fail() {} };
  let current: string | undefined;
  let started = 0;
  const t0 = Date.now();
  const close = (): void => {
    if (current === undefined) return;
    stream.write(`\r\x1b[2K  ✓ ${current} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    current = undefined;
  };
  return {
    step(name) {
      close();
      current = name;
      started = Date.now();
      stream.write(`\r\x1b[2K  … ${name}`);
    },
    finish() {
      close();
      stream.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    },
    fail() {
      if (current !== undefined) stream.write(`\r\x1b[2K  ✗ ${current}\n`);
      current = undefined;
    },
  };
}
