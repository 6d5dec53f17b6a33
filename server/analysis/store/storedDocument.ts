// How a stored analysis is checked on its way in and read back on its way out, whichever store keeps it.
import { z } from 'zod';
import { parseTopicAnalysis, type TopicAnalysis } from '../../../contracts/analysis';
import type { StoredAnalysis } from '../../../contracts/http';
import { analysisKey } from './analysisKey';
import type { SaveAnalysisInput } from './AnalysisStore';
import { CorruptStoredAnalysisError } from './errors';
import { summarizeAnalysis } from './summarizeAnalysis';
import { encodeVectors } from './vectorFile';

/** The first issue of a zod error as `field a.b.c: message`. */
export function firstIssue(err: z.ZodError): string {
  const issue = err.issues[0];
  return issue ? `field ${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/**
 * A stored document's text read back as an analysis of `streamId`, whichever store kept it.
 * @param where what names it in an error: a file, or a row of a database
 * @throws CorruptStoredAnalysisError naming `where`: not JSON, not an analysis (the field), another stream's
 */
export function parseStoredDocument(text: string, where: string, streamId: string): TopicAnalysis {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CorruptStoredAnalysisError(where, `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  let analysis: TopicAnalysis;
  try {
    analysis = parseTopicAnalysis(json);
  } catch (err) {
    const reason = err instanceof z.ZodError ? firstIssue(err) : (err as Error).message;
    throw new CorruptStoredAnalysisError(where, `not an analysis document (${reason})`, { cause: err });
  }
  if (analysis.stream.id !== streamId)
    throw new CorruptStoredAnalysisError(
      where,
      `it is the analysis of stream "${analysis.stream.id}", not of "${streamId}"`,
    );
  return analysis;
}

/** What either store writes for one analysis, checked and encoded once. */
export interface PreparedAnalysis {
  streamId: string;
  key: string;
  /** The document's JSON text. */
  document: string;
  /** The vectors file's bytes (`vectorFile.ts`); null: stored without vectors. */
  vectors: Uint8Array | null;
  summary: StoredAnalysis;
}

/**
 * Checks an analysis and its vectors and encodes them, before a store writes anything. Checked here, in the process
 * that made it (the CLI, a job's child), so that the server can send the document as stored.
 * @throws RangeError when the vectors do not match the messages; the schema's error when it is not an analysis
 */
export function prepareAnalysis(input: SaveAnalysisInput): PreparedAnalysis {
  const { analysis } = input;
  const vectors = input.vectors ?? null;
  if (vectors && vectors.length !== analysis.messages.length * analysis.model.dimension)
    throw new RangeError(
      `vectors: ${vectors.length} floats for ${analysis.messages.length} messages of ${analysis.model.dimension} dimensions`,
    );
  parseTopicAnalysis(analysis);
  const key = analysisKey(analysis.model.id, analysis.parameters);
  return {
    streamId: analysis.stream.id,
    key,
    document: JSON.stringify(analysis),
    vectors: vectors ? encodeVectors(vectors, analysis.model.dimension) : null,
    summary: summarizeAnalysis(key, analysis, input.now ?? Date.now(), vectors !== null),
  };
}
