import type { IncomingMessage } from 'node:http';
import { EmbedRequestError } from './errors';

/** Limits on one `POST /v1/embeddings` request. */
export interface EmbedRequestLimits {
  maxBodyBytes: number;
  maxInputs: number;
}

/**
 * Reads and validates the body of `POST /v1/embeddings`: `{ "input": string | string[] }` (other fields, such as
 * an OpenAI client's `model`, are ignored). Stops reading as soon as the body passes `maxBodyBytes`.
 *
 * @returns the texts, in order (a single string becomes a list of one)
 * @throws EmbedRequestError 413 over a limit, 400 naming the bad field (`input[3] must be a string`); messages never
 *   quote the input
 */
export async function readEmbedRequest(req: IncomingMessage, limits: EmbedRequestLimits): Promise<string[]> {
  const body = await readBody(req, limits.maxBodyBytes);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new EmbedRequestError(400, 'the body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EmbedRequestError(400, 'the body must be a JSON object: {"input": string | string[]}');
  }
  const input = (json as { input?: unknown }).input;
  if (input === undefined) throw new EmbedRequestError(400, 'input is required: a string or an array of strings');
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) throw new EmbedRequestError(400, 'input must be a string or an array of strings');
  if (input.length > limits.maxInputs) {
    throw new EmbedRequestError(413, `input has ${input.length} texts, the limit is ${limits.maxInputs} per request`);
  }
  const bad = input.findIndex((x) => typeof x !== 'string');
  if (bad >= 0) throw new EmbedRequestError(400, `input[${bad}] must be a string`);
  return input as string[];
}

/** The body as text; rejects (and stops reading) as soon as it passes `maxBytes`, without destroying the socket. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new EmbedRequestError(413, `the body is larger than the limit of ${maxBytes} bytes`);
  if (Number(req.headers['content-length']) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => req.off('data', onData).off('end', onEnd).off('error', onError);
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
