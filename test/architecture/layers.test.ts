// The layering, checked: stats < foundation < stages < reports/render < app < cli. A module imports
// only from its own layer or below, never back up; stats stays pure (no I/O, no DuckDB) and render
// knows no domain (it imports nothing from the stages or the reports).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from '../helpers/workspace.js';
import { tsSources } from '../helpers/sources.js';

const PIPELINE = join(REPO, 'pipeline');

/** Layer of each top-level module of pipeline/ (a directory or a file), lowest first. */
export const LAYERS: Record<string, number> = {
  stats: 0,
  io: 1, model: 1, decision: 1, workspace: 1, vocabulary: 1, 'settings.ts': 1, 'effects.ts': 1,
  ingest: 2, score: 2, label: 2, backtest: 2, tune: 2, interventions: 2, 'quarterly-data': 2, demo: 2,
  render: 3, report: 3, notebook: 3, export: 3,
  app: 4,
  cli: 5,
};


const top = (file: string): string => relative(PIPELINE, file).split('/')[0]!;

/** Every module specifier a file imports or re-exports (static and dynamic). */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

const files = tsSources(PIPELINE);
const imports = files.flatMap((file) =>
  specifiers(readFileSync(file, 'utf8')).map((spec) => ({
    file: relative(REPO, file),
    from: top(file),
    spec,
    to: spec.startsWith('.') ? top(resolve(dirname(file), spec)) : null,
  })));

describe('layering', () => {
  it('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.filter((i) => i.to !== null).length).toBeGreaterThan(200);
    for (const f of files) expect(LAYERS, `${relative(REPO, f)}: put its top-level module in a layer`).toHaveProperty([top(f)]);
  });

  it('no import runs from a lower layer to a higher one', () => {
    const up = imports.filter((i) => i.to !== null && LAYERS[i.to]! > LAYERS[i.from]!);
    expect(up.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('stats is pure: no filesystem, no DuckDB, nothing from the rest of the pipeline', () => {
    const bad = imports.filter((i) => i.from === 'stats' && (i.to !== null ? i.to !== 'stats' : /^(node:|@duckdb)/.test(i.spec)));
    expect(bad.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('render knows no domain: it imports no stage or report', () => {
    const bad = imports.filter((i) => i.from === 'render' && i.to !== null && LAYERS[i.to]! >= 2 && i.to !== 'render');
    expect(bad.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('only the CLI prints or exits: stages, reports and app take effects instead', () => {
    // The one exception: a test hook, inert unless PARTNER_HEALTH_PAUSE_AT names the point (kill tests).
    const hook = join(REPO, 'pipeline', 'app', 'pause-points.ts');
    const bad = files.filter((f) => top(f) !== 'cli' && f !== hook)
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/process\.(exit|stdout|stderr)|console\.\w+/g)].map((m) => `${relative(REPO, f)}: ${m[0]}`));
    expect(bad).toEqual([]);
  });

  it('the checker sees a violation when there is one', () => {
    expect(specifiers(`import { x } from '../cli/main.js';\nexport * from './a.js';\nconst m = await import('../app/run.js');`))
      .toEqual(['../cli/main.js', './a.js', '../app/run.js']);
  });
});
