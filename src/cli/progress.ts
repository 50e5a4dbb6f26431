/** A one-line progress bar redrawn in place on a terminal; silent elsewhere. */
export class ProgressBar {
  private done = 0;
  private last = '';

  constructor(
    private readonly out: { isTTY?: boolean; columns?: number; write(s: string): unknown },
    private readonly total: number,
    private readonly label = 'grading',
  ) {}

  tick(detail = ''): void {
    this.done++;
    this.draw(detail);
  }

  private draw(detail: string): void {
    if (!this.out.isTTY || this.total === 0) return;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    let line = `${this.label} ${bar} ${this.done}/${this.total} ${detail}`;
    const cols = this.out.columns ?? 80;
    if (line.length > cols - 1) line = line.slice(0, cols - 1);
    if (line === this.last) return;
    this.last = line;
    this.out.write(`\r\u001b[2K${line}`);
  }

  clear(): void {
    if (this.out.isTTY && this.last) this.out.write('\r\u001b[2K');
    this.last = '';
  }
}
