import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { readScenario, replay } from '../../src/index.js';
import { startViewerServer, type ViewerServer } from '../../src/viewer/server.js';
import { viewerModel } from '../../src/viewer/viewerModel.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';
import { startInspect } from '../support/thaw.js';

// The server's tests need a model, not the statechart's layout (which takes ELK a second).
const NO_LAYOUT = { width: 0, height: 0, states: [], edges: [] };

const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
let server: ViewerServer;

beforeAll(async () => {
  server = await startViewerServer({ model: viewerModel({ run: replay(record), file: 'scenarios/record.yaml', layout: NO_LAYOUT }) });
}, 30_000);
afterAll(() => server?.close());

const origin = () => `http://127.0.0.1:${server.port}`;

/** A raw TCP connection upgraded to a WebSocket on `path`, to send bytes no client library would. */
function rawSocket(path: string, port = server.port): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.once('data', (data) => (data.toString().startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(data.toString()))));
    socket.on('error', () => {});
  });
}

/** Writes bytes after the handshake and waits until the server has had them (or closed). */
async function send(path: string, bytes: Buffer, port = server.port): Promise<void> {
  const socket = await rawSocket(path, port);
  await new Promise<void>((resolve) => {
    socket.write(bytes, () => setTimeout(resolve, 20));
    socket.on('close', () => resolve());
  });
  socket.destroy();
}

function modelStatus(port = server.port): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/api/model', headers: { host: `127.0.0.1:${port}` } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const publisher = () =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(server.inspectUrl);
    socket.on('open', () => resolve(socket)).on('error', reject);
  });

/** Closes a socket and resolves once the close handshake is over. */
const closing = (socket: WebSocket) =>
  new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });

// A masked client frame: opcode, payload; `mask` false leaves out the mask a client must set.
function frame(opcode: number, payload: Buffer, { mask = true, rsv = 0 } = {}): Buffer {
  const head = Buffer.from([0x80 | rsv | opcode, (mask ? 0x80 : 0) | payload.length]);
  if (!mask) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  return Buffer.concat([head, key, Buffer.from(payload.map((byte, index) => byte ^ (key[index % 4] as number)))]);
}

/** Polls until `condition` holds, on the event loop's own turns. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > 2_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Reads a server's (unmasked) frames from a raw socket until a close frame, or until nothing more
 * comes for a second: how many payload bytes came before it, and the close frame's code and reason.
 */
function framesUntilClose(socket: Socket): Promise<{ payload: number; close?: { code: number; reason: string } }> {
  return new Promise((resolve) => {
    let pending = Buffer.alloc(0);
    let payload = 0;
    let quiet: NodeJS.Timeout;
    const done = (close?: { code: number; reason: string }) => {
      clearTimeout(quiet);
      socket.removeAllListeners('data');
      resolve({ payload, ...(close ? { close } : {}) });
    };
    const wait = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => done(), 1000);
    };
    wait();
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        if (pending.length < 2) break;
        const opcode = (pending[0] as number) & 0x0f;
        const short = (pending[1] as number) & 0x7f;
        const head = short === 126 ? 4 : short === 127 ? 10 : 2;
        if (pending.length < head) break;
        const length = short === 126 ? pending.readUInt16BE(2) : short === 127 ? Number(pending.readBigUInt64BE(2)) : short;
        if (pending.length < head + length) break;
        const body = pending.subarray(head, head + length);
        pending = pending.subarray(head + length);
        if (opcode === 0x8) return done({ code: body.readUInt16BE(0), reason: body.subarray(2).toString() });
        payload += length;
      }
      wait();
    });
  });
}

