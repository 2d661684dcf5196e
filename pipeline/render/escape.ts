// Escaping for the few places where we build markup by hand (SVG post-processing, the chart figure,
// PDF header/footer templates) and for embedding JSON in HTML.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** Escape text for an HTML/SVG text node or a quoted attribute value (same output as Handlebars' escapeExpression). */
export function escapeHtml(value: unknown): string {
  if (value == null) return '';
  return String(value).replace(/[&<>"'`=]/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Serialise `value` as JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&`
 * become \u escapes (so neither `</script>` nor `<!--` can appear), as do U+2028/U+2029 (line
 * terminators in older JavaScript). `JSON.parse` of the text gives back the original value.
 */
export function jsonForScript(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value);
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** CSS is trusted (it is ours) but must not be able to close its <style> element. */
export function cssForStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}
