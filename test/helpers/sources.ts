// The TypeScript files below a directory, recursively: the modules the layering test reads and the ones
// the CLI helper checks dist/ against.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function tsSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}
