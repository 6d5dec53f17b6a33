/** A message a service posts to its store on the main side (a notification it heard), as `{ type, ... }`. */
export type PgServiceMessage = { type: string } & Record<string, unknown>;

/**
 * What a store's service gets in the database thread: its data (the URL, a random token of its own to tell its own
 * notifications apart, and the store's data) and a way to post.
 */
export interface PgServiceContext<D> {
  data: D & { url: string; token: string };
  post(message: PgServiceMessage): void;
}

/** A service's operations, each answered in turn; `open` is called first and `close` last. */
export type PgServiceHandlers = Record<string, (...args: never[]) => Promise<unknown>> & {
  open(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A store's side of the process's database thread (`PgHost`): a module that exports `service`, the factory of its
 * operations on its own connections.
 * @example export const service: PgService<{ token: string }> = ({ data, post }) => ({ open: ..., close: ..., read: ... });
 */
export type PgService<D = Record<string, never>> = (context: PgServiceContext<D>) => PgServiceHandlers;
