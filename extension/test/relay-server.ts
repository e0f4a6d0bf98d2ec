import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * A small real y-websocket relay for the extension's own tests: one Y.Doc per room, the sync
 * protocol from y-protocols, and a per-room refusal so the close-code handling can be tested on a
 * real socket. It stands in for the Firstline server, whose tests live in sync-server/.
 */
export interface RelayServer {
  url: string;
  docs: Map<string, Y.Doc>;
  /** Number of WebSocket upgrades per room, to check that a refused client stops retrying. */
  connections: Map<string, number>;
  /** Rooms that are closed straight away with the given code. */
  refuse: Map<string, number>;
  /** The `token` URL parameter of every connection, in order. */
  tokens: string[];
  stop(): Promise<void>;
}

const MESSAGE_SYNC = 0;

export async function startRelayServer(): Promise<RelayServer> {
  const docs = new Map<string, Y.Doc>();
  const connections = new Map<string, number>();
  const refuse = new Map<string, number>();
  const tokens: string[] = [];
  const peers = new Map<string, Set<WebSocket>>();
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });

  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const room = decodeURIComponent(url.pathname.replace(/^\/sync\//, ''));
    connections.set(room, (connections.get(room) ?? 0) + 1);
    tokens.push(url.searchParams.get('token') ?? '');
    const code = refuse.get(room);
    if (code !== undefined) {
      ws.close(code, 'refused by test');
      return;
    }
    let doc = docs.get(room);
    if (!doc) {
      doc = new Y.Doc();
      docs.set(room, doc);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MESSAGE_SYNC);
        syncProtocol.writeUpdate(enc, update);
        const frame = encoding.toUint8Array(enc);
        for (const peer of peers.get(room) ?? []) if (peer !== origin) peer.send(frame);
      });
    }
    const roomDoc = doc;
    const set = peers.get(room) ?? new Set<WebSocket>();
    peers.set(room, set);
    set.add(ws);
    ws.on('close', () => set.delete(ws));
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, enc, roomDoc, ws);
      if (encoding.length(enc) > 1) ws.send(encoding.toUint8Array(enc));
    });
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, roomDoc);
    ws.send(encoding.toUint8Array(step1));
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    docs,
    connections,
    refuse,
    tokens,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
}
