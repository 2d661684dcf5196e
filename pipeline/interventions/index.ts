// Interventions: closing the loop — did partners' health improve after we acted?
export { computeInterventionEffects, readInterventionEffects, hasInterventionEffects, EFFECT_DEFAULTS, type EffectsOptions } from './effects.js';
export {
  summarizeEffects, statusText,
  type EffectRow, type EffectStatus, type EffectVerdict, type EffectsSummary, type PlaybookEffect, type SummaryOptions,
} from './summary.js';
