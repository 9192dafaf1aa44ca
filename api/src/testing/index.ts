/**
 * Fixtures for the suites that run against the built API (`@callboard/api/testing`).
 * Not part of the product's entry point; `automock.ts` needs vitest and stays out.
 */
export { liveScenario, SCENARIO_NOW_S } from './live.scenario.js';
