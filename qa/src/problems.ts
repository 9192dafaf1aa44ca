/** One thing wrong with an input, named by its path (`sections[1].items[0].weight`). */
export interface Problem {
  path: string;
  message: string;
}

/** Thrown when the input of a computation is unusable; `problems` names every bad field. */
export class QaInputError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'QaInputError';
    this.problems = problems;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
