/**
 * Buffered logs (src/adapters/log-destination.ts, docs/decisions/0008-buffered-logs.md): lines wait
 * in the buffer, go out in order when it fills or the flush interval passes, and nothing is left
 * behind when the destination closes. Checked on a real file descriptor.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferedLog } from '../../src/adapters/log-destination.ts';
import { loadConfig } from '../../src/config.ts';

let dir = '';
let file = '';
let fd = -1;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-log-'));
  file = join(dir, 'out.log');
  fd = openSync(file, 'a');
});
afterEach(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});

const read = () => readFileSync(file, 'utf8');
const lines = () =>
  read()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { n: number }).n);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('buffered log destination', () => {
  it('holds lines until the buffer fills, then writes them in order', async () => {
    const log = bufferedLog(4096, { fd, flushEveryMs: 60_000 });
    const logger = pino({ base: null }, log.stream);
    for (let n = 0; n < 5; n++) logger.info({ n }, 'short line');
    await pause(50);
    expect(read(), 'five short lines stay in the buffer').toBe('');
    for (let n = 5; n < 100; n++) logger.info({ n }, 'a line long enough to fill the buffer sooner');
    await pause(50);
    const written = lines();
    expect(written.length, 'a full buffer is written').toBeGreaterThan(5);
    expect(written).toEqual(written.map((_, i) => i));
    await log.close();
    expect(lines()).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('writes a partly filled buffer once the interval has passed', async () => {
    const log = bufferedLog(4096, { fd, flushEveryMs: 100 });
    const logger = pino({ base: null }, log.stream);
    logger.info({ n: 0 }, 'lonely line');
    await pause(20);
    expect(read()).toBe('');
    await pause(400);
    expect(lines()).toEqual([0]);
    await log.close();
  });

  it('writes what is left when closed', async () => {
    const log = bufferedLog(4096, { fd, flushEveryMs: 60_000 });
    const logger = pino({ base: null }, log.stream);
    logger.info({ n: 0 }, 'one');
    logger.info({ n: 1 }, 'two');
    await log.close();
    expect(lines()).toEqual([0, 1]);
  });

  it('writes each line at once with a buffer of 0', async () => {
    const log = bufferedLog(0, { fd });
    const logger = pino({ base: null }, log.stream);
    logger.info({ n: 0 }, 'at once');
    await pause(100);
    expect(lines()).toEqual([0]);
    await log.close();
  });
});

describe('MOTCUA_LOG_BUFFER_BYTES', () => {
  it('defaults to 4096 and accepts 0', () => {
    expect(loadConfig({}).logBufferBytes).toBe(4096);
    expect(loadConfig({ MOTCUA_LOG_BUFFER_BYTES: '0' }).logBufferBytes).toBe(0);
  });
  it('refuses a value the log stream cannot hold, and text', () => {
    expect(() => loadConfig({ MOTCUA_LOG_BUFFER_BYTES: '20000' })).toThrow(/at most 16000/);
    expect(() => loadConfig({ MOTCUA_LOG_BUFFER_BYTES: 'lots' })).toThrow(/non-negative integer/);
  });
});
