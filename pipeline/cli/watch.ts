// --watch: re-render when a watched file is saved (debounced), until Ctrl-C. Directories are watched,
// not files, because editors often save by writing a new file and renaming it over the old one.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface WatchOptions {
  debounceMs?: number;
  /** Resolves when watching should stop (default: the first SIGINT). */
  until?: Promise<void>;
  log: (line: string) => void;
}

export function sigint(): Promise<void> {
  return new Promise((done) => process.once('SIGINT', () => done()));
}

/** Call `render` now and after every change to `files`; a failed render is logged and watching goes on. */
export async function watchFiles(files: string[], render: () => Promise<string[]>, o: WatchOptions): Promise<void> {
  const wanted = new Set(files.map((f) => resolve(f)));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const written = await render();
      o.log(`rendered ${new Date().toISOString().slice(11, 19)}:\n${written.map((w) => `  ${w}`).join('\n')}`);
    } catch (err) {
      o.log(`error: ${(err as Error).message}`);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { running = running.then(once); }, o.debounceMs ?? 150);
  };
  await once();
  const watchers: FSWatcher[] = [...new Set([...wanted].map((f) => dirname(f)))].map((dir) =>
    watch(dir, (_event, name) => {
      if (name && wanted.has(resolve(dir, basename(name.toString())))) schedule();
    }));
  o.log('watching for changes (Ctrl-C to stop)');
  await (o.until ?? sigint());
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
