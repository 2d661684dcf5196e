// One writer per output directory: a lock file naming the host and pid of the command that holds it.
// A lock left by a process that is no longer running (on this host) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK = '.partner-health.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the output directory's lock, or explain who holds it; returns the release function. */
export function acquireLock(outDir: string): () => void {
  const file = join(outDir, LOCK);
  const me = `${hostname()} ${process.pid}`;
  try {
    writeFileSync(file, me, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new Error(`cannot write ${file}: ${(err as Error).message}`, { cause: err });
    const [host, pid] = readFileSync(file, 'utf8').split(' ');
    if (host !== hostname() || alive(Number(pid))) {
      throw new Error(`another partner-health command (pid ${pid} on ${host}) is writing to ${outDir}; ` +
        `wait for it to finish, or delete ${file} if it is no longer running`, { cause: err });
    }
    writeFileSync(file, me);
  }
  return () => rmSync(file, { force: true });
}
