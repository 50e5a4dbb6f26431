/**
 * Runs tasks with at most `limit` in flight, keeping results in input order.
 * `slowDown()` (called by a task that met a rate limit) halves the limit for a while, so a batch
 * backs off instead of failing; the limit then grows back one step per finished task.
 */
export class AdaptivePool {
  private limit: number;
  private readonly max: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private quietUntil = 0;

  constructor(limit: number, private readonly now: () => number = Date.now) {
    this.limit = Math.max(1, limit);
    this.max = this.limit;
  }

  get currentLimit(): number {
    return this.limit;
  }

  slowDown(forMs = 5000): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.quietUntil = this.now() + forMs;
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    if (this.limit < this.max && this.now() >= this.quietUntil) this.limit++;
    for (let free = this.limit - this.active; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
  }

  async map<T, R>(items: readonly T[], task: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    await Promise.all(
      items.map(async (item, i) => {
        await this.acquire();
        try {
          results[i] = await task(item, i);
        } finally {
          this.release();
        }
      }),
    );
    return results;
  }
}
