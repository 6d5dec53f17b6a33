import type { Page } from 'playwright-core';

/** `[H:MM:SS]` as TwitchDownloader writes relative times. */
function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return `[${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/** Seconds of the planted stream. */
export const PLANTED_SECONDS = 360;
/** The planted question, its two other wordings, and when the first was asked (stream seconds). */
export const PLANTED_QUESTION = 'tu joues à quoi après le boss ?';
export const PLANTED_QUESTION_AT = 318;
/** Greetings chat sends, each written a few ways. */
const GREETINGS = ['salut tout le monde', 'bonjour le chat', 'coucou les amis', 'peepoHey peepoHey', 'VoHiYo VoHiYo'];

/**
 * A six-minute TwitchDownloader TXT chat: three steady subjects all along (the biggest topics of the window), five
 * greetings written differently, and in the last minute a new subject (a broken controller) rising from nothing, plus
 * one question asked three times in other words by three people. About 430 lines.
 */
export function plantedChat(): string {
  const lines: { t: number; line: string }[] = [];
  const say = (t: number, user: string, text: string) => lines.push({ t, line: `${stamp(t)} ${user}: ${text}` });
  for (let t = 0; t < PLANTED_SECONDS; t += 3) {
    const i = t / 3;
    say(t, `viewer${i % 17}`, `le boss final est trop dur ${i % 2 === 0 ? 'wallah' : 'franchement'}`);
    say(t + 1, `viewer${(i + 5) % 19}`, `pizza ananas ${i % 3 === 0 ? 'jamais' : 'toujours'} de la vie`);
    if (i % 2 === 0) say(t + 2, `viewer${(i + 9) % 23}`, `le match du psg hier ${i % 4 === 0 ? 'incroyable' : 'nul'}`);
  }
  for (let k = 0; k < 60; k++) {
    const t = 120 + k * 4;
    say(t, `hello${k % 29}`, GREETINGS[k % GREETINGS.length]!);
  }
  for (let k = 0; k < 36; k++) {
    const t = 300 + k * 1.6;
    say(t, `fan${k % 31}`, `ma manette est cassée ${k % 3 === 0 ? 'encore' : k % 3 === 1 ? 'sérieux' : 'le stick'}`);
  }
  say(PLANTED_QUESTION_AT, 'curieux', PLANTED_QUESTION);
  say(PLANTED_QUESTION_AT + 12, 'lea', "c'est quoi le jeu après le boss ?");
  say(PLANTED_QUESTION_AT + 25, 'kev', 'après le boss tu joues à quel jeu ?');
  lines.sort((a, b) => a.t - b.t);
  return lines.map((l) => l.line).join('\n') + '\n';
}

/**
 * Imports the planted chat under `channel` and opens its replay in `page`, at x1000 unless told otherwise.
 * @param speed a speed the replay controls offer; at x1000 the topic engine samples the stream (no refit follows
 *   6 stream minutes in 0.4 s), at x10 it keeps every message
 * @returns the replay's channel key (`replay-<n>`).
 */
export async function replayPlantedChat(
  page: Page,
  serverUrl: string,
  channel: string,
  speed: 10 | 1000 = 1000,
): Promise<string> {
  const { operatorToken } = (await (await fetch(`${serverUrl}/api/config`)).json()) as { operatorToken: string };
  const res = await fetch(`${serverUrl}/api/import?name=${channel}.txt&channel=${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': operatorToken },
    body: plantedChat(),
  });
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  await page.goto('/');
  const row = page.locator(`[data-testid="stream-item"][data-channel="${channel}"]`).first();
  await row.waitFor();
  await row.getByTestId('replay-button').click();
  await page.waitForURL(/\/replay\/replay-\d+$/);
  await page.getByTestId('replay-speed').selectOption(String(speed));
  return new URL(page.url()).pathname.split('/').pop()!;
}
