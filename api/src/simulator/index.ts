export {
  simulate,
  simulatedRecordingUrl,
  DEFAULT_AGENTS,
  SIMULATED_RECORDINGS_ORIGIN,
  SIMULATOR_SOURCE,
  type SimulatorOptions,
} from './simulator.js';
export { DEFAULT_COMPANY, transcriptFlaw, simulatedTranscript, type TranscriptFlaw } from './dialogue.js';
export { runRealtime, type RealtimeOptions, type RealtimeResult } from './pace.js';
export { buildRoster, SHIFTS, type AgentProfile, type ShiftTemplate } from './roster.js';
export {
  callsPerHourAt,
  DAY_FACTOR,
  DEFAULT_CALL_TYPES,
  DEFAULT_QUEUES,
  WEEKDAY_CALLS_PER_HOUR,
  type CallTypeProfile,
  type QueueProfile,
} from './traffic.js';
