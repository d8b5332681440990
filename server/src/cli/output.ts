/** Writing to stdout with back-pressure, and the progress bar on stderr. */

/** A progress bar on a terminal; silent elsewhere. Shown once a run is long (many files, or more than a second). */
export class Progress {
  private phase = '';
  private total = 0;
  private done = 0;
  private lastDraw = 0;
  private visible = false;
  private readonly started = Date.now();

  constructor(
    private readonly stream: NodeJS.WriteStream | undefined,
    private readonly totalFiles: number,
  ) {}

  /** Starts a phase (`indexing`, `checking`) of `total` files. */
  start(phase: string, total: number): void {
    this.phase = phase;
    this.total = total;
    this.done = 0;
    this.draw(true);
  }

  /** Counts finished files. */
  tick(n: number): void {
    this.done += n;
    this.draw(false);
  }

  private draw(force: boolean): void {
    const s = this.stream;
    if (!s) return;
    const now = Date.now();
    if (!this.visible && this.totalFiles <= 500 && now - this.started < 1000) return;
    if (!force && now - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = now;
    const columns = s.columns || 80;
    const label = `${this.phase} ${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} files`;
    const width = Math.max(10, Math.min(40, columns - label.length - 4));
    const filled = this.total ? Math.round((width * this.done) / this.total) : width;
    s.write(`\r\u001b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}`);
    this.visible = true;
  }

  /** Removes the bar (before other output, and at the end). */
  clear(): void {
    if (this.visible && this.stream) {
      this.stream.write('\r\u001b[K');
      this.visible = false;
      this.lastDraw = 0;
    }
  }
}

/** Buffers small writes and waits for `drain` when the stream is full. */
export class Output {
  private buffer: string[] = [];
  private size = 0;
  private broken = false;

  /** True once the reader has gone away (EPIPE): the run can stop. */
  get isBroken(): boolean {
    return this.broken;
  }

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly beforeWrite?: () => void,
  ) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.broken = true; // the reader went away (`| head`): stop writing
      else throw e;
    });
  }

  /** Queues text; resolves once it is safe to queue more. */
  write(text: string): void | Promise<void> {
    if (!text || this.broken) return;
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) return this.flush();
  }

  /** Writes what is queued. */
  flush(): void | Promise<void> {
    if (!this.size || this.broken) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    this.beforeWrite?.();
    if (this.stream.write(chunk)) return;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.removeListener('drain', done);
        this.stream.removeListener('close', done);
        this.stream.removeListener('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }
}
