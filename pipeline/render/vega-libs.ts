// Vega and Vega-Lite, loaded when the first chart is drawn rather than when the program starts: importing
// them is ~0.5 of the ~0.9 CPU s it took to load the CLI, which every command paid (`--help`, `sql`, a run
// refused at its arguments, each CLI process a test starts) whether it drew a chart or not.
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

export interface VegaLibs { vega: typeof Vega; vegaLite: typeof VegaLite }

let loading: Promise<VegaLibs> | undefined;
let loaded: VegaLibs | undefined;

/** Load both libraries (once per thread); every chart is drawn after this has resolved. */
export function loadVega(): Promise<VegaLibs> {
  loading ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => (loaded = { vega, vegaLite }));
  return loading;
}

/** The libraries, for the synchronous steps of drawing a chart (which loadVega has preceded). */
export function vegaLibs(): VegaLibs {
  if (!loaded) throw new Error('internal: a chart was drawn before loadVega() resolved');
  return loaded;
}
