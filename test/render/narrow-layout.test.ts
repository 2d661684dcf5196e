// On a screen, a grid column written as a bare `1fr` is at least as wide as its widest child (its
// min-content), so one wide chart or table widens the whole card past a phone's screen instead of
// scrolling inside it (seen at 400 px in the backtest and calibration reports and on partner pages).
// Every screen grid track with `fr` must be `minmax(0, …fr)`. Print rules are left out: on paper a
// column that grows is better than a table drawn over its neighbour.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/workspace.js';

/** The CSS with comments and every `@media print { … }` block removed. */
function screenCss(css: string): string {
  let s = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (let i = s.search(/@media\s+print\b/); i >= 0; i = s.search(/@media\s+print\b/)) {
    let depth = 0;
    let j = s.indexOf('{', i);
    for (; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) break;
    }
    s = s.slice(0, i) + s.slice(j + 1);
  }
  return s;
}

/** The top-level tracks of a grid-template-columns value: `minmax(0, 1fr) 2fr` → ['minmax(0, 1fr)', '2fr']. */
function tracks(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const bareFr = (track: string): boolean => /^[\d.]*fr$/.test(track);

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : []);
}

describe('narrow screens', () => {
  it('reads tracks and drops print blocks', () => {
    expect(tracks('minmax(0, 1fr) 2fr repeat(auto-fit, minmax(170px, 1fr))')).toEqual(['minmax(0, 1fr)', '2fr', 'repeat(auto-fit, minmax(170px, 1fr))']);
    expect(bareFr('1fr')).toBe(true);
    expect(bareFr('minmax(0,1fr)')).toBe(false);
    expect(screenCss('a{x:1} @media print { b { c: 1fr } @page { m: 0 } } /* 1fr */ d{y:2}')).toBe('a{x:1}   d{y:2}');
  });

  it('no screen grid column is a bare fr track', () => {
    const files = cssFiles(join(REPO, 'templates'));
    expect(files.length).toBeGreaterThan(3);
    const bad: string[] = [];
    for (const file of files) {
      for (const m of screenCss(readFileSync(file, 'utf8')).matchAll(/grid-template-columns\s*:\s*([^;}]+)/g)) {
        if (tracks(m[1]!).some(bareFr)) bad.push(`${file.slice(REPO.length + 1)}: ${m[0].trim()}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
