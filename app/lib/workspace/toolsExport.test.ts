import { describe, expect, it } from 'vitest';
import { chapterTime, csvField, downloadName, highlightsCsv, messagesCsv, youtubeChapters } from './toolsExport';
import { fakeAnalysis, fakeTopic } from './toolsFixture';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks and doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('il a dit "non"')).toBe('"il a dit ""non"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField('simple')).toBe('simple');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('@everyone')).toBe("'@everyone");
    expect(csvField(-1)).toBe('-1');
  });
});

describe('messagesCsv', () => {
  it('writes one row per message with its topic label and type, hostile text kept verbatim', () => {
    const analysis = fakeAnalysis(
      [fakeTopic(0, 2, 'but (0.5)/goal (0.4)', 'discussion')],
      [
        [3725.5, 0, '<img src=x onerror=alert(1)>', 'mallory'],
        [3726, -1, 'a, "b"', 'bob'],
      ],
    );
    const lines = messagesCsv(analysis).split('\r\n');
    expect(lines[0]).toBe('elapsed,time,user,text,topic,topic_label,type,moment');
    expect(lines[1]).toBe('3725.5,1:02:05,mallory,<img src=x onerror=alert(1)>,0,but (0.5)/goal (0.4),discussion,-1');
    expect(lines[2]).toBe('3726,1:02:06,bob,"a, ""b""",-1,,,-1');
    expect(lines[3]).toBe('');
  });
});

describe('highlightsCsv', () => {
  it('writes span, rate, label and topic shares', () => {
    const analysis = fakeAnalysis([fakeTopic(0, 1, 'gg'), fakeTopic(1, 1, 'ff')], [[0, 0, 'x']]);
    const csv = highlightsCsv(analysis, [
      {
        id: 0,
        startElapsed: 754,
        endElapsed: 790.4,
        peakRate: 120.44,
        messages: 88,
        label: 'gg, ff',
        topics: [
          { topic: 0, share: 0.6 },
          { topic: 1, share: 0.25 },
        ],
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe('0:12:34,0:13:10,754,790,120.4,88,"gg, ff",0:60%;1:25%,gg | ff');
  });
});

describe('youtubeChapters', () => {
  const h = (startElapsed: number, label: string) => ({ startElapsed, label });

  it('opens with a 0:00 line when the first highlight starts later', () => {
    expect(youtubeChapters([h(754, 'penalty'), h(30, 'hello')], 5400, 'Start')).toEqual([
      '0:00:00 Start',
      '0:00:30 hello',
      '0:12:34 penalty',
    ]);
  });

  it('moves a highlight of the first 10 s to 0:00 instead of adding a line', () => {
    expect(youtubeChapters([h(4, 'intro'), h(100, 'b')], 600, 'Start')).toEqual(['0:00 intro', '1:40 b']);
  });

  it('leaves out a highlight less than 10 s after the previous chapter', () => {
    expect(youtubeChapters([h(60, 'a'), h(65, 'b'), h(80, 'c')], 600, 'Start')).toEqual([
      '0:00 Start',
      '1:00 a',
      '1:20 c',
    ]);
  });

  it('flattens labels to one line so a label cannot forge a chapter', () => {
    expect(youtubeChapters([h(60, 'a\n0:30 fake')], 600, 'Start')).toEqual(['0:00 Start', '1:00 a 0:30 fake']);
  });

  it('still gives the 0:00 line without highlights', () => {
    expect(youtubeChapters([], 100, 'Start')).toEqual(['0:00 Start']);
  });
});

describe('chapterTime', () => {
  it('writes M:SS under an hour and H:MM:SS from an hour on', () => {
    expect(chapterTime(754, false)).toBe('12:34');
    expect(chapterTime(5, false)).toBe('0:05');
    expect(chapterTime(754, true)).toBe('0:12:34');
  });
});

describe('downloadName', () => {
  it('keeps only safe characters', () => {
    const analysis = fakeAnalysis([fakeTopic(0, 1)], [[0, 0, 'x']]);
    analysis.stream.channel = '../Zé rator';
    expect(downloadName(analysis, 'messages', 'csv')).toBe('Zé_rator-s1-messages.csv');
  });
});
