import { describe, expect, it } from 'vitest';
import { TopicTrackerError } from './errors';
import { TopicTracker } from './TopicTracker';
import { Mulberry32 } from '../../random';
import type { RefitCluster, TopicTerm } from './types';

const ids = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
const terms = (...words: string[]): TopicTerm[] => words.map((term, i) => ({ term, score: 1 / (i + 1) }));
const cluster = (members: string[], ...words: string[]): RefitCluster => ({ members, terms: terms(...words) });

describe('TopicTracker ids', () => {
  it('keeps every id when the clusters come back in another order with 30% of their members replaced', () => {
    const tracker = new TopicTracker();
    const first = ['a', 'b', 'c', 'd', 'e'].map((p) => cluster(ids(p, 0, 50)));
    const before = tracker.refit(first, 30);
    // Same topics, no labels (membership alone must do it), 15 of each 50 members replaced by newcomers.
    const order = [3, 0, 4, 1, 2];
    const second = order.map((k) => {
      const p = 'abcde'[k]!;
      return cluster([...ids(p, 15, 50), ...ids(`new-${p}`, 0, 15)]);
    });
    const after = tracker.refit(second, 60);
    expect(after.map((t) => t.id)).toEqual(order.map((k) => before[k]!.id));
    expect(after.map((t) => t.colour)).toEqual(order.map((k) => before[k]!.colour));
    expect(new Set(before.map((t) => t.id)).size).toBe(5);
  });

  it('gives a split topic id to the bigger part and a new id to the other', () => {
    const tracker = new TopicTracker();
    const [whole] = tracker.refit([cluster(ids('m', 0, 100), 'pizza', 'ananas')], 30);
    const [small, big] = tracker.refit(
      [cluster(ids('m', 0, 40), 'pizza', 'ananas'), cluster(ids('m', 40, 100), 'pizza', 'ananas')],
      60,
    );
    expect(big!.id).toBe(whole!.id);
    expect(small!.id).not.toBe(whole!.id);
    expect(small!.id).toBeGreaterThan(whole!.id);
    expect(small!.state).toBe('born');
    expect(small!.colour).not.toBe(big!.colour);
  });

  it('gives a merged cluster the id of the topic with the larger overlap and ends the other', () => {
    const tracker = new TopicTracker();
    const [a, b] = tracker.refit([cluster(ids('a', 0, 40), 'gg'), cluster(ids('b', 0, 60), 'pizza')], 30);
    const [merged] = tracker.refit([cluster([...ids('a', 0, 40), ...ids('b', 0, 60)], 'pizza', 'gg')], 60);
    expect(merged!.id).toBe(b!.id);
    const listed = tracker.topics(60);
    expect(listed.find((t) => t.id === a!.id)?.state).toBe('ended');
    expect(listed.find((t) => t.id === b!.id)?.state).not.toBe('ended');
  });

  it('gives the id to a new, bigger burst with the same label rather than to the tail of the last one', () => {
    const tracker = new TopicTracker();
    const [gg] = tracker.refit([cluster(ids('g', 0, 30), 'gg', 'wp')], 30);
    // The tail (5 old messages) and a new burst (20 new messages) are two clusters: the time column splits them.
    const [tail, burst] = tracker.refit(
      [cluster(ids('g', 25, 30), 'gg', 'wp'), cluster(ids('g2-', 0, 20), 'gg', 'wp', 'bravo')],
      60,
    );
    expect(burst!.id).toBe(gg!.id);
    expect(tail!.id).toBeGreaterThan(gg!.id);
    // Without a similar label the burst does not take the id.
    const other = new TopicTracker();
    const [first] = other.refit([cluster(ids('g', 0, 30), 'gg', 'wp')], 30);
    const [tailKept] = other.refit([cluster(ids('g', 25, 30), 'gg', 'wp'), cluster(ids('p', 0, 20), 'pizza')], 60);
    expect(tailKept!.id).toBe(first!.id);
  });

  it('gives each side of a merge that comes apart its own id back', () => {
    const tracker = new TopicTracker();
    const [a, b] = tracker.refit([cluster(ids('a', 0, 40), 'gg'), cluster(ids('b', 0, 60), 'pizza')], 30);
    tracker.refit([cluster([...ids('a', 0, 40), ...ids('b', 0, 60)], 'pizza', 'gg')], 60);
    // Apart again, with labels that say nothing: the members decide.
    const [aBack, bBack] = tracker.refit([cluster(ids('a', 0, 40)), cluster(ids('b', 0, 60))], 90);
    expect(aBack!.id).toBe(a!.id);
    expect(bBack!.id).toBe(b!.id);
  });

  it('keeps the merged id on its own messages when the swallowed side comes back bigger', () => {
    const tracker = new TopicTracker();
    const [a, b] = tracker.refit([cluster(ids('a', 0, 60)), cluster(ids('b', 0, 40))], 30);
    const [merged] = tracker.refit([cluster([...ids('a', 0, 60), ...ids('b', 0, 40)])], 60);
    expect(merged!.id).toBe(a!.id);
    // Most of a's messages left the window: its side is now the smaller one.
    const [bBack, aBack] = tracker.refit([cluster(ids('b', 0, 40)), cluster(ids('a', 40, 60))], 90);
    expect(aBack!.id).toBe(a!.id);
    expect(bBack!.id).toBe(b!.id);
  });

  it('revives the long-lived topic, not a short-lived one with the same label', () => {
    const tracker = new TopicTracker();
    const [main] = tracker.refit([cluster(ids('m', 0, 60), 'gg', 'wp')], 30);
    for (let r = 2; r <= 6; r++) tracker.refit([cluster(ids('m', 0, 60), 'gg', 'wp')], r * 30);
    // A stray cluster with the same label lives one refit, then both end.
    const [, stray] = tracker.refit([cluster(ids('m', 0, 60), 'gg', 'wp'), cluster(ids('s', 0, 6), 'gg', 'wp')], 210);
    expect(stray!.id).not.toBe(main!.id);
    tracker.refit([], 240);
    const [back] = tracker.refit([cluster(ids('n', 0, 20), 'gg', 'wp')], 270);
    expect(back!.id).toBe(main!.id);
  });

  it('follows a live topic whose members all left the window by its label', () => {
    const tracker = new TopicTracker();
    const [gg, pizza] = tracker.refit(
      [cluster(ids('g', 0, 30), 'gg', 'ez', 'wp'), cluster(ids('p', 0, 30), 'pizza', 'ananas')],
      30,
    );
    const [pizzaNext, ggNext] = tracker.refit(
      [cluster(ids('p2-', 0, 30), 'ananas', 'pizza', 'four'), cluster(ids('g2-', 0, 30), 'gg', 'wp')],
      60,
    );
    expect(ggNext!.id).toBe(gg!.id);
    expect(pizzaNext!.id).toBe(pizza!.id);
  });

  it('does not hand an id over on a few incidental shared members', () => {
    const tracker = new TopicTracker();
    const [a] = tracker.refit([cluster(ids('a', 0, 100), 'gg')], 30);
    // The new cluster holds 1 of the topic's 100 messages among 50 others, and has another label.
    const [other] = tracker.refit([cluster([...ids('x', 0, 50), 'a7'], 'pizza')], 60);
    expect(other!.id).not.toBe(a!.id);
    expect(tracker.topics(60).find((t) => t.id === a!.id)?.state).toBe('ended');
  });

  it('revives an ended topic by its label, and by its members after a flicker, with its id and colour', () => {
    const tracker = new TopicTracker({ forgetEndedAfterSeconds: 120 });
    const [gg, other] = tracker.refit([cluster(ids('g', 0, 20), 'gg', 'wp'), cluster(ids('o', 0, 20), 'pizza')], 30);
    tracker.refit([cluster(ids('o', 0, 20), 'pizza')], 60);
    expect(tracker.topics(60).find((t) => t.id === gg!.id)?.state).toBe('ended');
    // No shared member, similar label: revived.
    const [back] = tracker.refit(
      [cluster(ids('g-again-', 0, 20), 'wp', 'gg', 'bravo'), cluster(ids('o', 0, 20), 'pizza')],
      90,
    );
    expect(back!.id).toBe(gg!.id);
    expect(back!.colour).toBe(gg!.colour);
    expect(back!.state).not.toBe('ended');
    // The pizza cluster flickers out for one refit, then comes back with its members but a different label.
    tracker.refit([cluster(ids('g-again-', 0, 20), 'gg')], 120);
    const [, flicker] = tracker.refit(
      [cluster(ids('g-again-', 0, 20), 'gg'), cluster(ids('o', 0, 20), 'four', 'cuisine')],
      150,
    );
    expect(flicker!.id).toBe(other!.id);
  });

  it('forgets an ended topic after forgetEndedAfterSeconds: a similar cluster is then born with a new id', () => {
    const tracker = new TopicTracker({ forgetEndedAfterSeconds: 60 });
    const [gg] = tracker.refit([cluster(ids('g', 0, 20), 'gg')], 30);
    tracker.refit([], 60);
    expect(tracker.topics(120).map((t) => t.id)).toEqual([gg!.id]);
    expect(tracker.topics(121)).toEqual([]);
    const [later] = tracker.refit([cluster(ids('h', 0, 20), 'gg')], 121);
    expect(later!.id).toBeGreaterThan(gg!.id);
  });

  it('never reuses an id and keeps live colours distinct and unchanged over a random sequence of refits', () => {
    const random = new Mulberry32(11).toFunction();
    const tracker = new TopicTracker({ paletteSize: 8, forgetEndedAfterSeconds: 60 });
    const given = new Set<number>();
    const colourOf = new Map<number, number>();
    let live = new Set<number>();
    let births = 0;
    let revivals = 0;
    for (let r = 1; r <= 60; r++) {
      // Up to 8 clusters drawn from 12 topic families, each with a fresh random member slice.
      const families = [...Array(12).keys()].filter(() => random() < 0.5).slice(0, 8);
      const clusters = families.map((f) =>
        cluster(ids(`f${f}-`, Math.floor(random() * 20), 40 + Math.floor(random() * 20)), `w${f}`),
      );
      const clock = r * 30;
      const topics = tracker.refit(clusters, clock);
      for (const t of topics) {
        if (t.bornAt === clock) {
          // A birth: its id was never given before.
          expect(given.has(t.id)).toBe(false);
          births++;
        } else if (live.has(t.id)) {
          expect(t.colour).toBe(colourOf.get(t.id));
        } else {
          revivals++;
        }
        given.add(t.id);
        colourOf.set(t.id, t.colour);
      }
      expect(new Set(topics.map((t) => t.id)).size).toBe(topics.length);
      expect(new Set(topics.map((t) => t.colour)).size).toBe(topics.length);
      const liveNow = tracker.topics(clock).filter((t) => t.state !== 'ended');
      expect(liveNow.map((t) => t.id).sort()).toEqual(topics.map((t) => t.id).sort());
      live = new Set(topics.map((t) => t.id));
    }
    // The sequence did exercise births after forgetting and revivals.
    expect(births).toBeGreaterThan(12);
    expect(revivals).toBeGreaterThan(0);
  });

  it('keeps a live colour when there are more topics than colours', () => {
    const tracker = new TopicTracker({ paletteSize: 2 });
    const first = tracker.refit([cluster(ids('a', 0, 10)), cluster(ids('b', 0, 10)), cluster(ids('c', 0, 10))], 30);
    const second = tracker.refit([cluster(ids('c', 0, 10)), cluster(ids('a', 0, 10)), cluster(ids('b', 0, 10))], 60);
    expect(second.map((t) => t.colour)).toEqual([first[2]!.colour, first[0]!.colour, first[1]!.colour]);
    expect(new Set(first.map((t) => t.colour))).toEqual(new Set([0, 1]));
  });
});

