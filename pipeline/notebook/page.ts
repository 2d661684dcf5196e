// An analyst's page: sections of text, tables and charts in the shared report layout.
import { createRenderer, isRenderedChart, type RenderedChart } from '../render/index.js';
import type { TableSpec } from './table.js';

export type { TableSpec } from './table.js';

export interface PageSection {
  heading: string;
  /** Paragraphs of plain text (escaped; no HTML). */
  text?: string | string[];
  chart?: RenderedChart;
  table?: TableSpec;
}

export interface PageSpec {
  title: string;
  subtitle?: string;
  sections: PageSection[];
  /** Fixed build time for reproducible output. */
  buildTime?: Date | string;
}

export function renderPage(spec: PageSpec, meta: { cutoff?: string; model?: string }): string {
  for (const s of spec.sections) {
    if (s.chart !== undefined && !isRenderedChart(s.chart)) throw new Error(`section '${s.heading}': chart must come from notebook.chart()`);
  }
  const view = {
    meta: { title: spec.title, subtitle: spec.subtitle, cutoff: meta.cutoff, model: meta.model },
    sections: spec.sections.map((s) => ({ ...s, paragraphs: s.text === undefined ? [] : Array.isArray(s.text) ? s.text : [s.text] })),
  };
  return createRenderer({ buildTime: spec.buildTime }).render('notebook/page', view);
}
