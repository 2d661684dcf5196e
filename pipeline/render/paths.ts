// Where the shipped templates live, whether we run from pipeline/ (tsx, vitest) or dist/pipeline/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package root: the nearest ancestor of this module holding package.json and templates/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('partner-health: cannot locate the package root (templates/ not found)');
    dir = parent;
  }
}

export function defaultTemplatesDir(): string {
  return join(packageRoot(), 'templates');
}

export function defaultChartsDir(): string {
  return join(defaultTemplatesDir(), 'charts');
}

/** Resolve `rel` inside `base`, refusing paths that escape it (`..`, absolute paths elsewhere). */
export function resolveInside(base: string, rel: string): string {
  const root = resolve(base);
  const full = resolve(root, rel);
  if (full !== root && !full.startsWith(root + '/') && !full.startsWith(root + '\\')) {
    throw new Error(`path ${JSON.stringify(rel)} is outside ${root}`);
  }
  return full;
}
