/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal so logs and pipes stay
 * clean. stdout is left for the summary line scripts read.
 */
export class ProgressBar {
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
  }

  /** A free-form status (pages fetched so far) where the total is unknown. */
  status(text: string): void {
    if (this.enabled) this.stream.write(`\r${this.label} ${text}`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
