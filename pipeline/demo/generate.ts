// In-memory generation of the whole demo dataset (default size: well under a second).
import { partnerBundles } from './partner.js';
import { planPartners, resolveOptions } from './plan.js';
import type { DemoData, DemoOptions } from './types.js';

export function generateDemo(opts: DemoOptions = {}): DemoData {
  const o = resolveOptions(opts);
  const data: DemoData = { partners: [], signals: [], deals: [], interventions: [], deal_history: [], truth: [] };
  for (const b of partnerBundles(o, planPartners(o))) {
    data.partners.push(b.partner);
    for (const s of b.signals) data.signals.push(s);
    for (const d of b.deals) data.deals.push(d);
    for (const i of b.interventions) data.interventions.push(i);
    for (const h of b.deal_history) data.deal_history.push(h);
    data.truth.push(b.truth);
  }
  return data;
}