describe('TopicTracker states, sizes and trends', () => {
  /** Emulates the live engine for one topic: messages at a rate, assignments between refits, refits every 30 s. */
  function scriptedTopic(rateAt: (t: number) => number) {
    const tracker = new TopicTracker();
    const messages: { id: string; time: number }[] = Array.from({ length: 10 }, (_, i) => ({
      id: `m${i}`,
      time: i * 3,
    }));
    const states = new Map<number, string>();
    let id = 0;
    let next = 10;
    let carry = 0;
    for (let clock = 30; clock <= 900; clock += 30) {
      const present = clock <= 720;
      const clusters = present
        ? [{ members: messages.map((m) => m.id), memberTimes: messages.map((m) => m.time), terms: terms('gg') }]
        : [];
      const result = tracker.refit(clusters, clock);
      if (present) {
        id = result[0]!.id;
        states.set(clock, result[0]!.state);
        expect(result[0]!.size).toBe(messages.length);
      }
      // Messages of the next 30 s, assigned as they come.
      for (let s = clock; s < clock + 30; s++) {
        carry += rateAt(s) / 60;
        while (carry >= 1) {
          carry -= 1;
          messages.push({ id: `m${next++}`, time: s });
          if (present) tracker.recordAssignment(id, s);
        }
      }
    }
    return { tracker, states, id };
  }

  it('goes born, steady, growing, fading, ended, then disappears', () => {
    // 10 messages per minute, 30 per minute from 300 s to 420 s, 3 per minute from 420 s; gone at 750 s.
    const { tracker, states, id } = scriptedTopic((t) => (t < 300 ? 10 : t < 420 ? 30 : 3));
    expect(states.get(30)).toBe('born');
    expect(states.get(60)).toBe('born');
    expect(states.get(270)).toBe('steady');
    expect(states.get(420)).toBe('growing');
    expect(states.get(600)).toBe('fading');
    expect(tracker.topics(900).find((t) => t.id === id)?.state).toBe('ended');
    expect(tracker.topics(750 + 180 + 1).find((t) => t.id === id)).toBeUndefined();
  });

  it('stays steady under a constant rate', () => {
    const { states } = scriptedTopic(() => 12);
    for (const [clock, state] of states) if (clock >= 120) expect(state).toBe('steady');
  });

  it('counts assignments in size and trend, and recounts them from members at the next refit', () => {
    const tracker = new TopicTracker({ trendBinSeconds: 60, trendBins: 3, recentBins: 1 });
    const members = ids('m', 0, 10);
    const [topic] = tracker.refit([{ members, memberTimes: members.map((_, i) => 60 + i), terms: [] }], 90);
    for (const t of [95, 100, 130]) tracker.recordAssignment(topic!.id, t);
    const [listed] = tracker.topics(130);
    expect(listed!.size).toBe(13);
    expect(listed!.lastSeenAt).toBe(130);
    expect(listed!.trend).toEqual([0, 12, 1]);
    // The refit at 120 holds the two assignments before it (and one message the prediction had put elsewhere);
    // the assignment at 130 is later than the refit's window.
    const next = [...members, 'x95', 'x100', 'x110'];
    const [refitted] = tracker.refit(
      [{ members: next, memberTimes: next.map((_, i) => (i < 10 ? 60 + i : [95, 100, 110][i - 10]!)), terms: [] }],
      120,
    );
    expect(refitted!.size).toBe(14);
    expect(tracker.topics(130)[0]!.trend).toEqual([0, 13, 1]);
    // The bins shift with the clock: one bin later the 60-120 s bin is the oldest shown, a bin later it is gone.
    expect(tracker.topics(190)[0]!.trend).toEqual([13, 1, 0]);
    expect(tracker.topics(250)[0]!.trend).toEqual([1, 0, 0]);
  });
});

