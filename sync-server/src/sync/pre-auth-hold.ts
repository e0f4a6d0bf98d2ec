import type { RawData, WebSocket } from 'ws';

/** Frames a connection sent before it was authorized, held unapplied. */
export interface HeldFrames {
  /** Stops holding and returns the frames in arrival order (for replay once authorized). */
  take(): RawData[];
  /** Stops holding and drops the frames: nothing of them is ever applied. */
  drop(): void;
}

function sizeOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, b) => sum + b.byteLength, 0);
  return data.byteLength;
}

/**
 * Holds what a client sends while its token is being verified and its document loaded. A client
 * may send its first sync messages (and even updates) as soon as the socket opens; they wait here,
 * unparsed, and are replayed only if the connection is authorized. Past `maxBytes` or `maxFrames`
 * the connection costs more than an unauthenticated peer may: `onOverflow` is called once and the
 * frames are dropped.
 */
export function holdFrames(
  ws: WebSocket,
  caps: { maxBytes: number; maxFrames: number },
  onOverflow: () => void,
): HeldFrames {
  let frames: RawData[] = [];
  let bytes = 0;
  let overflowed = false;
  const onMessage = (data: RawData): void => {
    if (overflowed) return;
    bytes += sizeOf(data);
    frames.push(data);
    if (bytes > caps.maxBytes || frames.length > caps.maxFrames) {
      overflowed = true;
      frames = [];
      onOverflow();
    }
  };
  ws.on('message', onMessage);
  return {
    take() {
      ws.off('message', onMessage);
      const held = frames;
      frames = [];
      return held;
    },
    drop() {
      ws.off('message', onMessage);
      frames = [];
    },
  };
}
