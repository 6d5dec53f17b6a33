'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInfo, ChatLine, RateSnapshot } from '../../contracts/socket-events';
import type { ServerMessage } from '../../contracts/errorCodes';
import { useI18n } from './i18n/I18nProvider';
import { sayServerMessage } from './serverMessage';
import { getSocket, request } from './socket';
import { useDashboard } from './useDashboard';

/** Lines kept (and rendered) per channel page. */
export const FEED_CAP = 500;
/** Incoming lines are buffered and rendered at most this often, so hundreds of messages a second never freeze the page. */
const FLUSH_MS = 150;

export interface ChannelFeed {
  /** The channel as the server last described it (channel list, or the subscribe answer). */
  info: ChannelInfo | null;
  /** The channel is not in the server's channel list (never opened, or closed). */
  closed: boolean;
  /** The last `FEED_CAP` lines, oldest first, in seq order. */
  lines: ChatLine[];
  /** Ids removed by moderation since the page opened (plus lines that arrived already marked deleted). */
  deleted: ReadonlySet<string>;
  rate: RateSnapshot | null;
  /** Highest seq seen: the count of messages the channel numbered. */
  lastSeq: number;
  subscribed: boolean;
  error: string | null;
  /** Forget the displayed lines (e.g. before a replay seek). */
  clear(): void;
}

interface Snapshot {
  lines: ChatLine[];
  deleted: ReadonlySet<string>;
  rate: RateSnapshot | null;
  lastSeq: number;
}

const EMPTY: Snapshot = { lines: [], deleted: new Set(), rate: null, lastSeq: 0 };

/**
 * Subscribes to one channel's room and keeps its last lines, deletions and rate series.
 *
 * On every (re)connect it subscribes again with `afterSeq` = the last seq seen, so the server's backlog fills the gap;
 * lines are de-duplicated by seq, so nothing shows twice whatever order backlog and live lines arrive in.
 */
