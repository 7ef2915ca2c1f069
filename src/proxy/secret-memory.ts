/**
 * The last secrets seen go through the proxy (credential values, keys), so that a later answer echoing one is
 * caught, and so that no log line or recording shows one. Bounded: a long session keeps the most recent ones.
 */
export class SecretMemory {
  // Insertion order is recency order: a value seen again moves to the end.
  private readonly values = new Set<string>();

  constructor(private readonly capacity = 1_000) {}

  remember(secrets: Iterable<string>): void {
    for (const secret of secrets) {
      this.values.delete(secret);
      this.values.add(secret);
      if (this.values.size > this.capacity) this.values.delete(this.values.values().next().value!);
    }
  }

  get size(): number {
    return this.values.size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.values.values();
  }

  /** `text` with every remembered secret replaced by `replacement` (the longest first, so none is left half shown). */
  scrub(text: string, replacement: string): string {
    if (this.values.size === 0) return text;
    const found = [...this.values].filter((secret) => text.includes(secret));
    return found.sort((a, b) => b.length - a.length).reduce((scrubbed, secret) => scrubbed.split(secret).join(replacement), text);
  }
}
