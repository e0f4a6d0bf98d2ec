/**
 * Which sequence numbers of one document an instance has seen. The shared store numbers a
 * document's updates without gaps, so "seen 7 and 9 but not 8" means an update was committed and
 * never announced (its writer died in between, or the stream was trimmed): the instance must read
 * the store. `through` is the highest number below which nothing is missing.
 */
export class SeqTracker {
  private readonly ahead = new Set<number>();
  private gapSince: number | null = null;

  constructor(private contiguous: number) {}

  /** Every update up to and including this number has been applied. */
  get through(): number {
    return this.contiguous;
  }

  /** The highest number seen, contiguous or not. */
  get highest(): number {
    let max = this.contiguous;
    for (const seq of this.ahead) if (seq > max) max = seq;
    return max;
  }

  /** Records one applied update; `now` (ms) dates a gap that opens. */
  see(seq: number, now: number): void {
    if (seq <= this.contiguous) return;
    this.ahead.add(seq);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    if (this.ahead.size === 0) this.gapSince = null;
    else this.gapSince ??= now;
  }

  /** Records that the whole store up to `seq` has been applied (after a full reload). */
  caughtUp(seq: number): void {
    if (seq > this.contiguous) this.contiguous = seq;
    for (const s of this.ahead) if (s <= this.contiguous) this.ahead.delete(s);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    this.gapSince = this.ahead.size === 0 ? null : this.gapSince;
  }

  /** Whether a gap has stayed open for at least `graceMs` (a late entry had time to arrive). */
  gapOlderThan(graceMs: number, now: number): boolean {
    return this.gapSince !== null && now - this.gapSince >= graceMs;
  }
}
