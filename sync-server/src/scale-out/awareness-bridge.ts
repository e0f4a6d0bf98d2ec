import type { Redis } from 'ioredis';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { SharedDoc } from '../documents/shared-doc.ts';

/** The origin of presence states applied from another instance; they are not published back. */
export const REMOTE_AWARENESS = Symbol('remote-awareness');

/**
 * Presence across instances, best effort: every awareness update of a document (from this
 * instance's clients, renewals included, so remote copies do not time out) is published on the
 * document's channel, and updates from other instances are applied locally, which relays them to
 * this instance's clients. Presence is not stored: a lost message only delays a cursor until
 * the client's next renewal, and states of a dead instance expire through the awareness timeout.
 */
export class AwarenessBridge {
  private readonly attached = new Map<string, { shared: SharedDoc; off: () => void }>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channelPrefix: string,
    private readonly instanceId: string,
    private readonly onError: (error: unknown) => void,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
  }

  /** Starts bridging a loaded document (replacing an older copy of the same name). */
  attach(shared: SharedDoc): void {
    const name = shared.name;
    if (this.attached.get(name)?.shared === shared) return;
    this.detach(name);
    const channel = this.channelPrefix + name;
    const header = Buffer.from(this.instanceId);
    const onUpdate = (
      change: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ): void => {
      if (origin === REMOTE_AWARENESS) return;
      // The server's own (empty) state is not presence: leave it out.
      const own = shared.awareness.clientID;
      const changed = [...change.added, ...change.updated, ...change.removed].filter(
        (id) => id !== own,
      );
      if (changed.length === 0) return;
      const body = encodeAwarenessUpdate(shared.awareness, changed);
      this.publisher.publish(channel, Buffer.concat([header, body])).catch(this.onError);
    };
    shared.awareness.on('update', onUpdate);
    this.attached.set(name, { shared, off: () => shared.awareness.off('update', onUpdate) });
    this.subscriber.subscribe(channel).catch(this.onError);
  }

  /** Stops bridging a document (it was unloaded). */
  detach(name: string): void {
    const entry = this.attached.get(name);
    if (entry === undefined) return;
    entry.off();
    this.attached.delete(name);
    this.subscriber.unsubscribe(this.channelPrefix + name).catch(this.onError);
  }

  private receive(channel: string, message: Buffer): void {
    if (!channel.startsWith(this.channelPrefix)) return;
    const entry = this.attached.get(channel.slice(this.channelPrefix.length));
    if (entry === undefined || message.length <= this.instanceId.length) return;
    if (message.subarray(0, this.instanceId.length).toString() === this.instanceId) return;
    try {
      applyAwarenessUpdate(
        entry.shared.awareness,
        message.subarray(this.instanceId.length),
        REMOTE_AWARENESS,
      );
    } catch (error) {
      this.onError(error);
    }
  }
}
