import type { ChatMessage, ChatUser } from '../../contracts/chat';
import { DEFAULT_BOTS } from '../config/schema';
import { deriveFlags } from '../ingest/messageFlags';
import { botReply, botTimer, hasBotReply, simulatedBots, type BotContext, type SimBot } from './bots';
import { createEmoteCatalog, type EmoteCatalog } from './emotes';
import { Grammar, TokenBuffer, TokenKind, type CompiledTemplate } from './grammar';
import { applyStyle, assemble } from './noise';
import { buildBlock, BLOCK_SECONDS, type Block, type RatePiece } from './schedule';
import { deriveSeed, fnv1a32, Sfc32, type RandomStream } from '../../models/random';
import { allSlots, TOPICS, topicIndex } from './topics';
import { poolSizeForRate, UserPool, type SimUser } from './users';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';

/** Options of a simulated chat stream. Same options => same messages, byte for byte. */
export interface ChatSimulatorOptions {
  /** Seed of every random choice (integer; fractions are truncated). */
  seed: number;
  /** Average messages per second over the stream (bursts and quiet periods average out to it). */
  ratePerSecond: number;
  /** Channel login (lowercase, no `#`). Default `demo`. */
  channel?: string;
  /** `ChatMessage.streamId` of every message; also the prefix of message ids. */
  streamId: string;
  /** Epoch ms of elapsed = 0. */
  startedAt: number;
  /** Bot logins: the first two post answers and timers; all are flagged `bot`. Default `DEFAULT_BOTS`. */
  botNames?: readonly string[];
}

/** Options of a finite simulated stream. */
export interface SimulateChatOptions extends ChatSimulatorOptions {
  /** Length of the stream in minutes: messages with `elapsed < minutes * 60`. */
  minutes: number;
}

/** An infinite, time-ordered simulated chat. */
export interface ChatSimulator {
  /** The next message (non-decreasing `elapsed`); the stream never ends. */
  next(): ChatMessage;
  /** The message the next call to `next()` returns, without consuming it (to pull up to a clock). */
  peek(): ChatMessage;
  /** The normalised channel login. */
  readonly channel: string;
  /** The game this simulated streamer plays. */
  readonly game: string;
}

/** Games the simulated streamer can be playing (boss fights, deaths, clutches). */
const GAMES = [
  'Hollow Knight',
  'Elden Ring',
  'Hades',
  'Dark Souls 3',
  'Sekiro',
  'Dead Cells',
  'Blasphemous',
  'Lies of P',
];
/** Probability that a message answers a recent message of its topic (questions get more answers). */
const REPLY_P_QUESTION = 0.2;
const REPLY_P_OTHER = 0.05;
const CHEER_P = 0.003;
const CHEER_BITS = [1, 50, 100, 100, 500, 1000];
const ACTION_P = 0.004;
/** Probability that a bot answers a command it knows. */
const BOT_ANSWER_P = 0.85;
/** Bot answers per viewer message, measured: viewer arrivals are slowed by it so the total matches the rate. */
const BOT_SHARE = 0.024;
const RECENT = 6;

interface Pending {
  t: number;
  kind: 'reply' | 'timer';
  command: string;
  login: string;
}

interface Recent {
  id: string;
  login: string;
}

