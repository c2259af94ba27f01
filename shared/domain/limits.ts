// Caps on what one call may ask of the core, so no input holds it for minutes (issue 11, class 5). Each zod
// check carries its limit in the message: the caller learns the bound, not just that it was crossed. Browser-safe.

export const LIMITS = {
  forecastItems: 100_000,
  forecastTrials: 50_000,
  /** Days from asOf to a "how many by" date (and the longest "when" a trial walks). */
  forecastDays: 3650,
  mapSteps: 500,
  mapFlows: 5000,
  statusesPerList: 1000,
  annotations: 2000,
  kaizenPerStep: 200,
  /** Free text on a map (descriptions, notes, kaizen). */
  textChars: 10_000,
  /** A single import file (a 50,000-issue Jira export is ~160 MB). */
  importFileBytes: 4 * 2 ** 30,
} as const;

/** `{ message }` for a zod max check: "at most 100,000 trials". */
export const atMost = (n: number, what: string) => ({ message: `at most ${n.toLocaleString('en-US')} ${what}` });
