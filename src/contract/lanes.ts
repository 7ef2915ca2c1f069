/**
 * Exclusive lanes, one per organization and integration kind. A run that changes or reads a kind's state
 * holds the lanes of that kind in the organizations it works in for its whole length, so runs on one
 * connection never see each other's state, while runs on others go on beside them. Waiters get a lane in
 * the order they asked for it.
 */
export class Lanes {
  private readonly busy = new Set<string>();
  private readonly waiting: Array<{ readonly kinds: readonly string[]; readonly grant: () => void }> = [];

  /** The lanes' release, at once when they are free and nobody queues for them; otherwise undefined. */
  tryAcquire(kinds: readonly string[]): (() => void) | undefined {
    if (!this.free(kinds) || this.waiting.some((waiter) => overlaps(waiter.kinds, kinds))) return undefined;
    return this.take(kinds);
  }

  async acquire(kinds: readonly string[]): Promise<() => void> {
    const release = this.tryAcquire(kinds);
    if (release) return release;
    await new Promise<void>((grant) => this.waiting.push({ kinds, grant }));
    return () => this.release(kinds);
  }

  private take(kinds: readonly string[]): () => void {
    for (const kind of kinds) this.busy.add(kind);
    return () => this.release(kinds);
  }

  private release(kinds: readonly string[]): void {
    for (const kind of kinds) this.busy.delete(kind);
    // First come, first served per kind: a waiter is passed over only for one before it on the same kinds.
    const blocked = new Set<string>();
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      if (this.free(waiter.kinds) && !waiter.kinds.some((kind) => blocked.has(kind))) {
        this.waiting.splice(i, 1);
        this.take(waiter.kinds);
        waiter.grant();
      } else {
        for (const kind of waiter.kinds) blocked.add(kind);
        i++;
      }
    }
  }

  private free(kinds: readonly string[]): boolean {
    return kinds.every((kind) => !this.busy.has(kind));
  }
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((kind) => b.includes(kind));
