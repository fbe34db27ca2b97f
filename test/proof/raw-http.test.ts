/**
 * The benchmarks' lean HTTP client (bench/lib/raw-http.ts) against a real node:http server: it must
 * read every answer whole — Content-Length and chunked bodies, answers split across packets, several
 * in one packet — reuse its connections, and survive a server that closes them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswer, RawHttpPool } from '../../bench/lib/raw-http.ts';

let server: Server;
let base: string;
const connections = new Set<unknown>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('Hồ sơ ');
        res.end('đã nhận');
      } else if (req.url === '/close') {
        res.writeHead(503, { connection: 'close', 'content-length': '4' });
        res.end('busy');
      } else {
        const answer = JSON.stringify({ method: req.method, body });
        res.writeHead(201, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(answer),
        });
        res.end(answer);
      }
    });
  });
  server.on('connection', (socket) => connections.add(socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe('parseAnswer', () => {
  const head = 'HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n';
  it('waits for the whole body and says how many bytes the answer took', () => {
    expect(parseAnswer(Buffer.from(head + 'abc'))).toBeUndefined();
    const two = Buffer.from(`${head}abcde${head}fghij`);
    const first = parseAnswer(two);
    expect(first).toMatchObject({ status: 200, length: head.length + 5, close: false });
    expect(first !== 'invalid' && first?.body.toString()).toBe('abcde');
  });
  it('reads chunked bodies, and refuses what is not HTTP', () => {
    const chunked = Buffer.from(
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    );
    const parsed = parseAnswer(chunked);
    expect(parsed !== 'invalid' && parsed?.body.toString()).toBe('abcde');
    expect(parseAnswer(chunked.subarray(0, chunked.length - 2))).toBeUndefined();
    expect(parseAnswer(Buffer.from('SSH-2.0\r\n\r\n'))).toBe('invalid');
  });
});

describe('RawHttpPool', () => {
  it('sends requests with bodies over kept-alive connections and reads the answers', async () => {
    connections.clear();
    const pool = new RawHttpPool(base, 2);
    const request = pool.encode({
      method: 'POST',
      path: '/x',
      headers: { 'content-type': 'application/json' },
      body: '{"tên":"Nguyễn Văn A"}',
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => pool.request(request)));
    for (const a of answers) {
      expect(a.status).toBe(201);
      expect(JSON.parse(a.body.toString('utf8'))).toEqual({ method: 'POST', body: '{"tên":"Nguyễn Văn A"}' });
    }
    expect(connections.size).toBeLessThanOrEqual(2);
    const chunked = await pool.request(pool.encode({ method: 'GET', path: '/chunked' }));
    expect(chunked.body.toString('utf8')).toBe('Hồ sơ đã nhận');
    pool.close();
  });

  it('opens a new connection after the server closed one', async () => {
    const pool = new RawHttpPool(base, 1);
    const closing = await pool.request(pool.encode({ method: 'GET', path: '/close' }));
    expect(closing.status).toBe(503);
    const next = await pool.request(pool.encode({ method: 'GET', path: '/x' }));
    expect(next.status).toBe(201);
    pool.close();
  });

  it('answers status 0 when nothing listens', async () => {
    const pool = new RawHttpPool('http://127.0.0.1:1', 1);
    const answer = await pool.request(pool.encode({ method: 'GET', path: '/' }));
    expect(answer.status).toBe(0);
    pool.close();
  });
});
