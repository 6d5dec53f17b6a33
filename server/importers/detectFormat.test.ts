import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat';

const TD_V1 =
  '{"FileInfo":{"Version":{"Major":1}},"streamer":{"name":"a","id":1},"comments":[{"_id":"x","content_offset_seconds":1';
const TD_ARRAY = '[\n  {\n    "id": "x",\n    "contentOffsetSeconds": 1,\n    "commenter": {"login": "a"}';
const CHAT_DOWNLOADER =
  '[{"timestamp": 1685642430000000, "time_in_seconds": 30, "message": "hi", "message_id": "m", "author": {"name": "a"}}]';
const IRC =
  '@badge-info=;badges=;emotes=;id=1;tmi-sent-ts=1700000000000 :a!a@a.tmi.twitch.tv PRIVMSG #c :hi\n' +
  '@badge-info=;badges=;emotes=;id=2;tmi-sent-ts=1700000000001 :b!b@b.tmi.twitch.tv PRIVMSG #c :yo\n';
const JSONL = '{"kind":"stream","version":1,"stream":{"id":"s","channel":"c"}}\n{"kind":"message","id":"1"}\n';

describe('detectFormat', () => {
  it.each([
    ['twitchdownloader-json', TD_V1, 'vod.json'],
    ['twitchdownloader-json', TD_ARRAY, 'comments.json'],
    ['chat-downloader-json', CHAT_DOWNLOADER, 'chat.json'],
    ['jsonl', JSONL, 'export.jsonl'],
    ['irc', IRC, 'raw.txt'],
    ['csv', 'published_datetime;channel;username;channel_2;message\n2023-01-02 20:00:00;c;a;c;hi\n', 'x.csv'],
    ['csv', '2023-01-02 20:00:00;c;a;c;hi\n2023-01-02 20:00:01;c;b;c;yo;lo\n', 'noheader.txt'],
    ['twitchdownloader-txt', '[0:00:41] alice: Heyy\n[0:00:46] bob: yo\n', 'vod.txt'],
    ['twitchdownloader-txt', '[2023-01-02 20:14:15 UTC] alice: Heyy\n', 'vod.txt'],
    ['chatterino', '[20:14:15]  alice: Heyy\n[20:14:16]  bob: yo\n', 'whatever.log'],
    ['chatterino', '# Start logging at 2023-01-02 20:14:10 CET\n[20:14:15] #chan alice: Heyy\n', 'x.log'],
    // One space and two-digit hours fit both text formats: Chatterino's file name decides.
    ['chatterino', '[20:14:15] alice: Heyy\n', 'chan-2023-01-02.log'],
    ['twitchdownloader-txt', '[20:14:15] alice: Heyy\n', 'vod.txt'],
  ] as const)('recognises %s', (format, head, name) => {
    expect(detectFormat(head, name, true)).toBe(format);
  });

  it.each([
    ['prose', 'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n'],
    ['another JSON document', '{"name": "package", "version": "1.0.0"}'],
    ['a JSON array of numbers', '[1, 2, 3]'],
    ['blank', '  \n\n'],
    ['binary', '\u0000\u0001\u0002PK\u0003\u0004'],
  ])('finds nothing in %s', (_, head) => {
    expect(detectFormat(head, 'file.txt', true)).toBeNull();
  });

  it('ignores a last line cut by the head limit', () => {
    const head = '[0:00:41] alice: Heyy\n[0:00:46] bob: yo\n[0:0';
    expect(detectFormat(head, 'vod.txt', false)).toBe('twitchdownloader-txt');
  });
});