describe('TopicTracker input errors', () => {
  it('names the cluster and member of a duplicate, and refuses a clock that goes back', () => {
    const tracker = new TopicTracker();
    expect(() => tracker.refit([cluster(['a', 'b']), cluster(['c', 'a'])], 30)).toThrow(
      /"a" \(cluster 1, member 1\) is also in cluster 0/,
    );
    expect(() => tracker.refit([cluster([])], 30)).toThrow(/cluster 0 has no members/);
    expect(() => tracker.refit([{ members: ['a'], memberTimes: [1, 2], terms: [] }], 30)).toThrow(
      /cluster 0 has 2 memberTimes for 1 members/,
    );
    tracker.refit([cluster(['a', 'b'])], 30);
    const backwards = () => tracker.refit([], 29);
    expect(backwards).toThrow(TopicTrackerError);
    expect(backwards).toThrow(/clock 29 is earlier than the previous refit's \(30\)/);
  });

  it('refuses an id it never gave and ignores one it forgot', () => {
    const tracker = new TopicTracker({ forgetEndedAfterSeconds: 10 });
    const [t] = tracker.refit([cluster(['a', 'b'])], 30);
    tracker.refit([], 40);
    tracker.refit([], 100);
    expect(() => tracker.recordAssignment(t!.id, 101)).not.toThrow();
    expect(() => tracker.recordAssignment(99, 101)).toThrow(/topic 99 was never given/);
    expect(() => tracker.recordAssignment(t!.id, Number.NaN)).toThrow(/finite number/);
  });
});
