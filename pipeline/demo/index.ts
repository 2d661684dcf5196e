// Public API of the demo data generator.
export { generateDemo } from './generate.js';
export { writeDemoData, writeDemoDataStreaming, demoFilePath, type DemoCounts, type StreamingHooks } from './write.js';
export { missRates, dealOutcome, type MissRate } from './summary.js';
export { COLUMNS, TABLES, csvQuote, type TableName } from './csv.js';
export { COMMA_NAME } from './names.js';
export { DEFAULT_OUTCOME_WEIGHTS } from './plan.js';
export * from './types.js';