describe('thaw inspect under a malformed frame', () => {
  // In-process, an unhandled 'error' event would fail the run as it once ended the process.
  it('should keep running and serving after an unmasked client frame on either door', async () => {
    const inspect = await startInspect(['--pace', '0']);
    const port = Number(new URL(inspect.url).port);
    for (const path of ['/ws', '/inspect']) await send(path, Buffer.from([0x81, 0x02, 0x68, 0x69]), port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await modelStatus(port)).toBe(200);
    const { code, stderr } = await inspect.stop();
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});

describe('the viewer server under hostile sockets', () => {
  it('should outlive malformed frames on both doors, and keep serving', async () => {
    const hostile = [
      Buffer.from([0x81, 0x02, 0x68, 0x69]), // unmasked client frame
      frame(0x1, Buffer.from([0xc3, 0x28])), // invalid UTF-8 in a text frame
      frame(0x1, Buffer.from('hi'), { rsv: 0x40 }), // a reserved bit set
      frame(0x3, Buffer.from('hi')), // a reserved opcode
      Buffer.from([0x82, 0xff, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00]), // claims 64 GiB
    ];
    for (const path of ['/ws', '/inspect']) for (const bytes of hostile) await send(path, bytes);
    expect(await modelStatus()).toBe(200);
  });

  it('should outlive random bytes after the handshake', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/ws', '/inspect'), fc.uint8Array({ minLength: 1, maxLength: 64 }), async (path, bytes) => {
        await send(path, Buffer.from(bytes));
        expect(await modelStatus()).toBe(200);
      }),
      { ...propertyParameters, numRuns: Math.min(propertyParameters.numRuns ?? 300, 60) },
    );
  }, 60_000);

  it('should refuse an oversized message, and keep what it replays to late viewers bounded', async () => {
    const big = await publisher();
    const closed = new Promise<number>((resolve) => big.on('close', (code) => resolve(code)));
    big.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);

    const inspector = await publisher();
    const chunk = JSON.stringify({ type: '@xstate.event', padding: 'y'.repeat(900 * 1024) });
    for (let index = 0; index < 30; index += 1) inspector.send(chunk);
    // The server reads a socket's frames in order, so once the close handshake is done it has had all 30.
    await closing(inspector);
    let received = 0;
    const late = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { origin: origin() } });
    late.on('message', (data: Buffer) => (received += data.length));
    // Wait until the history has arrived: nothing more for 300 ms.
    let before = -1;
    while (received !== before || received === 0) {
      before = received;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(received).toBeLessThanOrEqual(16 * 1024 * 1024);
    await closing(late);
  }, 30_000);

  it('should disconnect a viewer that never reads, saying why, holding only a bounded backlog for it, and keep serving the others', async () => {
    // A server of its own, with no history yet: the slow viewer's first bytes are the handshake's alone.
    const warnings: string[] = [];
    const own = await startViewerServer({
      model: viewerModel({ run: replay(record), file: 'scenarios/record.yaml', layout: NO_LAYOUT }),
      warn: (text) => warnings.push(text),
    });
    try {
      const slow = await rawSocket('/ws', own.port);
      slow.pause();
      let read = 0;
      const reader = new WebSocket(`ws://127.0.0.1:${own.port}/ws`, { headers: { origin: `http://127.0.0.1:${own.port}` } });
      reader.on('message', () => (read += 1));
      await new Promise((resolve) => reader.on('open', resolve));
      const inspector = await new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(own.inspectUrl);
        socket.on('open', () => resolve(socket)).on('error', reject);
      });
      // 48 MB: well past what the kernel's buffers, the server's allowance and its history hold together.
      const chunk = JSON.stringify({ type: '@xstate.event', padding: 'z'.repeat(1000 * 1024) });
      const sent = 48;
      // Each sent once the reading viewer has the last: it keeps up however loaded the machine,
      // while the one that never reads falls behind the whole history.
      for (let index = 0; index < sent; index += 1) {
        inspector.send(chunk);
        await until(() => read === index + 1, `the reading viewer to have message ${index + 1}`);
      }
      await closing(inspector);

      expect(warnings).toEqual([expect.stringMatching(/too slow/)]);
      // Read at last, the slow viewer finds what was handed to its socket, then the close frame
      // saying why: not the whole 48 MB the server would otherwise have held for it.
      slow.resume();
      const { payload, close } = await framesUntilClose(slow);
      expect(close).toEqual({ code: 1013, reason: expect.stringMatching(/^too slow: \d+ MB unread$/) });
      expect(payload).toBeLessThan((sent / 2) * chunk.length);
      slow.destroy();
      await closing(reader);
    } finally {
      await own.close();
    }
  }, 30_000);

  it('should serve a bounded number of viewers, refusing the rest', async () => {
    // A server of its own, so that no socket from the tests above is still being counted.
    const own = await startViewerServer({ model: viewerModel({ run: replay(record), file: 'scenarios/record.yaml', layout: NO_LAYOUT }) });
    const opened = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<WebSocket | null>((resolve) => {
            const socket = new WebSocket(`ws://127.0.0.1:${own.port}/ws`, { headers: { origin: `http://127.0.0.1:${own.port}` } });
            socket.on('open', () => resolve(socket)).on('error', () => resolve(null));
          }),
      ),
    );
    const accepted = opened.filter((socket): socket is WebSocket => socket !== null);
    expect(accepted.length).toBe(32);
    await Promise.all(accepted.map(closing));
    expect(await modelStatus(own.port)).toBe(200);
    await own.close();
  }, 30_000);
});
