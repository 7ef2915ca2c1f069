import type { Semaphore } from './semaphore.js';

/**
 * Exclusive lanes, one per organization and integration kind. A run that changes or reads a kind's state
 * holds the lanes of that kind in the organizations it works in for its whole length, so runs on one
 * connection never see each other's state, while runs on others go on beside them. Every run leaves its
 * lanes as it found them (disconnected), so the order runs take a lane in changes no finding: a waiter gets
 * its lanes as soon as they are all free, those that need several first; once one of those has waited a
 * while, the runs that need one of its lanes leave them to it, so that neither kind of run starves.
 */
export class Lanes {
  private readonly busy = new Set<string>();
  private readonly waiting: Array<{ readonly lanes: readonly string[]; readonly grant: () => void; readonly since: number }> = [];

  /** How long a run that needs several lanes waits before the runs that need one stop taking them. */
  constructor(private readonly patienceMs = 500) {}

  /** The lanes' release, at once when they are free and no run waiting for several lanes holds them reserved. */
  tryAcquire(lanes: readonly string[]): (() => void) | undefined {
    return this.free(lanes) && !this.reserved(lanes) ? this.take(lanes) : undefined;
  }

  /**
   * The lanes for a run holding a worker slot of `slots`: at once when free; otherwise the run gives its slot to one
   * that can go on while it waits, and takes one back, before any run yet to start, once it has its lanes.
   */
  async enter(lanes: readonly string[], slots?: Semaphore): Promise<() => void> {
    const release = this.tryAcquire(lanes);
    if (release) return release;
    slots?.release();
    try {
      return await this.acquire(lanes);
    } finally {
      // Urgent: a run holding its lanes comes before a run yet to start, or the lanes would stand idle.
      await slots?.acquire(true);
    }
  }

  async acquire(lanes: readonly string[]): Promise<() => void> {
    const release = this.tryAcquire(lanes);
    if (release) return release;
    await new Promise<void>((grant) => this.waiting.push({ lanes, grant, since: Date.now() }));
    return () => this.release(lanes);
  }

  private take(lanes: readonly string[]): () => void {
    for (const lane of lanes) this.busy.add(lane);
    return () => this.release(lanes);
  }

  private release(lanes: readonly string[]): void {
    for (const lane of lanes) this.busy.delete(lane);
    // Runs that need several lanes first: they find them all free at once only if others do not take them.
    this.grant((waiter) => waiter.lanes.length > 1);
    this.grant((waiter) => waiter.lanes.length <= 1 && !this.reserved(waiter.lanes));
  }

  private grant(eligible: (waiter: (typeof this.waiting)[number]) => boolean): void {
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      if (eligible(waiter) && this.free(waiter.lanes)) {
        this.waiting.splice(i, 1);
        this.take(waiter.lanes);
        waiter.grant();
      } else i++;
    }
  }

  /** Whether a run that needs several lanes, one of these among them, has waited long enough to have them kept for it. */
  private reserved(lanes: readonly string[]): boolean {
    const now = Date.now();
    return this.waiting.some((waiter) => waiter.lanes.length > 1 && now - waiter.since >= this.patienceMs && waiter.lanes.some((lane) => lanes.includes(lane)));
  }

  private free(lanes: readonly string[]): boolean {
    return lanes.every((lane) => !this.busy.has(lane));
  }
}
