// The index page of per-segment quarterly packs (`--each manager|region|tier|type`).
import { createRenderer } from '../../render/index.js';
import type { QuarterlyData } from './data.js';
import { filterSegment, segmentValues } from './segment.js';
import type { SegmentField } from './types.js';

export interface PackEntry {
  value: string;
  /** File name of the pack's HTML, relative to the index. */
  href: string;
  pdfHref: string | null;
  partners: number;
  red: number;
  yellow: number;
  green: number;
  pipelineAtRisk: number;
}

export interface PacksIndexView {
  meta: { title: string; subtitle: string; cutoff: string | null; model: string; lang: string; pageSize: 'A4' | 'Letter' };
  fieldLabel: string;
  fieldTitle: string;
  programHref: string;
  packs: PackEntry[];
}

/**
 * File names are positional (quarterly-manager-03.html), never built from the values themselves, which
 * are free text from the partners file.
 */
export function packFileName(field: SegmentField, index: number, ext: 'html' | 'pdf'): string {
  return `quarterly-${field}-${String(index + 1).padStart(2, '0')}.${ext}`;
}

export function packEntries(data: QuarterlyData, field: SegmentField, pdf: boolean): PackEntry[] {
  return segmentValues(data.partners, field).map((value, i) => {
    const { partners } = filterSegment(data, { field, value });
    const n = (b: string) => partners.filter((p) => p.band === b).length;
    return {
      value,
      href: packFileName(field, i, 'html'),
      pdfHref: pdf ? packFileName(field, i, 'pdf') : null,
      partners: partners.length,
      red: n('red'),
      yellow: n('yellow'),
      green: n('green'),
      pipelineAtRisk: partners.reduce((a, p) => a + (p.band === 'red' || p.band === 'yellow' ? p.open_pipeline : 0), 0),
    };
  });
}

export function renderPacksIndex(
  data: QuarterlyData, field: SegmentField, packs: PackEntry[],
  o: { model: string; pageSize?: 'A4' | 'Letter'; buildTime?: Date | string; templatesDir?: string },
): string {
  const view: PacksIndexView = {
    meta: {
      title: `Partner health — ${data.quarter.label} — packs by ${field}`,
      subtitle: `${packs.length} packs, one per ${field}.`,
      cutoff: data.window.cutoff, model: o.model, lang: 'en', pageSize: o.pageSize ?? 'A4',
    },
    fieldLabel: field,
    fieldTitle: field[0]!.toUpperCase() + field.slice(1),
    programHref: 'quarterly.html',
    packs,
  };
  return createRenderer({ templatesDir: o.templatesDir, buildTime: o.buildTime }).render('quarterly/packs', view);
}
