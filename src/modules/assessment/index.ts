/**
 * The assessment module's public surface: the self-assessment against the ten principles of
 * trauma-informed approaches, its rounds, anonymous answers and results.
 */
export { createAssessmentService } from './service.ts';
export type { AssessmentService } from './service.ts';
export type { AssessmentDeps, EvidenceSources } from './deps.ts';
export { createAssessmentStore } from './store.ts';
export type { AssessmentStore } from './store.ts';
export { assessmentActionLabels } from './actions.ts';
export type { AssessmentTables } from './tables.ts';
export { loadInstrument, CURRENT_INSTRUMENT_VERSION } from './instrument.ts';
export type { Instrument } from './instrument.ts';
export { instrumentQuestionnaire } from './fhir.ts';
export { seedAssessmentDemo, findDemoLatestClosedRound, DEMO_ROUND_TITLES } from './demo.ts';
