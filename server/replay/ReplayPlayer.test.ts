import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/chat';
import { makeMessage } from '../../test/support/messages';
import { SqliteArchive } from '../archive/SqliteArchive';
import { ReplayPlayer } from './ReplayPlayer';

function setup(n: number, speed = 10) {
  const archive = SqliteArchive.open(':memory:');
  const s = archive.createStream({
    channel: 'c',
    source: 'import',
    title: '',
    startedAt: 0,
    absoluteTime: false,
    importFormat: 'jsonl',
  });
  // One message per elapsed second, 0..n-1; more than one page so paging is exercised.
  archive.insertMessages(Array.from({ length: n }, (_, i) => makeMessage({ id: `m${i}`, streamId: s.id, elapsed: i })));
  let wall = 1_000_000;
  const got: ChatMessage[] = [];
  const statuses: string[] = [];
  const player = new ReplayPlayer({
    archive,
    streamId: s.id,
    speed,
    now: () => wall,
    emit: (m) => got.push(...m),
    onStatus: (_s, reason) => statuses.push(reason),
  });
  return { player, got, statuses, advance: (ms: number) => ((wall += ms), player.tick()) };
}

describe('ReplayPlayer', () => {
  it('plays messages on their own clock scaled by the speed', () => {
    const { player, got, advance } = setup(100, 10);
    player.tick();
    expect(got.map((m) => m.id)).toEqual(['m0']);
    advance(1000); // 10 s of stream time
    expect(got.length).toBe(11);
    expect(player.position()).toBeCloseTo(10);
  });

  it('pauses (no messages, clock frozen) and resumes where it was', () => {
    const { player, got, advance } = setup(100, 10);
    advance(500);
    player.control({ action: 'pause' });
    const before = got.length;
    advance(5000);
    expect(got.length).toBe(before);
    expect(player.position()).toBeCloseTo(5);
    player.control({ action: 'resume' });
    advance(100);
    expect(player.position()).toBeCloseTo(6);
    expect(got.at(-1)!.id).toBe('m6');
  });

  it('seeks forward and backward, replaying from the new position without gaps', () => {
    const { player, got, advance } = setup(5000, 1);
    advance(0);
    player.control({ action: 'seek', position: 4000 });
    got.length = 0;
    advance(2000);
    expect(got.map((m) => m.id)).toEqual(['m4000', 'm4001', 'm4002']);
    player.control({ action: 'seek', position: 10 });
    got.length = 0;
    advance(1000);
    expect(got.map((m) => m.id)).toEqual(['m10', 'm11']);
  });

  it('reaches the end of a long stream at x1000 with every message exactly once', () => {
    const { player, got, statuses, advance } = setup(5000, 1000);
    for (let i = 0; i < 60; i++) advance(100);
    expect(got.length).toBe(5000);
    expect(new Set(got.map((m) => m.id)).size).toBe(5000);
    expect(player.status()).toMatchObject({ ended: true, position: 4999 });
    expect(statuses).toContain('ended');
  });

  it('changes speed without jumping the clock', () => {
    const { player, advance } = setup(1000, 2);
    advance(1000);
    player.control({ action: 'speed', speed: 100 });
    expect(player.position()).toBeCloseTo(2);
    advance(100);
    expect(player.position()).toBeCloseTo(12);
  });

  it('stops for good: no timer, no more messages, and start does not revive it', () => {
    const { player, got, advance } = setup(5000, 10);
    player.start();
    expect(player.running).toBe(true);
    advance(1000);
    const before = got.length;
    player.stop();
    expect(player.running).toBe(false);
    advance(10_000);
    player.start();
    expect(player.running).toBe(false);
    expect(got.length).toBe(before);
  });

  it('refuses speeds outside x1..x1000 and unknown controls', () => {
    const { player } = setup(10);
    expect(() => player.control({ action: 'speed', speed: 5000 })).toThrow(/between x1 and x1000/);
    expect(() => player.control({ action: 'rewind' } as never)).toThrow(/unknown replay control "rewind"/);
  });
});
