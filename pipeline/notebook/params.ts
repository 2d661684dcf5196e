// Notebook parameters: front-matter defaults, overridden by --param k=v (typed like the default).
// They only ever reach SQL as bound values.
import { NotebookError, type ParamValue } from './parse.js';

/** Parse repeated `k=v` flags into a map (the value may contain '='). */
export function parseParamFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of flags) {
    const i = f.indexOf('=');
    if (i < 1) throw new Error(`--param expects name=value, got '${f}'`);
    out[f.slice(0, i)] = f.slice(i + 1);
  }
  return out;
}

/** Defaults overridden by `given`; a name the notebook does not declare, or a value of the wrong type, is an error. */
export function resolveParams(file: string, defaults: Record<string, ParamValue>, given: Record<string, string | ParamValue> = {}): Record<string, ParamValue> {
  const out = { ...defaults };
  for (const [k, raw] of Object.entries(given)) {
    if (!(k in defaults)) {
      throw new NotebookError(file, 1, `unknown parameter "${k}" (this notebook's params: ${Object.keys(defaults).join(', ') || 'none'})`);
    }
    out[k] = typed(file, k, defaults[k]!, raw);
  }
  return out;
}

function typed(file: string, name: string, like: ParamValue, raw: string | ParamValue): ParamValue {
  if (typeof raw !== 'string') return raw;
  if (typeof like === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new NotebookError(file, 1, `parameter "${name}" expects a number (its default is ${like}), got '${raw}'`);
    return n;
  }
  if (typeof like === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new NotebookError(file, 1, `parameter "${name}" expects true or false, got '${raw}'`);
    return raw === 'true';
  }
  return raw;
}