/** Validates and normalises options. @throws RangeError naming the bad option. */
function resolveOptions(o: ChatSimulatorOptions): Required<ChatSimulatorOptions> {
  if (!Number.isFinite(o.seed)) throw new RangeError(`simulator: seed must be a finite number, got ${o.seed}`);
  if (!(Number.isFinite(o.ratePerSecond) && o.ratePerSecond > 0)) {
    throw new RangeError(`simulator: ratePerSecond must be a positive number, got ${o.ratePerSecond}`);
  }
  if (!Number.isFinite(o.startedAt))
    throw new RangeError(`simulator: startedAt must be epoch milliseconds, got ${o.startedAt}`);
  if (typeof o.streamId !== 'string' || o.streamId === '')
    throw new RangeError('simulator: streamId must be a non-empty string');
  const channel = (o.channel ?? 'demo').replace(/^#/, '').toLowerCase();
  if (!TWITCH_LOGIN.test(channel))
    throw new RangeError(`simulator: channel must be a Twitch login ([a-z0-9_], 1-25), got "${o.channel}"`);
  return {
    seed: Math.trunc(o.seed),
    ratePerSecond: o.ratePerSecond,
    channel,
    streamId: o.streamId,
    startedAt: o.startedAt,
    botNames: (o.botNames ?? DEFAULT_BOTS).map((b) => b.toLowerCase()),
  };
}

class Simulator implements ChatSimulator {
  readonly channel: string;
  readonly game: string;
  private readonly o: Required<ChatSimulatorOptions>;
  private readonly rng: RandomStream;
  private readonly arrivals: RandomStream;
  private readonly catalog: EmoteCatalog;
  private readonly templates: CompiledTemplate[][];
  private readonly replyTemplates: (CompiledTemplate[] | null)[];
  private readonly grammar: Grammar;
  private readonly pool: UserPool;
  private readonly bots: SimBot[];
  private readonly botSet: ReadonlySet<string>;
  private readonly viewerRate: number;
  private readonly commandsTopic = topicIndex('commands');
  private readonly recent: Recent[][];
  private readonly buf = new TokenBuffer();
  private readonly pending: Pending[] = [];
  private readonly botCtx: BotContext;
  private block: Block;
  private piece = 0;
  /** Time (s) of the next viewer message and the piece it falls in. */
  private nextT = 0;
  private nextPiece: RatePiece;
  private seq = 0;
  private peeked: ChatMessage | null = null;

  constructor(options: ChatSimulatorOptions) {
    const o = resolveOptions(options);
    this.o = o;
    this.channel = o.channel;
    this.rng = new Sfc32(deriveSeed(o.seed, 'messages'));
    this.arrivals = new Sfc32(deriveSeed(o.seed, 'arrivals'));
    this.game = new Sfc32(deriveSeed(o.seed, 'game')).pick(GAMES);
    this.catalog = createEmoteCatalog(o.channel);
    const display = o.channel.charAt(0).toUpperCase() + o.channel.slice(1);
    const discord = fnv1a32(o.channel).toString(36);
    this.grammar = new Grammar(
      {
        ...allSlots(),
        streamer: [`@${display}`, o.channel, display, 'chef', 'frérot', 'le goat', 'bg', 'mon reuf'],
        game: [this.game],
      },
      this.catalog,
    );
    this.templates = TOPICS.map((t) => t.templates.map((s) => this.grammar.compile(s)));
    this.replyTemplates = TOPICS.map((t) => (t.replies ? t.replies.map((s) => this.grammar.compile(s)) : null));
    this.pool = new UserPool(new Sfc32(deriveSeed(o.seed, 'users')), poolSizeForRate(o.ratePerSecond), TOPICS.length);
    this.bots = simulatedBots(o.botNames);
    this.botSet = new Set(o.botNames);
    this.botCtx = { login: '', channel: o.channel, channelDisplay: display, discord, elapsed: 0 };
    this.viewerRate = o.ratePerSecond / (this.bots.length > 0 ? 1 + BOT_SHARE : 1);
    this.recent = TOPICS.map(() => []);
    this.block = this.loadBlock(0);
    this.nextPiece = this.block.pieces[0]!;
    this.advance();
  }

  next(): ChatMessage {
    const m = this.peek();
    this.peeked = null;
    return m;
  }

  peek(): ChatMessage {
    if (this.peeked === null) this.peeked = this.produce();
    return this.peeked;
  }

  private produce(): ChatMessage {
    const first = this.pending[0];
    if (first !== undefined && first.t <= this.nextT) {
      this.pending.shift();
      return this.botMessage(first);
    }
    const m = this.viewerMessage(this.nextT, this.nextPiece);
    this.advance();
    return m;
  }

  private loadBlock(index: number): Block {
    const block = buildBlock(this.o.seed, index, this.viewerRate);
    if (this.bots.length > 0) for (const t of block.timers) this.schedule({ t, kind: 'timer', command: '', login: '' });
    return block;
  }

  /** Moves `nextT` to the next arrival of the non-homogeneous Poisson process (time change on the pieces). */
  private advance(): void {
    let need = this.arrivals.exponential();
    let t = this.nextT;
    for (;;) {
      const piece = this.block.pieces[this.piece]!;
      const available = (piece.end - t) * piece.rate;
      if (need < available) {
        this.nextT = t + need / piece.rate;
        this.nextPiece = piece;
        return;
      }
      need -= available;
      t = piece.end;
      this.piece++;
      if (this.piece === this.block.pieces.length) {
        this.block = this.loadBlock(this.block.index + 1);
        this.piece = 0;
      }
    }
  }

  private schedule(p: Pending): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.t > p.t) i--;
    this.pending.splice(i, 0, p);
  }

  private viewerMessage(t: number, piece: RatePiece): ChatMessage {
    const rng = this.rng;
    const topic = rng.cumulativeIndex(piece.cumulative);
    const def = TOPICS[topic]!;
    const user = this.pool.pick(topic, rng);
    const buf = this.buf;
    buf.clear();

    let parent: Recent | null = null;
    const replies = this.replyTemplates[topic];
    const recent = this.recent[topic]!;
    if (
      replies !== null &&
      recent.length > 0 &&
      rng.next() < (def.id.startsWith('q-') ? REPLY_P_QUESTION : REPLY_P_OTHER)
    ) {
      const candidate = recent[Math.floor(rng.next() * recent.length)]!;
      if (candidate.login !== user.login) parent = candidate;
    }
    const templates = parent !== null ? replies! : this.templates[topic]!;
    this.grammar.expand(templates[Math.floor(rng.next() * templates.length)]!, rng, buf);
    if (def.truncate !== undefined && buf.length > 8 && rng.next() < def.truncate) {
      buf.length = Math.max(5, Math.floor(buf.length * rng.uniform(0.45, 0.85)));
    }
    applyStyle(buf, user.style, rng, def.caps ?? 0);
    const command = topic === this.commandsTopic ? buf.tokens[0]! : null;

    let bits = 0;
    if (command === null && rng.next() < CHEER_P) {
      bits = CHEER_BITS[Math.floor(rng.next() * CHEER_BITS.length)]!;
      buf.unshift(`Cheer${bits}`, TokenKind.Raw);
    }
    if (parent !== null) buf.unshift(`@${parent.login}`, TokenKind.Raw);
    const action = command === null && rng.next() < ACTION_P;
    const { text, emotes } = assemble(buf, this.catalog.ids, user.style, rng);

    const m = this.message(
      t,
      userOf(user),
      text || '?',
      emotes,
      { ...user.badges },
      bits,
      action,
      parent?.id ?? null,
      def.id,
    );
    if (recent.length >= RECENT) recent.shift();
    recent.push({ id: m.id, login: user.login });
    if (command !== null && this.bots.length > 0 && hasBotReply(command) && rng.next() < BOT_ANSWER_P) {
      this.schedule({ t: t + rng.uniform(0.3, 2.5), kind: 'reply', command, login: user.login });
    }
    return m;
  }

  private botMessage(p: Pending): ChatMessage {
    const rng = this.rng;
    const ctx = this.botCtx;
    ctx.login = p.login;
    ctx.elapsed = p.t;
    const text = p.kind === 'timer' ? botTimer(ctx, rng) : botReply(p.command, ctx, rng);
    const bot =
      this.bots[p.kind === 'timer' ? rng.int(0, this.bots.length - 1) : fnv1a32(p.command) % this.bots.length]!;
    const body = text ?? '';
    const emotes = [];
    let cp = 0;
    for (const word of body.split(' ')) {
      const id = this.catalog.ids.get(word);
      const len = [...word].length;
      if (id !== undefined) emotes.push({ id, name: word, start: cp, end: cp + len });
      cp += len + 1;
    }
    const user: ChatUser = { id: bot.id, login: bot.login, displayName: bot.displayName };
    return this.message(
      p.t,
      user,
      body,
      emotes,
      { moderator: '1' },
      0,
      false,
      null,
      p.kind === 'timer' ? 'bot-timers' : 'bot-replies',
    );
  }

  private message(
    t: number,
    user: ChatUser,
    text: string,
    emotes: ChatMessage['emotes'],
    badges: Record<string, string>,
    bits: number,
    action: boolean,
    replyParentId: string | null,
    topic: string,
  ): ChatMessage {
    const ms = Math.round(t * 1000);
    return {
      id: `${this.o.streamId}-${this.seq++}`,
      channel: this.o.channel,
      streamId: this.o.streamId,
      ts: this.o.startedAt + ms,
      elapsed: ms / 1000,
      user,
      text,
      emotes,
      badges,
      flags: deriveFlags(text, user.login, this.botSet, { action, bits }),
      bits,
      replyParentId,
      deleted: false,
      topic,
    };
  }
}

