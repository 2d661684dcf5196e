// Text width estimation for Vega in Node.
//
// Vega lays out axes, legends and titles by measuring text. In a browser (or with node-canvas) it
// measures real glyphs; without a canvas it falls back to `0.8 × fontSize × characters`, which
// overestimates typical Latin text by ~50%: labels get truncated with "…" far too early, axis titles
// are pushed away and legends waste space. Like vl-convert, we plug a better estimator into
// `vega.textMetrics.width`: Helvetica's advance widths (Adobe AFM, units of 1/1000 em) per ASCII
// character, regular and bold. Arial and Liberation Sans/Arimo are metric-compatible with
// Helvetica, and theme.ts names exactly those fonts, so the estimate is what the browser draws.
// Non-ASCII characters get an average Latin width; CJK and other wide characters a full em.

import { vegaLibs } from './vega-libs.js';

// Widths for char codes 32..126 (space .. tilde).
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space../
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

const AVERAGE_LATIN = 556;

function charWidth(code: number, bold: boolean): number {
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32]!;
  if (code === 0x2026) return 1000; // ellipsis
  if (code === 0x2013) return 556; // en dash
  if (code === 0x2014) return 1000; // em dash
  if (code === 0x2212) return 584; // minus sign
  if (code === 0x2022 || code === 0x00b7) return 350; // bullet, middle dot
  if (code === 0x00a0) return 278; // no-break space
  // East Asian wide ranges, emoji and symbols: a full em.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || code >= 0x1f000) return 1000;
  return AVERAGE_LATIN;
}

function isBold(weight: unknown): boolean {
  if (weight == null) return false;
  if (typeof weight === 'number') return weight >= 600;
  const w = String(weight).toLowerCase();
  return w === 'bold' || w === 'bolder' || (/^\d+$/.test(w) && Number(w) >= 600);
}

/** Estimated width in pixels of `text` at `fontSize` (Helvetica metrics). */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!, bold);
  return (units * fontSize) / 1000;
}

interface TextItem {
  limit?: number | string | null;
  fontSize?: number | string | null;
  fontWeight?: string | number | null;
  text?: unknown;
}

let installed = false;

/**
 * Replace Vega's text measurement with the Helvetica-table estimator. Global (Vega keeps one
 * `textMetrics` object per process) and idempotent.
 */
export function installTextMetrics(): void {
  if (installed) return;
  // Not in vega's typings, but exported at runtime (vega-scenegraph's mutable textMetrics object).
  const metrics = (vegaLibs().vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } })
    .textMetrics;
  metrics.width = (item: TextItem, text?: unknown): number => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const value = text == null ? '' : String(text).trim();
    if (size <= 0 || value === '') return 0;
    const raw = estimateTextWidth(value, size, isBold(item.fontWeight));
    // Vega calls this both to size a (possibly truncated) label and, from its own truncation
    // routine, to measure candidate substrings. Capping at the label limit serves both: Vega's
    // `width(text) < limit` test still triggers truncation, substrings shorter than the limit are
    // measured exactly, and a truncated label's bounds never exceed the limit it is drawn within.
    const limit = Number(item.limit) || 0;
    return limit > 0 ? Math.min(raw, limit) : raw;
  };
  installed = true;
}
