/** How a child process ended, as its parent saw it. */
export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The tail of its stderr. */
  stderr: string;
}

/**
 * Why a child ended without saying so itself: out of memory, a signal, or an exit code, with stderr's last lines.
 * @param what the process, for the message: `the training process`
 * @param heapMb its heap limit, named when it ran out of memory
 * @example describeChildCrash('the analysis process', { code: null, signal: 'SIGKILL', stderr: '' }, 4096)
 * // 'the analysis process was killed by SIGKILL'
 */
export function describeChildCrash(what: string, { code, signal, stderr }: ChildEnd, heapMb: number): string {
  const tail = stderr.trim().split('\n').slice(-8).join('\n');
  const oom = /heap out of memory|Allocation failed|out of memory/i.test(stderr);
  const why = oom
    ? `${what} ran out of memory (heap limit ${heapMb} MB)`
    : signal !== null
      ? `${what} was killed by ${signal}`
      : `${what} exited with code ${code}`;
  return tail ? `${why}; stderr: ${tail}` : why;
}
