import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { statelyBridgePage, viewerPage } from './page.js';
import type { ViewerModel } from './viewerModel.js';

/** A running viewer: where it is, and how to stop it. */
export interface ViewerServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The WebSocket the inspector sends its events to; viewers listen on /ws. */
  inspectUrl: string;
  port: number;
  /** Settles when the first page (the viewer, or the Stately bridge) connects to listen. */
  firstViewer: Promise<void>;
  close(): Promise<void>;
}

/** How many inspection messages a viewer that connects late is sent first, at most... */
const REPLAY_BUFFER = 5000;
/** ...and how many bytes of them: the record's whole replay is about 200 KB. */
const REPLAY_BYTES = 16 * 1024 * 1024;
/** The largest inspection message accepted: the largest real one (the machine's definition) is about 60 KB. */
const MAX_MESSAGE = 1024 * 1024;
/** Pages only listen; anything they send is dropped, and this is as much as they may send at once. */
const MAX_VIEWER_MESSAGE = 4 * 1024;
/** How many pages, and how many inspectors, may be connected at once. */
const MAX_VIEWERS = 32;
const MAX_PUBLISHERS = 4;
/** A viewer's socket is handed more of the history only while it holds less than this unsent. */
const SOCKET_BUFFER = 1024 * 1024;

/** Thrown when the viewer's browser code has not been compiled (npm run build makes it). */
export class ViewerNotBuiltError extends Error {
  override name = 'ViewerNotBuiltError';
}

// The bundled browser code, the only file the server reads: next to this module in dist/, or,
// when this module runs from src/ (the tests), in the build's dist/.
/** The viewer's browser code, bundled by `npm run build`; ViewerNotBuiltError if it is missing. */
export function viewerBundle(): string {
  const candidates = [new URL('./viewer.bundle.js', import.meta.url), new URL('../../dist/viewer/viewer.bundle.js', import.meta.url)].map((url) =>
    fileURLToPath(url),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new ViewerNotBuiltError(`the viewer's browser code is not built (looked for ${candidates.join(' and ')}); run npm run build`);
  return readFileSync(found, 'utf8');
}

/**
 * Serves the viewer on 127.0.0.1 only: the page, its own compiled scripts, the model as JSON,
 * and WebSockets that relay inspection events from `thaw inspect`'s actor (/inspect) to every
 * open viewer (/ws). Nothing else is served: every other path is a 404, whatever it names, and
 * requests naming another host or coming from another site's page are refused. A viewer that
 * reads too slowly to keep up is disconnected (close code 1013), and `warn` is told.
 */
export async function startViewerServer(options: {
  model: ViewerModel;
  port?: number;
  /** Told when a viewer is disconnected for reading too slowly. */
  warn?: (text: string) => void;
}): Promise<ViewerServer> {
  const scripts = new Map<string, string>([['/viewer/main.js', viewerBundle()]]);
  const modelJson = JSON.stringify(options.model);

  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    response.end(body);
  };
  // Set once listening. A page from another site (DNS rebinding, or a script posting to
  // localhost) is refused by Host and Origin: only this server's own address may talk to it.
  let port = 0;
  const ownHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const trusted = (request: IncomingMessage) => {
    const { host, origin } = request.headers;
    if (host === undefined || !ownHosts().includes(host)) return false;
    return origin === undefined || ownHosts().some((own) => origin === `http://${own}`);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!trusted(request)) return send(response, 403, 'text/plain', "forbidden: not this server's own address\n");
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'method not allowed\n');
    // Compare the raw path: no decoding, no normalising, so `..` and `%2e%2e` can never reach a file.
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/' || path === '/index.html') return send(response, 200, 'text/html; charset=utf-8', viewerPage({ title: options.model.title }));
    if (path === '/api/model') return send(response, 200, 'application/json', modelJson);
    if (path === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    if (path === '/stately') return send(response, 200, 'text/html; charset=utf-8', statelyBridgePage());
    const script = scripts.get(path);
    if (script) return send(response, 200, 'text/javascript; charset=utf-8', script);
    return send(response, 404, 'text/plain', 'not found\n');
  });

  // Two doors: the inspector publishes on /inspect; viewers listen on /ws and are never heard.
  // A malformed frame, an oversized message or a dropped connection ends that socket only.
  const viewers = new WebSocketServer({ noServer: true, maxPayload: MAX_VIEWER_MESSAGE });
  const publishers = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  const history: string[] = [];
  let historyBytes = 0;
  /** How many messages the history has let go of: the place of its first in the whole run. */
  let forgotten = 0;
  const guard = (socket: WebSocket) => socket.on('error', () => socket.terminate());
  let viewerArrived = () => {};
  const firstViewer = new Promise<void>((resolve) => (viewerArrived = resolve));

  // Each viewer reads the history from its own place in it, handed over as its socket drains, so
  // the server copies out at most SOCKET_BUFFER and a message for a viewer that does not read.
  // One that falls so far behind that the history lets go of a message it was never sent is too
  // slow: it is disconnected, saying so, rather than have the server hold its backlog (a page
  // that never read once took the server to 2 GB in 14 s).
  const places = new Map<WebSocket, number>();
  const handOver = (client: WebSocket) => {
    let next = places.get(client);
    if (next === undefined || client.readyState !== WebSocket.OPEN) return;
    while (next < forgotten + history.length && client.bufferedAmount < SOCKET_BUFFER) {
      client.send(history[next - forgotten] as string, () => handOver(client));
      next += 1;
    }
    places.set(client, next);
  };
  const tooSlow = (client: WebSocket) => {
    places.delete(client);
    // Everything the history holds is still to come for it, after what its socket holds.
    const unread = `${Math.floor((client.bufferedAmount + historyBytes) / (1024 * 1024))} MB unread`;
    // The close frame waits behind what the socket holds; ws ends the socket if it is never read.
    client.close(1013, `too slow: ${unread}`);
    options.warn?.(`a viewer read the live events too slowly and was disconnected (${unread}); reloading the page starts it again`);
  };
  viewers.on('connection', (socket) => {
    guard(socket);
    viewerArrived();
    places.set(socket, forgotten);
    socket.on('close', () => places.delete(socket));
    handOver(socket);
  });
  publishers.on('connection', (socket) => {
    guard(socket);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = data.toString();
      history.push(message);
      historyBytes += message.length;
      while (history.length > REPLAY_BUFFER || historyBytes > REPLAY_BYTES) {
        historyBytes -= (history.shift() as string).length;
        forgotten += 1;
      }
      for (const [client, next] of places) {
        if (client.readyState !== WebSocket.OPEN) continue;
        if (next < forgotten) tooSlow(client);
        else handOver(client);
      }
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const door = request.url === '/ws' ? viewers : request.url === '/inspect' ? publishers : undefined;
    socket.on('error', () => socket.destroy());
    if (!door || !trusted(request)) {
      socket.destroy();
      return;
    }
    if (door.clients.size >= (door === viewers ? MAX_VIEWERS : MAX_PUBLISHERS)) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    door.handleUpgrade(request, socket, head, (client) => door.emit('connection', client, request));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    inspectUrl: `ws://127.0.0.1:${port}/inspect`,
    port,
    firstViewer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...viewers.clients, ...publishers.clients]) client.terminate();
        viewers.close();
        publishers.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
