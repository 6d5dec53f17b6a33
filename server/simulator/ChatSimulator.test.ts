import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/chat';
import { createChatSimulator, simulateChat, type SimulateChatOptions } from './ChatSimulator';
import { fakeEmoteId } from './emotes';
import { chatMessageProblems, tokensOf } from './testHelpers';
import { BOT_TOPIC_IDS, TOPIC_IDS } from './topics';

const START = Date.UTC(2025, 2, 1, 19, 0, 0);
const base: SimulateChatOptions = { seed: 1, ratePerSecond: 5, streamId: 'sim-test', startedAt: START, minutes: 120 };
const twoHours = [...simulateChat(base)];
const BOTS = new Set<string>(BOT_TOPIC_IDS);

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

/**
 * Nearest-centroid classifier over tf-idf weighted bags of words (cosine): trained on even messages, tested on
 * odd ones.
 */
function nearestCentroidAccuracy(
  messages: readonly ChatMessage[],
  features: (m: ChatMessage) => string[],
): { overall: number; perTopic: Map<string, number> } {
  const centroids = new Map<string, Map<string, number>>();
  const df = new Map<string, number>();
  let trained = 0;
  messages.forEach((m, i) => {
    if (i % 2 === 1) return;
    trained++;
    let c = centroids.get(m.topic!);
    if (!c) centroids.set(m.topic!, (c = new Map()));
    const f = features(m);
    for (const t of f) c.set(t, (c.get(t) ?? 0) + 1);
    for (const t of new Set(f)) df.set(t, (df.get(t) ?? 0) + 1);
  });
  const idf = (t: string) => Math.log(trained / (1 + (df.get(t) ?? 0)));
  const norms = new Map<string, number>();
  for (const [topic, c] of centroids)
    norms.set(topic, Math.sqrt([...c].reduce((s, [t, v]) => s + (v * idf(t)) ** 2, 0)));
  let right = 0;
  let total = 0;
  const hits = new Map<string, [number, number]>();
  messages.forEach((m, i) => {
    if (i % 2 === 0) return;
    const bag = countBy(features(m), (t) => t);
    let best = '';
    let bestScore = -1;
    for (const [topic, c] of centroids) {
      let dot = 0;
      for (const [t, n] of bag) dot += n * (c.get(t) ?? 0) * idf(t) ** 2;
      const score = dot / (norms.get(topic) || 1);
      if (score > bestScore) {
        bestScore = score;
        best = topic;
      }
    }
    const h = hits.get(m.topic!) ?? [0, 0];
    h[1]++;
    total++;
    if (best === m.topic) {
      right++;
      h[0]++;
    }
    hits.set(m.topic!, h);
  });
  return {
    overall: right / total,
    perTopic: new Map([...hits].filter(([, [, n]]) => n >= 30).map(([t, [r, n]]) => [t, r / n])),
  };
}

