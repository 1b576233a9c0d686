import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { createSocketInspector } from '../../src/viewer/inspectionSocket.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const close of closers.splice(0)) await close();
});

/** An HTTP server on 127.0.0.1 whose WebSocket upgrades `upgrade` handles, and its ws:// address. */
async function listen(upgrade: (socket: Socket, head: Buffer, request: IncomingMessage) => void): Promise<string> {
  const server = createServer();
  server.on('upgrade', (request, socket, head) => upgrade(socket as Socket, head, request));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/inspect`;
}

/** A server that accepts the WebSocket and hands each connection to `connected`. */
function accepting(connected: (client: WebSocket) => void): Promise<string> {
  const sockets = new WebSocketServer({ noServer: true });
  closers.push(async () => sockets.close());
  return listen((socket, head, request) => sockets.handleUpgrade(request, socket, head, connected));
}

// Polled with setImmediate, which the fake timers below leave alone.
const until = async (condition: () => boolean, what: string) => {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > 100_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
};

describe("thaw inspect's inspection socket", () => {
  it('should send the events given before the socket opened, in order, once it opens, and nothing after stop', async () => {
    const received: Array<{ type: string; event?: { type: string } }> = [];
    let closed = false;
    const url = await accepting((client) => {
      client.on('message', (data) => received.push(JSON.parse(String(data))));
      client.on('close', () => (closed = true));
    });
    const lost: string[] = [];
    const inspector = createSocketInspector(url, (reason) => lost.push(reason));
    // Still connecting: these are held.
    inspector.event('actor', { type: 'first' });
    inspector.event('actor', { type: 'second' });
    await until(() => received.length === 2, 'the held events');
    inspector.event('actor', { type: 'third' });
    await until(() => received.length === 3, 'the event sent once open');
    expect(received.map((message) => [message.type, message.event?.type])).toEqual([
      ['@xstate.event', 'first'],
      ['@xstate.event', 'second'],
      ['@xstate.event', 'third'],
    ]);
    inspector.stop();
    inspector.event('actor', { type: 'after stop' });
    await until(() => closed, 'the socket to close');
    expect(received).toHaveLength(3);
    // Closed by stop: nothing lost.
    expect(lost).toEqual([]);
  });

  it('should drop a socket still connecting when stopped, quietly, and never open another, even once a retry would be due', async () => {
    // A server that never answers the upgrade: the inspector's socket stays connecting.
    const pending: Socket[] = [];
    let ended = 0;
    const url = await listen((socket) => {
      pending.push(socket);
      // The server's sockets stay half open until it ends them: the client's end is what shows.
      socket.on('end', () => {
        ended += 1;
        socket.destroy();
      });
    });
    const lost: string[] = [];
    const inspector = createSocketInspector(url, (reason) => lost.push(reason));
    inspector.event('actor', { type: 'held' });
    await until(() => pending.length === 1, 'the connection');
    // Closing a connecting socket fails; a client that retried after a failure (the package's
    // own waits five seconds) would connect again once that much time had passed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    inspector.stop();
    await until(() => ended === 1, 'the connection to end');
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    inspector.event('actor', { type: 'after stop' });
    inspector.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pending).toHaveLength(1);
    expect(lost).toEqual([]);
  });

  it('should say once why, and drop what follows, when the server refuses the socket or closes it', async () => {
    const refusing = await listen((socket) => socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n'));
    const refusedFor: string[] = [];
    const refused = createSocketInspector(refusing, (reason) => refusedFor.push(reason));
    refused.event('actor', { type: 'held' });
    await until(() => refusedFor.length > 0, 'the refusal');
    expect(refusedFor).toEqual([expect.stringMatching(/503/)]);

    const received: string[] = [];
    const url = await accepting((client) =>
      client.on('message', (data) => {
        received.push(String(data));
        // As the viewer's server does with a message over its limit.
        client.close(1009, 'message too big');
      }),
    );
    const closedFor: string[] = [];
    const closed = createSocketInspector(url, (reason) => closedFor.push(reason));
    closed.event('actor', { type: 'first' });
    await until(() => closedFor.length > 0, 'the close');
    expect(closedFor).toEqual(['the server closed it (1009: message too big)']);
    closed.event('actor', { type: 'after the close' });
    refused.stop();
    closed.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(1);
    expect([refusedFor.length, closedFor.length]).toEqual([1, 1]);
  });
});