function userOf(u: SimUser): ChatUser {
  return { id: u.id, login: u.login, displayName: u.displayName };
}

/**
 * Creates an infinite simulated French Twitch chat with planted topics (`ChatMessage.topic` is the ground truth).
 * Deterministic: the same options always give the same messages.
 * @throws RangeError on invalid options.
 * @example const sim = createChatSimulator({ seed: 1, ratePerSecond: 5, streamId: 's1', startedAt: Date.now() });
 *          while (sim.peek().ts <= Date.now()) bus.publish(sim.next());
 */
export function createChatSimulator(options: ChatSimulatorOptions): ChatSimulator {
  return new Simulator(options);
}

/**
 * A finite simulated stream: the messages of `createChatSimulator(options)` with `elapsed < minutes * 60`.
 * @throws RangeError on invalid options (when iteration starts).
 */
export function* simulateChat(options: SimulateChatOptions): Generator<ChatMessage> {
  if (!(Number.isFinite(options.minutes) && options.minutes > 0)) {
    throw new RangeError(`simulator: minutes must be a positive number, got ${options.minutes}`);
  }
  const end = options.minutes * 60;
  const sim = createChatSimulator(options);
  while (sim.peek().elapsed < end) yield sim.next();
}

/** Length of a schedule block, re-exported for tests and tools. */
export { BLOCK_SECONDS };
