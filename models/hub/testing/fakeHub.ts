import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** How the fake hub answers for one repo. */
export interface FakeRepo {
  /** Folder whose files the repo serves (paths under it = paths in the repo). */
  dir: string;
  /** When set, requests without `Authorization: Bearer <token>` get 401; a wrong token gets 403. */
  token?: string;
  /** Files answered with a Content-Length larger than the body, then the connection cut. */
  truncate?: readonly string[];
  /** Files answered with a 302 to a second URL, as the hub does for LFS files (the target has no hub headers). */
  redirect?: readonly string[];
  /** Sent as `X-Repo-Commit`. */
  commit?: string;
}

/** One request the fake hub saw. */
export interface FakeHubRequest {
  path: string;
  authorization: string | undefined;
}

/**
 * Test helper: a HuggingFace-hub-like HTTP server on 127.0.0.1 (random port) serving `/<repo>/resolve/<rev>/<file>`
 * from local folders. Unknown repos get 404 with `X-Error-Code: RepoNotFound`, missing files 404 with
 * `EntryNotFound`, like the real hub. Never reaches the network.
 */
export async function startFakeHub(
  repos: Record<string, FakeRepo>,
): Promise<{ endpoint: string; requests: FakeHubRequest[]; close: () => Promise<void> }> {
  const requests: FakeHubRequest[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, authorization: req.headers.authorization });
    const cdn = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(path);
    if (cdn !== null) return serveFile(res, repos[cdn[1]!], cdn[2]!);
    const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const repo = match === null ? undefined : repos[match[1]!];
    if (match === null || repo === undefined) return notFound(res, 'RepoNotFound');
    if (repo.token !== undefined) {
      if (req.headers.authorization === undefined) return end(res, 401, 'Unauthorized');
      if (req.headers.authorization !== `Bearer ${repo.token}`) return end(res, 403, 'Forbidden');
    }
    if (repo.commit !== undefined) res.setHeader('x-repo-commit', repo.commit);
    if (repo.redirect?.includes(match[3]!) === true) {
      res.writeHead(302, { location: `/cdn/${match[1]}/${match[3]}` });
      return res.end();
    }
    serveFile(res, repo, match[3]!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveFile(res: ServerResponse, repo: FakeRepo | undefined, file: string): void {
  const path = repo === undefined ? undefined : join(repo.dir, file);
  if (path === undefined || file.split('/').includes('..') || !existsSync(path) || !statSync(path).isFile())
    return notFound(res, 'EntryNotFound');
  const body = readFileSync(path);
  if (repo!.truncate?.includes(file) === true) {
    res.writeHead(200, { 'content-length': String(body.length + 1000), 'content-type': 'application/octet-stream' });
    // Half the body, then the connection drops: what a broken proxy or a cut link looks like to the client.
    res.write(body.subarray(0, body.length >> 1), () => res.destroy());
    return;
  }
  res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' });
  res.end(body);
}

function notFound(res: ServerResponse, code: string): void {
  res.setHeader('x-error-code', code);
  end(res, 404, 'Not Found');
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}
