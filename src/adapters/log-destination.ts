/**
 * Where the structured logs go: standard output, through a buffer. Written line by line, each
 * request's log line cost a write on the hot path (a system call handed to libuv's thread pool,
 * about a tenth of the intake's CPU on the benchmark machine). Buffered, the lines of a busy second
 * go out together, in order, once `bufferBytes` have gathered or `flushEveryMs` has passed; what is
 * left is written when the app closes, and when the process exits (pino registers its destination
 * to be flushed on exit). What a `kill -9` can lose: at most the last second of log lines — never
 * data (dossiers, audit trail and outbox are in the database). docs/decisions/0008-buffered-logs.md.
 */
import pino from 'pino';

/** How often a partly filled buffer is written anyway (milliseconds). */
const LOG_FLUSH_INTERVAL_MS = 1_000;

export interface LogDestination {
  readonly stream: ReturnType<typeof pino.destination>;
  /** Writes what is buffered and stops the timer (the stream stays open: it is standard output). */
  close(): Promise<void>;
}

/**
 * A log destination on file descriptor `fd` (standard output by default), buffered up to
 * `bufferBytes` (0: every line written as it comes, no timer).
 */
export function bufferedLog(
  bufferBytes: number,
  options: { fd?: number; flushEveryMs?: number } = {},
): LogDestination {
  const stream = pino.destination({
    dest: options.fd ?? process.stdout.fd,
    sync: false,
    minLength: bufferBytes,
  });
  const flush = (): Promise<void> =>
    new Promise((done) => {
      try {
        // A failed stream (a closed pipe) has nothing left to write: resolve all the same.
        stream.flush(() => done());
      } catch {
        done();
      }
    });
  const timer =
    bufferBytes > 0
      ? setInterval(() => void flush(), options.flushEveryMs ?? LOG_FLUSH_INTERVAL_MS).unref()
      : undefined;
  return {
    stream,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