export function useChannelFeed(key: string): ChannelFeed {
  const dashboard = useDashboard();
  const listed = dashboard.channels?.find((c) => c.key === key) ?? null;
  const [ackInfo, setAckInfo] = useState<ChannelInfo | null>(null);
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);
  const [subscribed, setSubscribed] = useState(false);
  // Kept as the server sent it and said in the page's language at each render, so a language switch re-says it.
  const [error, setError] = useState<ServerMessage | null>(null);
  const { t } = useI18n();

  // Mutable feed state, flushed to React state on a timer.
  const linesRef = useRef<ChatLine[]>([]);
  const pendingRef = useRef<ChatLine[]>([]);
  const seenRef = useRef<Set<number>>(new Set());
  const lastSeqRef = useRef(0);
  const deletedRef = useRef<Set<string>>(new Set());
  const rateRef = useRef<RateSnapshot | null>(null);
  const kindRef = useRef<ChannelInfo['kind'] | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const subscribedRef = useRef(false);
  /** Bumped on every subscribe and key change: only the latest subscribe answer counts. */
  const requestIdRef = useRef(0);
  const requestPendingRef = useRef(false);

  const flush = useCallback(() => {
    timerRef.current = null;
    const pending = pendingRef.current;
    pendingRef.current = [];
    let lines = linesRef.current;
    if (pending.length > 0) {
      const lastShown = lines[lines.length - 1];
      // A replay that jumped back (seek, restart after the end) starts a fresh feed.
      if (kindRef.current === 'replay' && lastShown && pending[0]!.message.elapsed < lastShown.message.elapsed - 1)
        lines = [];
      const needsSort = lines.length > 0 && pending[0]!.seq < lines[lines.length - 1]!.seq;
      lines = lines.concat(pending);
      if (needsSort) lines.sort((a, b) => a.seq - b.seq);
      if (lines.length > FEED_CAP) lines = lines.slice(lines.length - FEED_CAP);
      linesRef.current = lines;
      seenRef.current = new Set(lines.map((l) => l.seq));
      // Keep the deleted set bounded to what can still be shown.
      if (deletedRef.current.size > FEED_CAP * 4) {
        const shown = new Set(lines.map((l) => l.message.id));
        deletedRef.current = new Set([...deletedRef.current].filter((id) => shown.has(id)));
      }
    }
    setSnapshot({ lines, deleted: deletedRef.current, rate: rateRef.current, lastSeq: lastSeqRef.current });
  }, []);

  const schedule = useCallback(() => {
    if (timerRef.current === null) timerRef.current = setTimeout(flush, FLUSH_MS);
  }, [flush]);

  const accept = useCallback(
    (incoming: readonly ChatLine[]) => {
      let added = false;
      for (const line of incoming) {
        if (seenRef.current.has(line.seq)) continue;
        seenRef.current.add(line.seq);
        if (line.seq > lastSeqRef.current) lastSeqRef.current = line.seq;
        if (line.message.deleted) deletedRef.current.add(line.message.id);
        pendingRef.current.push(line);
        added = true;
      }
      // Bound the buffer if the tab is in the background and timers are throttled.
      if (pendingRef.current.length > FEED_CAP * 2) pendingRef.current = pendingRef.current.slice(-FEED_CAP);
      if (added) schedule();
    },
    [schedule],
  );

  const clear = useCallback(() => {
    linesRef.current = [];
    pendingRef.current = [];
    seenRef.current = new Set();
    deletedRef.current = new Set();
    setSnapshot((s) => ({ ...s, lines: [], deleted: deletedRef.current }));
  }, []);

  const subscribe = useCallback(async () => {
    const id = ++requestIdRef.current;
    requestPendingRef.current = true;
    const res = await request('channel:subscribe', { channel: key, afterSeq: lastSeqRef.current });
    if (id !== requestIdRef.current) return;
    requestPendingRef.current = false;
    if (!res.ok) {
      subscribedRef.current = false;
      setSubscribed(false);
      setError(res);
      return;
    }
    subscribedRef.current = true;
    setSubscribed(true);
    setError(null);
    kindRef.current = res.value.channel.kind;
    setAckInfo(res.value.channel);
    rateRef.current = res.value.rate;
    accept(res.value.backlog);
    schedule();
  }, [key, accept, schedule]);

  useEffect(() => {
    const s = getSocket();
    // Reset for a new key.
    requestIdRef.current++;
    requestPendingRef.current = false;
    linesRef.current = [];
    pendingRef.current = [];
    seenRef.current = new Set();
    lastSeqRef.current = 0;
    deletedRef.current = new Set();
    rateRef.current = null;
    kindRef.current = null;
    subscribedRef.current = false;
    setSnapshot(EMPTY);
    setAckInfo(null);
    setSubscribed(false);
    setError(null);

    const onLines = (p: { channel: string; lines: ChatLine[] }) => {
      if (p.channel === key) accept(p.lines);
    };
    const onDeleted = (p: { channel: string; ids: string[] }) => {
      if (p.channel !== key) return;
      for (const id of p.ids) deletedRef.current.add(id);
      deletedRef.current = new Set(deletedRef.current);
      schedule();
    };
    const onRate = (r: RateSnapshot) => {
      if (r.channel !== key) return;
      rateRef.current = r;
      schedule();
    };
    const onConnect = () => void subscribe();
    const onDisconnect = () => {
      subscribedRef.current = false;
      setSubscribed(false);
    };
    s.on('chat:lines', onLines);
    s.on('chat:deleted', onDeleted);
    s.on('rate:update', onRate);
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    if (s.connected) void subscribe();
    return () => {
      s.off('chat:lines', onLines);
      s.off('chat:deleted', onDeleted);
      s.off('rate:update', onRate);
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      if (timerRef.current !== null) clearTimeout(timerRef.current);
      timerRef.current = null;
      if (s.connected) s.emit('channel:unsubscribe', { channel: key });
    };
  }, [key, accept, schedule, subscribe]);

  // A channel that was not open when we subscribed (e.g. a replay still starting) is retried once it is listed.
  const isListed = listed !== null;
  useEffect(() => {
    if (isListed && !subscribedRef.current && !requestPendingRef.current && getSocket().connected) void subscribe();
  }, [isListed, subscribe]);

  const info = listed ?? ackInfo;
  const kind = info?.kind ?? null;
  useEffect(() => {
    if (kind) kindRef.current = kind;
  }, [kind]);
  return {
    info,
    closed: dashboard.channels !== null && listed === null,
    lines: snapshot.lines,
    deleted: snapshot.deleted,
    rate: snapshot.rate,
    lastSeq: snapshot.lastSeq,
    subscribed,
    error: error === null ? null : sayServerMessage(t, error),
    clear,
  };
}
