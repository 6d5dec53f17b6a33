/** Characters of the failing line quoted in the refusal: enough to recognise the file, short enough for one line. */
const QUOTED_CHARS = 40;
/** Share of control or undecodable characters above which the start of a file is called binary. */
const BINARY_SHARE = 0.1;

/**
 * Where format detection failed, for the one-line refusal of a file in no known format: the first non-blank line,
 * quoted and cut short, or that the file is not text at all.
 *
 * @param head the start of the file, decoded as UTF-8 (what detection looked at)
 * @example whereDetectionFailed('\n\nLorem ipsum\n'); // 'line 3 fits none of them: "Lorem ipsum"'
 */
export function whereDetectionFailed(head: string): string {
  const failure = detectionFailure(head);
  if (failure.binary) return 'it looks binary, not text';
  return `line ${failure.line} fits none of them: ${JSON.stringify(failure.quoted)}`;
}

/**
 * {@link whereDetectionFailed} as data, for the dashboard to say it in its language: binary, or the first non-blank
 * line's number and its start.
 */
export function detectionFailure(head: string): { binary: true } | { binary: false; line: number; quoted: string } {
  const sample = head.slice(0, 512);
  // U+FFFD: bytes that are not UTF-8; C0 controls other than tab and line ends never appear in chat logs.
  const odd = sample.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (odd > sample.length * BINARY_SHARE) return { binary: true };
  const lines = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const index = lines.findIndex((l) => /\S/.test(l));
  const line = (lines[index] ?? '').trim();
  const quoted = line.length > QUOTED_CHARS ? `${line.slice(0, QUOTED_CHARS).trimEnd()}…` : line;
  return { binary: false, line: index + 1, quoted };
}
