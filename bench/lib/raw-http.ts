/**
 * A lean HTTP/1.1 keep-alive client on raw sockets for the load generators, in the manner of wrk:
 * the request is written as one buffer and the answer is read by a minimal parser (status line,
 * Content-Length or chunked body). node:http's client costs about 0.4 ms of CPU per request here;
 * on a 2-core machine that CPU is taken from the server under test, while pgbench's client costs
 * about 0.15 ms per transaction. This one keeps the generator's share comparable to pgbench's.
 */
import { connect, type Socket } from 'node:net';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RawAnswer {
  /** HTTP status; 0 when the connection failed or the answer could not be read. */
  readonly status: number;
  readonly body: Buffer;
}

/** The bytes of one request (Host, Content-Length and keep-alive added). */
export function encodeRequest(host: string, req: RawRequest): Buffer {
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(req.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (body) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  const start = Buffer.from(head, 'latin1');
  return body ? Buffer.concat([start, body]) : start;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const NO_BODY = Buffer.alloc(0);

/** What can be read of an answer at the start of `buf`: the answer and the bytes it took, or undefined if incomplete. */
export function parseAnswer(
  buf: Buffer,
): { status: number; body: Buffer; length: number; close: boolean } | undefined | 'invalid' {
  const headEnd = buf.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = buf.toString('latin1', 0, headEnd);
  const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!statusMatch) return 'invalid';
  const status = Number(statusMatch[1]);
  const close = /\r\nconnection:[ \t]*close/i.test(head);
  const start = headEnd + 4;
  const lengthMatch = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (lengthMatch) {
    const end = start + Number(lengthMatch[1]);
    if (buf.length < end) return undefined;
    return { status, body: buf.subarray(start, end), length: end, close };
  }
  if (/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) {
    const parts: Buffer[] = [];
    let pos = start;
    for (;;) {
      const lineEnd = buf.indexOf(CRLF, pos);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buf.toString('latin1', pos, lineEnd), 16);
      if (!Number.isFinite(size)) return 'invalid';
      if (size === 0) {
        // No trailers are sent by the servers measured here: the last chunk is followed by CRLF.
        if (buf.length < lineEnd + 4) return undefined;
        return { status, body: Buffer.concat(parts), length: lineEnd + 4, close };
      }
      const dataEnd = lineEnd + 2 + size;
      if (buf.length < dataEnd + 2) return undefined;
      parts.push(buf.subarray(lineEnd + 2, dataEnd));
      pos = dataEnd + 2;
    }
  }
  if (status === 204 || status === 304 || (status >= 100 && status < 200))
    return { status, body: NO_BODY, length: start, close };
  return 'invalid'; // a body delimited by closing the connection is not used by the servers measured
}

/** One keep-alive connection: one request at a time. */
class RawConnection {
  private readonly socket: Socket;
  private buffered: Buffer | null = null;
  private waiting: ((answer: RawAnswer) => void) | null = null;
  dead = false;

  constructor(port: number, hostname: string) {
    this.socket = connect({ port, host: hostname, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = () => {
      this.dead = true;
      this.answer({ status: 0, body: NO_BODY });
    };
    this.socket.on('error', fail);
    this.socket.on('close', fail);
  }

  send(request: Buffer): Promise<RawAnswer> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }

  close(): void {
    this.dead = true;
    this.socket.destroy();
  }

  private answer(answer: RawAnswer): void {
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(answer);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    if (!this.waiting) return;
    const parsed = parseAnswer(this.buffered);
    if (parsed === undefined) return;
    if (parsed === 'invalid') {
      this.close();
      this.answer({ status: 0, body: NO_BODY });
      return;
    }
    this.buffered = parsed.length < this.buffered.length ? this.buffered.subarray(parsed.length) : null;
    if (parsed.close) this.close();
    this.answer({ status: parsed.status, body: parsed.body });
  }
}

/** Up to `maxConnections` keep-alive connections; a request waits for a free one. */
export class RawHttpPool {
  readonly host: string;
  private readonly port: number;
  private readonly hostname: string;
  private readonly free: RawConnection[] = [];
  private readonly queue: ((c: RawConnection) => void)[] = [];
  private open = 0;

  constructor(
    baseUrl: string,
    private readonly maxConnections: number,
  ) {
    const url = new URL(baseUrl);
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
    this.host = url.host;
  }

  encode(req: RawRequest): Buffer {
    return encodeRequest(this.host, req);
  }

  async request(request: Buffer): Promise<RawAnswer> {
    const connection = await this.acquire();
    const answer = await connection.send(request);
    this.release(connection);
    return answer;
  }

  close(): void {
    for (const c of this.free.splice(0)) c.close();
  }

  private acquire(): Promise<RawConnection> | RawConnection {
    for (;;) {
      const c = this.free.pop();
      if (!c) break;
      if (!c.dead) return c;
      this.open -= 1;
    }
    if (this.open < this.maxConnections) {
      this.open += 1;
      return new RawConnection(this.port, this.hostname);
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(connection: RawConnection): void {
    let c = connection;
    if (c.dead) {
      this.open -= 1;
      if (this.queue.length === 0) return;
      this.open += 1;
      c = new RawConnection(this.port, this.hostname);
    }
    const next = this.queue.shift();
    if (next) next(c);
    else this.free.push(c);
  }
}
