import { TopicTrackerError } from './errors';
import type { RefitCluster } from './types';

/**
 * Checks a clock: a finite number of stream seconds.
 *
 * @param clock the value to check.
 * @param where the call it belongs to, for the message (e.g. `refit`).
 * @throws TopicTrackerError `INVALID_CLOCK`.
 */
export function checkClock(clock: number, where: string): void {
  if (typeof clock !== 'number' || !Number.isFinite(clock)) {
    throw new TopicTrackerError(
      'INVALID_CLOCK',
      `TopicTracker.${where}: clock must be a finite number of seconds, got ${String(clock)}`,
    );
  }
}

/**
 * Checks the clusters of a refit: each has members, no message is in two clusters (or twice in one), member
 * times match the members one to one and are finite, and terms have a string and a finite score.
 * O(total members).
 *
 * @param clusters the clusters given to `refit`.
 * @throws TopicTrackerError `EMPTY_CLUSTER`, `DUPLICATE_MEMBER`, `INVALID_MEMBER_TIMES` or `INVALID_TERM`, naming
 *   the cluster index (and member or term index).
 */
export function checkRefitClusters(clusters: readonly RefitCluster[]): void {
  const clusterOf = new Map<string, number>();
  clusters.forEach((cluster, c) => {
    if (cluster.members.length === 0)
      throw new TopicTrackerError('EMPTY_CLUSTER', `TopicTracker.refit: cluster ${c} has no members`);
    cluster.members.forEach((id, k) => {
      const other = clusterOf.get(id);
      if (other !== undefined) {
        const where = other === c ? 'twice in it' : `also in cluster ${other}`;
        throw new TopicTrackerError(
          'DUPLICATE_MEMBER',
          `TopicTracker.refit: message "${id}" (cluster ${c}, member ${k}) is ${where}`,
        );
      }
      clusterOf.set(id, c);
    });
    const times = cluster.memberTimes;
    if (times !== undefined) {
      if (times.length !== cluster.members.length) {
        throw new TopicTrackerError(
          'INVALID_MEMBER_TIMES',
          `TopicTracker.refit: cluster ${c} has ${times.length} memberTimes for ${cluster.members.length} members`,
        );
      }
      times.forEach((t, k) => {
        if (typeof t !== 'number' || !Number.isFinite(t)) {
          throw new TopicTrackerError(
            'INVALID_MEMBER_TIMES',
            `TopicTracker.refit: cluster ${c} memberTimes[${k}] is not a finite number (${String(t)})`,
          );
        }
      });
    }
    cluster.terms.forEach((term, k) => {
      if (typeof term.term !== 'string' || typeof term.score !== 'number' || !Number.isFinite(term.score)) {
        throw new TopicTrackerError(
          'INVALID_TERM',
          `TopicTracker.refit: cluster ${c} terms[${k}] needs a string term and a finite score`,
        );
      }
    });
  });
}