describe('simulateChat', () => {
  it('is deterministic: same seed, byte-identical output; another seed, another chat', () => {
    const opts = { ...base, minutes: 10 };
    const a = JSON.stringify([...simulateChat(opts)]);
    expect(JSON.stringify([...simulateChat(opts)])).toBe(a);
    expect(JSON.stringify([...simulateChat({ ...opts, seed: 2 })])).not.toBe(a);
    // The finite stream is a prefix of the infinite one.
    const sim = createChatSimulator(opts);
    const first = twoHours.slice(0, 500);
    expect(JSON.stringify(Array.from({ length: 500 }, () => sim.next()))).toBe(JSON.stringify(first));
  });

  it('emits valid messages in time order, each with a known topic', () => {
    let prev = -1;
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const m of twoHours) {
      for (const p of chatMessageProblems(m)) problems.push(`${p}: ${JSON.stringify(m)}`);
      if (m.elapsed < prev) problems.push(`out of order: ${m.id}`);
      prev = m.elapsed;
      if (m.ts !== START + Math.round(m.elapsed * 1000)) problems.push(`ts/elapsed: ${m.id}`);
      if (m.channel !== 'demo' || m.streamId !== 'sim-test') problems.push(`channel/stream: ${m.id}`);
      if (!TOPIC_IDS.includes(m.topic!)) problems.push(`topic ${m.topic}`);
      if (m.deleted) problems.push(`deleted: ${m.id}`);
      ids.add(m.id);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(ids.size).toBe(twoHours.length);
    expect(prev).toBeLessThan(120 * 60);
    expect(prev).toBeGreaterThan(119 * 60);
  });

  it('keeps the requested average rate, with bursts and quiet periods', () => {
    expect(twoHours.length / (120 * 60)).toBeGreaterThan(5 * 0.93);
    expect(twoHours.length / (120 * 60)).toBeLessThan(5 * 1.07);
    const fast = [...simulateChat({ ...base, seed: 9, ratePerSecond: 40, minutes: 20 })];
    expect(fast.length / (20 * 60)).toBeGreaterThan(40 * 0.93);
    expect(fast.length / (20 * 60)).toBeLessThan(40 * 1.07);

    const windows = new Array<number>(120 * 6).fill(0);
    for (const m of twoHours) windows[Math.floor(m.elapsed / 10)]!++;
    const mean = twoHours.length / windows.length;
    expect(Math.max(...windows)).toBeGreaterThan(2.5 * mean);
    const sorted = [...windows].sort((a, b) => a - b);
    expect(sorted[Math.floor(windows.length * 0.05)]!).toBeLessThan(0.6 * mean);
  });

  it('fills emote ranges by code points, also after emoji', () => {
    let withEmote = 0;
    let emojiBeforeEmote = 0;
    const bad: string[] = [];
    for (const m of twoHours) {
      const cps = [...m.text];
      for (const e of m.emotes) {
        const ok =
          cps.slice(e.start, e.end).join('') === e.name &&
          e.id === fakeEmoteId(e.name) &&
          (e.start === 0 || cps[e.start - 1] === ' ') &&
          (e.end === cps.length || cps[e.end] === ' ');
        if (!ok) bad.push(`${JSON.stringify(e)} in ${m.text}`);
      }
      if (m.emotes.length > 0) withEmote++;
      const first = m.emotes[0];
      if (first && /\p{Extended_Pictographic}/u.test(cps.slice(0, first.start).join(''))) emojiBeforeEmote++;
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(withEmote / twoHours.length).toBeGreaterThan(0.2);
    expect(emojiBeforeEmote).toBeGreaterThan(10);
    const kappa = twoHours.flatMap((m) => m.emotes).find((e) => e.name === 'Kappa');
    expect(kappa?.id).toBe(fakeEmoteId('Kappa'));
  });

  it('plants topics that words tell apart (nearest centroid over tf-idf bags of words)', () => {
    const topical = twoHours.filter((m) => m.topic !== 'noise');
    const { overall, perTopic } = nearestCentroidAccuracy(topical, tokensOf);
    expect(overall).toBeGreaterThan(0.85);
    for (const [topic, acc] of perTopic) expect(acc, topic).toBeGreaterThan(0.7);
    // Every viewer topic occurs in two hours.
    const seen = new Set(twoHours.map((m) => m.topic));
    for (const t of TOPIC_IDS) expect(seen, t).toContain(t);
  });

  it('reveals the topic by no field other than text and emotes', () => {
    const viewers = twoHours.filter((m) => !BOTS.has(m.topic!) && m.topic !== 'noise');
    const textAcc = nearestCentroidAccuracy(viewers, tokensOf).overall;
    const otherFields = (m: ChatMessage) => [
      `u:${m.user.login}`,
      `id:${m.user.id}`,
      `n:${m.user.displayName}`,
      ...Object.entries(m.badges).map(([k, v]) => `b:${k}=${v}`),
      `r:${m.replyParentId !== null}`,
      `c:${m.bits > 0}`,
      `a:${m.flags.action}`,
    ];
    const otherAcc = nearestCentroidAccuracy(viewers, otherFields).overall;
    expect(otherAcc).toBeLessThan(0.25);
    expect(textAcc - otherAcc).toBeGreaterThan(0.5);
    // Users are shared across topics.
    const topicsPerUser = new Map<string, Set<string>>();
    for (const m of viewers) {
      const s = topicsPerUser.get(m.user.login) ?? new Set();
      s.add(m.topic!);
      topicsPerUser.set(m.user.login, s);
    }
    const active = [...topicsPerUser.values()].filter((s) => s.size > 0);
    const spread = active.filter((s) => s.size >= 5).length;
    expect(spread / active.length).toBeGreaterThan(0.3);
    const usersPerTopic = new Map<string, Set<string>>();
    for (const m of viewers) {
      const s = usersPerTopic.get(m.topic!) ?? new Set();
      s.add(m.user.login);
      usersPerTopic.set(m.topic!, s);
    }
    for (const [topic, n] of countBy(viewers, (m) => m.topic!)) {
      expect(usersPerTopic.get(topic)!.size, topic).toBeGreaterThan(Math.min(30, n / 4));
    }
  });

  it('changes the topic mix over time', () => {
    const share = (topic: string, from: number, to: number) => {
      const w = twoHours.filter((m) => m.elapsed >= from * 60 && m.elapsed < to * 60);
      return w.filter((m) => m.topic === topic).length / w.length;
    };
    expect(share('greetings', 0, 5)).toBeGreaterThan(3 * share('greetings', 30, 120));
    expect(share('goodbyes', 90, 120)).toBeGreaterThan(2 * share('goodbyes', 0, 30));
    // The dominant non-noise topic of 2-minute windows varies.
    const dominant = new Set<string>();
    for (let w = 0; w < 60; w++) {
      const c = countBy(
        twoHours.filter((m) => m.topic !== 'noise' && m.elapsed >= w * 120 && m.elapsed < (w + 1) * 120),
        (m) => m.topic!,
      );
      dominant.add([...c].sort((a, b) => b[1] - a[1])[0]![0]);
    }
    expect(dominant.size).toBeGreaterThan(8);
  });

  it('writes French chat: slang, abbreviations, stretched letters, caps, questions', () => {
    const texts = twoHours.map((m) => m.text);
    const has = (re: RegExp) => texts.filter((t) => re.test(t)).length;
    expect(has(/\b(mdr+|ptdr+|jsp|tkt|wsh|stp|pk|bcp)\b/i)).toBeGreaterThan(500);
    expect(has(/([aeiou])\1{3,}/)).toBeGreaterThan(100);
    expect(has(/\b[A-Z]{4,}\b(?![a-z])/)).toBeGreaterThan(100);
    expect(has(/\?$/)).toBeGreaterThan(200);
    expect(has(/[éèàç]/)).toBeGreaterThan(500);
    expect(has(/\b(salut|coucou|bonjour|bonne nuit)\b/i)).toBeGreaterThan(100);
  });

  it('has commands answered by bots, flagged as such', () => {
    const bots = twoHours.filter((m) => m.flags.bot);
    expect(bots.length).toBeGreaterThan(50);
    for (const m of bots) expect(['nightbot', 'streamelements']).toContain(m.user.login);
    expect(new Set(bots.map((m) => m.topic))).toEqual(new Set(BOT_TOPIC_IDS));
    const commands = twoHours.filter((m) => m.topic === 'commands');
    for (const m of commands) expect(m.flags.command).toBe(true);
    expect(twoHours.filter((m) => m.flags.command).length).toBe(commands.length);
    const byLogin = new Map<string, ChatMessage[]>();
    for (const m of commands) byLogin.set(m.user.login, [...(byLogin.get(m.user.login) ?? []), m]);
    for (const reply of bots.filter((m) => m.topic === 'bot-replies' && m.text.startsWith('@'))) {
      const login = reply.text.slice(1).split(' ')[0]!;
      const asked = (byLogin.get(login) ?? []).some((c) => c.elapsed <= reply.elapsed && reply.elapsed - c.elapsed < 3);
      expect(asked, reply.text).toBe(true);
    }
    // Custom bot names: those post; an empty list means no bot messages at all.
    const custom = [...simulateChat({ ...base, minutes: 30, botNames: ['MyBot'] })].filter((m) => m.flags.bot);
    expect(custom.length).toBeGreaterThan(0);
    expect(new Set(custom.map((m) => m.user.login))).toEqual(new Set(['mybot']));
    expect([...simulateChat({ ...base, minutes: 30, botNames: [] })].some((m) => m.flags.bot)).toBe(false);
  });

  it('has replies, cheers and /me actions with consistent fields', () => {
    const byId = new Map(twoHours.map((m) => [m.id, m]));
    const replies = twoHours.filter((m) => m.replyParentId !== null);
    expect(replies.length).toBeGreaterThan(100);
    for (const r of replies) {
      const parent = byId.get(r.replyParentId!);
      expect(parent).toBeDefined();
      expect(parent!.elapsed).toBeLessThanOrEqual(r.elapsed);
      expect(r.text.startsWith(`@${parent!.user.login} `)).toBe(true);
    }
    const cheers = twoHours.filter((m) => m.bits > 0);
    expect(cheers.length).toBeGreaterThan(0);
    for (const c of cheers) {
      expect(c.flags.cheer).toBe(true);
      expect(c.text).toMatch(new RegExp(`Cheer${c.bits}\\b`));
    }
    expect(twoHours.some((m) => m.flags.action)).toBe(true);
  });

  it('uses pseudonymous viewer logins with badges for some', () => {
    const viewers = twoHours.filter((m) => !m.flags.bot);
    for (const m of viewers) expect(m.user.login).toMatch(/^viewer_[a-z0-9_]+$/);
    expect(viewers.some((m) => m.badges.moderator === '1')).toBe(true);
    expect(viewers.some((m) => m.badges.subscriber !== undefined)).toBe(true);
    const perUser = countBy(viewers, (m) => m.user.login);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    // Talk rates differ: the busiest tenth writes far more than its share.
    const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((s, n) => s + n, 0);
    expect(top / viewers.length).toBeGreaterThan(0.25);
  });

  it('lets a live demo pull messages up to a clock with peek()', () => {
    const sim = createChatSimulator({
      seed: 5,
      ratePerSecond: 10,
      streamId: 'live',
      startedAt: START,
      channel: '#MaChaine',
    });
    expect(sim.channel).toBe('machaine');
    const pulled: ChatMessage[] = [];
    while (sim.peek().ts <= START + 60_000) pulled.push(sim.next());
    expect(pulled.length).toBeGreaterThan(100);
    expect(sim.peek().ts).toBeGreaterThan(START + 60_000);
    expect(sim.next()).not.toBe(pulled[pulled.length - 1]);
    expect(pulled.some((m) => m.emotes.some((e) => e.name.startsWith('machai')))).toBe(true);
  });

  it('validates its options', () => {
    const ok = { seed: 1, ratePerSecond: 1, streamId: 's', startedAt: 0 };
    expect(() => createChatSimulator({ ...ok, ratePerSecond: 0 })).toThrow(/ratePerSecond/);
    expect(() => createChatSimulator({ ...ok, seed: Number.NaN })).toThrow(/seed/);
    expect(() => createChatSimulator({ ...ok, channel: 'pas un login' })).toThrow(/channel/);
    expect(() => createChatSimulator({ ...ok, streamId: '' })).toThrow(/streamId/);
    expect(() => [...simulateChat({ ...ok, minutes: -1 })]).toThrow(/minutes/);
  });
});
