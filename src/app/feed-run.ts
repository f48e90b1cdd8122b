/** What every feed import keeps while it runs: its counts, and the problems it reports by name. */
import type { Problem } from '../core/problem.js';
import type { FeedRunCounts } from './knowledge-ports.js';

/** Skipped records reported by name; beyond this many they are only counted. */
export const MAX_PROBLEMS = 500;

export function emptyCounts(): FeedRunCounts {
  return { read: 0, added: 0, changed: 0, unchanged: 0, withdrawn: 0, removed: 0, superseded: 0, skipped: 0 };
}

export function problemCollector(): { problems: Problem[]; report: (problem: Problem) => void } {
  const problems: Problem[] = [];
  return {
    problems,
    report: (problem) => {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    },
  };
}

/**
 * Whether an import changed nothing held: every record it read was held already, passed over or skipped. A
 * sync whose imports changed nothing leaves its source as it was: up to date, not updated.
 */
export function changedNothing(counts: FeedRunCounts): boolean {
  return counts.added + counts.changed + counts.withdrawn + counts.removed === 0;
}
