/**
 * Runs tasks with at most `limit` in flight, keeping results in input order, and adapts the limit to what the
 * server sustains (AIMD): every finished task adds one to the limit (up to the maximum asked for), every rate
 * limit (429) multiplies it by `decrease`. A steady trickle of 429s therefore costs a few slots, not the batch:
 * at a 20% rate the limit settles near 0.8 / (0.2 x 0.1) = 40 of 50, where halving on each 429 fell to one.
 * The request that met the 429 waits what its `retry-after` asks (the SDK retries it within the deadline);
 * the pool only decides how many run at once.
 */
export class AdaptivePool {
  private limit: number;
  private readonly max: number;
  private active = 0;
  /** Waiting tasks, oldest first from `head` (a queue without the cost of shift on a long array). */
  private waiting: Array<() => void> = [];
  private head = 0;

  constructor(
    limit: number,
    private readonly decrease = 0.9,
  ) {
    this.limit = Math.max(1, Math.floor(limit));
    this.max = this.limit;
  }

  /** How many tasks may run at once now. */
  get currentLimit(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  /** A rate limit was met: multiplicative decrease, never below one. */
  slowDown(): void {
    this.limit = Math.max(1, this.limit * this.decrease);
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.currentLimit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  /** A task finished: additive increase, then wake as many waiting tasks as there are free slots. */
  private release(): void {
    this.active--;
    this.limit = Math.min(this.max, this.limit + 1);
    for (let free = this.currentLimit - this.active; free > 0 && this.head < this.waiting.length; free--) this.waiting[this.head++]!();
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
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
