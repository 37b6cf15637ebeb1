import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceProcessOptions {
  /** Log prefix, e.g. `query-1`. */
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  /** Where prefixed output lines go (default stdout). */
  readonly write?: (line: string) => void;
  /** A line that means "ready" (default: a JSON log line with "msg":"ready", or the gateway's banner). */
  readonly readyLine?: RegExp;
}

/**
 * One app of the distributed mode as a child process: output lines prefixed with its name,
 * `ready` resolves when it logs that it is ready, `stop` sends SIGTERM (SIGKILL after 10 s).
 */
export class ServiceProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private exited = false;

  constructor(private readonly options: ServiceProcessOptions) {
    const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    const pad = options.name.padEnd(8);
    this.child = spawn(process.execPath, [options.script], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const readyLine = options.readyLine ?? /"msg":"ready"/;
    this.ready = new Promise((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          write(`[${pad}] ${line}`);
          if (readyLine.test(line)) resolve();
        }
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        write(`[${pad}] exited (${signal ?? `code ${code}`})`);
        reject(new Error(`${options.name} exited before it was ready (${signal ?? `code ${code}`})`));
      });
    });
    this.ready.catch(() => undefined);
  }

  get running(): boolean {
    return !this.exited;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10000);
    await gone;
    clearTimeout(timer);
  }
}
