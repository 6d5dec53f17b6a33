'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TopicAssignment, TopicsSnapshot } from '../../contracts/socket-events';
import { getSocket, request } from './socket';
import { useDashboard } from './useDashboard';

/** Recent `seq -> topic` assignments kept for the page (about four feeds' worth). */
export const TOPIC_ASSIGNMENTS_CAP = 2000;
/** Assignments arrive in small batches many times a second: they are rendered at most this often. */
const FLUSH_MS = 250;

export interface ChannelTopics {
  /** The latest snapshot (subscribe answer or `topics:update`); null until one arrives. */
  snapshot: TopicsSnapshot | null;
  /** false: the server's topic engine is off (its subscribe answer had no topics); null: not known yet. */
  enabled: boolean | null;
  /**
   * Topic of recent messages by channel seq (null: noise), as they were placed on arrival between refits; a refit
   * may regroup them later without a new assignment. Bounded to the newest `TOPIC_ASSIGNMENTS_CAP`.
   */
  topicOfSeq: ReadonlyMap<number, number | null>;
  /** Messages placed since the last refit the page saw, and how many of them went to noise. */
  sinceRefit: { assigned: number; noise: number };
}

interface TopicState {
  snapshot: TopicsSnapshot | null;
  enabled: boolean | null;
  topicOfSeq: ReadonlyMap<number, number | null>;
  sinceRefit: { assigned: number; noise: number };
}

const EMPTY: TopicState = {
  snapshot: null,
  enabled: null,
  topicOfSeq: new Map(),
  sinceRefit: { assigned: 0, noise: 0 },
};

/**
 * The live topics of one channel: the snapshot the server sends after each refit and about once a second in
 * between, and the topics of new messages (`topics:assigned`).
 *
 * The room itself belongs to `useChannelFeed` (it joins and leaves it); this hook only listens, and asks once per
 * (re)connect for the snapshot at that moment with a `channel:subscribe` whose `afterSeq` is past any seq, so the
 * answer carries no backlog. Without that first answer the panel would wait up to a second for the next update,
 * and could not tell a server without a topic engine from one that has not sent anything yet.
 */
export function useChannelTopics(key: string): ChannelTopics {
  const dashboard = useDashboard();
  const isListed = dashboard.channels?.some((c) => c.key === key) ?? false;
  const [state, setState] = useState<TopicState>(EMPTY);

  const snapshotRef = useRef<TopicsSnapshot | null>(null);
  const enabledRef = useRef<boolean | null>(null);
  const topicOfSeqRef = useRef<Map<number, number | null>>(new Map());
  const sinceRefitRef = useRef({ assigned: 0, noise: 0 });
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Only the latest subscribe answer counts (a key change or reconnect bumps it). */
  const requestIdRef = useRef(0);
  const answeredRef = useRef(false);

  const flush = useCallback(() => {
    timerRef.current = null;
    setState({
      snapshot: snapshotRef.current,
      enabled: enabledRef.current,
      topicOfSeq: new Map(topicOfSeqRef.current),
      sinceRefit: { ...sinceRefitRef.current },
    });
  }, []);

  const schedule = useCallback(
    (now: boolean) => {
      if (now) {
        if (timerRef.current !== null) clearTimeout(timerRef.current);
        flush();
      } else if (timerRef.current === null) timerRef.current = setTimeout(flush, FLUSH_MS);
    },
    [flush],
  );

  const acceptSnapshot = useCallback(
    (snapshot: TopicsSnapshot) => {
      const previous = snapshotRef.current;
      // A new refit (or a reset: fewer refits, e.g. after a replay seek) starts a new count of placements.
      if (!previous || snapshot.refits !== previous.refits) sinceRefitRef.current = { assigned: 0, noise: 0 };
      snapshotRef.current = snapshot;
      enabledRef.current = true;
      schedule(true);
    },
    [schedule],
  );

  const subscribe = useCallback(async () => {
    const id = ++requestIdRef.current;
    const res = await request('channel:subscribe', { channel: key, afterSeq: Number.MAX_SAFE_INTEGER });
    if (id !== requestIdRef.current || !res.ok) return;
    answeredRef.current = true;
    if (res.value.topics) acceptSnapshot(res.value.topics);
    else {
      enabledRef.current = false;
      schedule(true);
    }
  }, [key, acceptSnapshot, schedule]);

  useEffect(() => {
    const s = getSocket();
    requestIdRef.current++;
    answeredRef.current = false;
    snapshotRef.current = null;
    enabledRef.current = null;
    topicOfSeqRef.current = new Map();
    sinceRefitRef.current = { assigned: 0, noise: 0 };
    setState(EMPTY);

    const onUpdate = (snapshot: TopicsSnapshot) => {
      if (snapshot.channel === key) acceptSnapshot(snapshot);
    };
    const onAssigned = (p: { channel: string; assignments: TopicAssignment[] }) => {
      if (p.channel !== key || p.assignments.length === 0) return;
      const map = topicOfSeqRef.current;
      for (const a of p.assignments) {
        map.set(a.seq, a.topic);
        sinceRefitRef.current.assigned++;
        if (a.topic === null) sinceRefitRef.current.noise++;
      }
      // Maps iterate in insertion order: the first keys are the oldest.
      if (map.size > TOPIC_ASSIGNMENTS_CAP) {
        let excess = map.size - TOPIC_ASSIGNMENTS_CAP;
        for (const seq of map.keys()) {
          if (excess-- <= 0) break;
          map.delete(seq);
        }
      }
      schedule(false);
    };
    const onConnect = () => void subscribe();
    s.on('topics:update', onUpdate);
    s.on('topics:assigned', onAssigned);
    s.on('connect', onConnect);
    if (s.connected) void subscribe();
    return () => {
      s.off('topics:update', onUpdate);
      s.off('topics:assigned', onAssigned);
      s.off('connect', onConnect);
      if (timerRef.current !== null) clearTimeout(timerRef.current);
      timerRef.current = null;
    };
  }, [key, acceptSnapshot, schedule, subscribe]);

  // A channel that was not open at the first request (a replay still starting) is asked again once it is listed.
  useEffect(() => {
    if (isListed && !answeredRef.current && getSocket().connected) void subscribe();
  }, [isListed, subscribe]);

  return state;
}
