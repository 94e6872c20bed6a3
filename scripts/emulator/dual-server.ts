/**
 * One TCP port that speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge), chosen per connection
 * from the first bytes. The JavaScript Lex Runtime V2 client uses HTTP/2 (its default request
 * handler is NodeHttp2Handler, for StartConversation), while the Models V2 client and the AWS CLI use
 * HTTP/1.1; both must reach the same emulator endpoint.
 * @see https://httpwg.org/specs/rfc9113.html#preface
 * @module
 */
import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

/** The HTTP/2 client connection preface starts with these bytes. */
const PREFACE = Buffer.from('PRI * HTTP/2.0');

/** A request handler for both protocols (the HTTP/2 compatibility API mirrors node:http). */
export type DualHandler = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void;

/** A listening server for both protocols. */
export interface DualServer {
  server: Server;
  /** Destroys every open connection (SDK clients keep them alive). */
  closeAllConnections(): void;
}

/** Creates the server; call `server.listen(...)` on the result. */
export function createDualServer(handler: DualHandler): DualServer {
  const h1 = createHttp1Server(handler as (req: IncomingMessage, res: ServerResponse) => void);
  const h2 = createHttp2Server(handler as (req: Http2ServerRequest, res: Http2ServerResponse) => void);
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const isHttp2 = first.subarray(0, PREFACE.length).equals(PREFACE.subarray(0, Math.min(PREFACE.length, first.length))) && first.length >= 3;
      (isHttp2 ? h2 : h1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return {
    server,
    closeAllConnections: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  };
}
