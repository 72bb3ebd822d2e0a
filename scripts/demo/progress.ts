/**
 * One progress line for the demo. On a terminal it shows a spinner, the elapsed seconds and a live detail,
 * rewritten in place; elsewhere (CI, a pipe) only the finished lines are printed.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private label = '';
  private since = 0;
  private frame = 0;
  private detail: (() => string) | undefined;
  private readonly live: boolean;

  constructor(private readonly out: NodeJS.WriteStream) {
    this.live = Boolean(out.isTTY);
  }

  /** Starts a step; `detail` is polled for the live line (e.g. requests the API has seen). */
  start(label: string, detail?: () => string): void {
    this.stop();
    this.label = label;
    this.since = Date.now();
    this.detail = detail;
    if (!this.live) return;
    this.render();
    this.timer = setInterval(() => this.render(), 120);
  }

  done(message: string): void {
    this.finish('✔', message);
  }

  fail(message: string): void {
    this.finish('✖', message);
  }

  /** Stops the live line without printing a result. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live && this.label) this.out.write('\r\x1b[2K');
    this.label = '';
  }

  private finish(mark: string, message: string): void {
    this.stop();
    this.out.write(`${mark} ${message}\n`);
  }

  private render(): void {
    const seconds = ((Date.now() - this.since) / 1000).toFixed(0);
    const detail = this.detail ? ` · ${this.detail()}` : '';
    this.frame = (this.frame + 1) % FRAMES.length;
    const line = `${FRAMES[this.frame]} ${this.label} · ${seconds} s${detail}`;
    const width = this.out.columns ?? 120;
    this.out.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
  }
}
