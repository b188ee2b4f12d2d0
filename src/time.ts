/** Waiting, in one place, so tests can hand in a clock of their own instead. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
