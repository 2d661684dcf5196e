// Markdown prose → HTML for analyst pages. Raw HTML in the source is never passed through (it is shown
// as text), images are off (a page must not load anything) and links are limited to markdown-it's safe
// schemes. Values computed at render time go in as slots: the source holds markdownSlot(i) where value
// i belongs, and the value is escaped and put in after Markdown parsing, so data can never become markup.
import MarkdownIt from 'markdown-it';
import { escapeHtml } from './escape.js';

export interface RenderedMarkdown {
  html: string;
}

const rendered = new WeakSet<object>();

/** True when `value` came from renderMarkdown (its HTML is trusted markup). */
export function isRenderedMarkdown(value: unknown): value is RenderedMarkdown {
  return typeof value === 'object' && value !== null && rendered.has(value);
}

// Private-use code points: markdown-it leaves them alone and no real text contains them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SLOT = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

/** The marker for slot `i` in a Markdown source. */
export function markdownSlot(i: number): string {
  return `${OPEN}${i}${CLOSE}`;
}

let md: MarkdownIt | undefined;
function parser(): MarkdownIt {
  if (!md) {
    md = new MarkdownIt({ html: false, linkify: false, typographer: false });
    md.disable('image');
  }
  return md;
}

/** Render Markdown to HTML; slot markers are replaced by their values, escaped. */
export function renderMarkdown(source: string, slots: readonly string[] = []): RenderedMarkdown {
  const html = parser().render(source).replace(SLOT, (_m, i: string) => escapeHtml(slots[Number(i)] ?? ''));
  const out = { html };
  rendered.add(out);
  return out;
}
