import type { ChatMessage } from '../../contracts/chat';

/** Test helper: the problems of a value that should be a `ChatMessage` (empty when it is one). */
export function chatMessageProblems(m: unknown): string[] {
  const problems: string[] = [];
  if (typeof m !== 'object' || m === null) return ['not an object'];
  const o = m as Record<string, unknown>;
  const keys = [
    'id',
    'channel',
    'streamId',
    'ts',
    'elapsed',
    'user',
    'text',
    'emotes',
    'badges',
    'flags',
    'bits',
    'replyParentId',
    'deleted',
    'topic',
  ];
  for (const k of Object.keys(o)) if (!keys.includes(k) && k !== 'kind') problems.push(`unexpected key ${k}`);
  const str = (k: string) =>
    (typeof o[k] === 'string' && (o[k] as string).length > 0) || problems.push(`${k} not a non-empty string`);
  str('id');
  str('streamId');
  str('text');
  str('topic');
  if (typeof o.channel !== 'string' || !/^[a-z0-9_]{1,25}$/.test(o.channel))
    problems.push('channel not a lowercase login');
  if (!Number.isSafeInteger(o.ts)) problems.push('ts not an integer');
  if (typeof o.elapsed !== 'number' || !(o.elapsed >= 0)) problems.push('elapsed not >= 0');
  const u = o.user as Record<string, unknown> | null;
  if (
    !u ||
    (u.id !== null && typeof u.id !== 'string') ||
    typeof u.login !== 'string' ||
    typeof u.displayName !== 'string'
  )
    problems.push('bad user');
  else if (u.login !== (u.login as string).toLowerCase() || (u.displayName as string).toLowerCase() !== u.login)
    problems.push('login/displayName mismatch');
  if (!Array.isArray(o.emotes)) problems.push('emotes not an array');
  else {
    for (const e of o.emotes as Record<string, unknown>[]) {
      if (
        typeof e.id !== 'string' ||
        typeof e.name !== 'string' ||
        !Number.isInteger(e.start) ||
        !Number.isInteger(e.end)
      )
        problems.push('bad emote range');
    }
  }
  const b = o.badges as Record<string, unknown> | null;
  if (!b || typeof b !== 'object' || Object.values(b).some((v) => typeof v !== 'string')) problems.push('bad badges');
  const f = o.flags as Record<string, unknown> | null;
  if (!f || ['action', 'cheer', 'command', 'bot'].some((k) => typeof f[k] !== 'boolean') || Object.keys(f).length !== 4)
    problems.push('bad flags');
  if (!Number.isInteger(o.bits) || (o.bits as number) < 0) problems.push('bad bits');
  if (o.replyParentId !== null && typeof o.replyParentId !== 'string') problems.push('bad replyParentId');
  if (typeof o.deleted !== 'boolean') problems.push('bad deleted');
  return problems;
}

/** Test helper: lowercase bag-of-words tokens of a message (mentions dropped, accents folded). */
export function tokensOf(m: Pick<ChatMessage, 'text'>): string[] {
  return m.text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[.,;:?!"()]+|[.,;:?!"()]+$/g, ''))
    .filter((t) => t !== '' && !t.startsWith('@'));
}
