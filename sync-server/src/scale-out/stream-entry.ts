/**
 * How one committed update travels between instances: a Redis stream entry per update on the
 * document's stream, with the writer's instance id, the store's sequence number and the bytes.
 */
export interface StreamEntry {
  id: string;
  from: string;
  seq: number;
  update: Uint8Array;
}

/** The field list of `XADD` for one committed update. */
export function entryFields(from: string, seq: number, update: Uint8Array): (string | Buffer)[] {
  return [
    'i',
    from,
    's',
    String(seq),
    'u',
    Buffer.from(update.buffer, update.byteOffset, update.length),
  ];
}

/** Reads an entry as `XREAD`/`XRANGE` return it in buffer mode; null if it is not ours. */
export function parseEntry(id: Buffer | string, fields: Buffer[]): StreamEntry | null {
  let from: string | null = null;
  let seq = Number.NaN;
  let update: Uint8Array | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const key = fields[i]!.toString();
    const value = fields[i + 1]!;
    if (key === 'i') from = value.toString();
    else if (key === 's') seq = Number(value.toString());
    else if (key === 'u') update = new Uint8Array(value.buffer, value.byteOffset, value.length);
  }
  if (from === null || update === null || !Number.isSafeInteger(seq) || seq < 1) return null;
  return { id: id.toString(), from, seq, update };
}

/** Orders two stream ids (`ms-n`); Redis ids grow, but a reload may hand back an older one. */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', an = '0'] = a.split('-');
  const [bm = '0', bn = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const n = BigInt(an) - BigInt(bn);
  return n === 0n ? 0 : n < 0n ? -1 : 1;
}
