import type { Server } from 'socket.io';
import type { ChannelInfo } from '../../contracts/socket-events';
import type { ErrorCode, ServerMessage } from '../../contracts/errorCodes';
import { ChatTopicsError } from '../errors';
import type { Logger } from '../logger';
import { internalMessage, serverMessageOf } from '../serverMessage';

/** Browser requests about one channel that the node owning it answers, whichever node the browser is on. */
export type PeerCall = 'channel:subscribe' | 'channel:leave' | 'replay:control' | 'topics:setParams';

/** A peer's answer: the handler's value, or its refusal as the browser would have got it. */
export type PeerReply = { ok: true; value: unknown } | { ok: false; message: ServerMessage };

/** Events between the nodes of a deployment (socket.io's server-side events, carried by the Redis adapter). */
export interface PeerEvents {
  'peer:channels': (ack: (channels: ChannelInfo[]) => void) => void;
  'peer:call': (
    call: { event: PeerCall; channel: string; request: unknown },
    ack: (reply: PeerReply | null) => void,
  ) => void;
  /** A replay for the named node to start (the others answer null). */
  'peer:replay': (
    request: { node: string; streamId: string; speed: number },
    ack: (reply: PeerReply | null) => void,
  ) => void;
}

/** What this node answers its peers with. */
export interface PeerHandlers {
  channels(): ChannelInfo[];
  /** Whether this node has the channel open (only its owner answers a call). */
  has(channel: string): boolean;
  /** Runs the request as if a browser of this node had sent it (the caller's node checked the operator token). */
  run(event: PeerCall, request: unknown): Promise<unknown>;
  /** This node's id, and a replay started here for another node's browser (its node checked the operator token). */
  node: string;
  startReplay(streamId: string, speed: number): Promise<ChannelInfo>;
}

/** A refusal from the node that owns the channel, passed on to the browser as it came. */
export class PeerRefusal extends ChatTopicsError {
  constructor(message: ServerMessage) {
    super(message.error, { code: message.code as ErrorCode | undefined, params: message.params });
  }
}

/**
 * Asks the other nodes of the deployment, through socket.io's server-side events: the channel list of each, and a
 * channel's request answered by the node that has it. A node that does not answer within the adapter's
 * `requestsTimeout` is left out (the others' answers count).
 */
export class Peers {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the client events do not matter between nodes
    private readonly io: Server<any, any, PeerEvents>,
    private readonly logger: Logger,
  ) {}

  /** The channels open on the other nodes. */
  async channels(): Promise<ChannelInfo[]> {
    const replies = await this.ask<ChannelInfo[]>(() => this.io.serverSideEmitWithAck('peer:channels'), {});
    return replies.flat();
  }

  /** The answer of the node that has `channel` open; null when no other node has it. */
  call(event: PeerCall, channel: string, request: unknown): Promise<{ value: unknown } | null> {
    return this.answered(() => this.io.serverSideEmitWithAck('peer:call', { event, channel, request }), {
      event,
      channel,
    });
  }

  /**
   * Has `node` start a replay; null when it did not answer (gone since its last heartbeat), so the caller runs it.
   * @throws PeerRefusal with the node's refusal (an unknown stream, its replay quota)
   */
  async startReplay(node: string, streamId: string, speed: number): Promise<ChannelInfo | null> {
    const answer = await this.answered(() => this.io.serverSideEmitWithAck('peer:replay', { node, streamId, speed }), {
      node,
      streamId,
    });
    return answer && (answer.value as ChannelInfo);
  }

  /** The one node's answer among the replies (the others answer null); its refusal thrown as it came. */
  private async answered(send: () => Promise<unknown[]>, context: object): Promise<{ value: unknown } | null> {
    const reply = (await this.ask<PeerReply | null>(send, context)).find((r) => r !== null);
    if (!reply) return null;
    if (!reply.ok) throw new PeerRefusal(reply.message);
    return { value: reply.value };
  }

  /** The replies that came; a node that did not answer in time is logged and left out. */
  private async ask<T>(send: () => Promise<unknown[]>, context: object): Promise<T[]> {
    try {
      return (await send()) as T[];
    } catch (err) {
      this.logger.warn({ err, ...context }, 'a node of the deployment did not answer in time');
      return ((err as { responses?: unknown[] }).responses ?? []) as T[];
    }
  }

  /** Answers the other nodes' requests with this node's handlers. */
  serve(handlers: PeerHandlers): void {
    this.io.on('peer:channels', (ack) => ack(handlers.channels()));
    this.io.on('peer:call', (call, ack) => {
      if (!handlers.has(call.channel)) return ack(null);
      this.reply(handlers.run(call.event, call.request), ack, { event: call.event });
    });
    this.io.on('peer:replay', (request, ack) => {
      if (request.node !== handlers.node) return ack(null);
      this.reply(handlers.startReplay(request.streamId, request.speed), ack, { event: 'peer:replay' });
    });
  }

  /** Acks with the work's value, or with its refusal as the browser would have got it. */
  private reply(work: Promise<unknown>, ack: (reply: PeerReply) => void, context: object): void {
    work.then(
      (value) => ack({ ok: true, value }),
      (err: unknown) => {
        if (err instanceof ChatTopicsError && err.kind !== 'internal')
          ack({ ok: false, message: serverMessageOf(err) });
        else {
          this.logger.error({ err, ...context }, 'peer request failed');
          ack({ ok: false, message: internalMessage() });
        }
      },
    );
  }
}
