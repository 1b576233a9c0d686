import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSocketInspector } from '../../src/viewer/inspectionSocket.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** An HTTP server on 127.0.0.1 that `upgrade` handles, and its ws:// address. */
async function listen(upgrade: (socket: Socket, head: Buffer, request: import('node:http').IncomingMessage) => void): Promise<{ server: Server; url: string }> {
  const server = createServer();
  server.on('upgrade', (request, socket, head) => upgrade(socket as Socket, head, request));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/inspect` };
}

const until = async (condition: () => boolean, what: string) => {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`waited 5 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("thaw inspect's inspection socket", () => {
  it('should send the events given before the socket opened, in order, once it opens, and nothing after stop', async () => {
    const sockets = new WebSocketServer({ noServer: true });
    const received: Array<{ type: string; event?: { type: string } }> = [];
    let closed = false;
    const { url } = await listen((socket, head, request) =>
      sockets.handleUpgrade(request, socket, head, (client) => {
        client.on('message', (data) => received.push(JSON.parse(String(data))));
        client.on('close', () => (closed = true));
      }),
    );
    const inspector = createSocketInspector(url);
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
    sockets.close();
  });

  it('should drop a socket still connecting when stopped, quietly, and open no other', async () => {
    // A server that never answers the upgrade: the inspector's socket stays connecting.
    const pending: Socket[] = [];
    let ended = 0;
    const { url } = await listen((socket) => {
      pending.push(socket);
      // The server's sockets stay half open until it ends them: the client's end is what shows.
      socket.on('end', () => {
        ended += 1;
        socket.destroy();
      });
    });
    const inspector = createSocketInspector(url);
    inspector.event('actor', { type: 'held' });
    await until(() => pending.length === 1, 'the connection');
    inspector.stop();
    // The client ends the connection itself (the server never would); the failure that closing a
    // connecting socket raises is not thrown, and nothing more is sent or opened.
    await until(() => ended === 1, 'the connection to end');
    inspector.event('actor', { type: 'after stop' });
    inspector.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pending).toHaveLength(1);
  });
});
