import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One line of the companion's `--json` output. */
export type CompanionLine = { event: string; at: number; title?: string; artist?: string; seenAt?: number };

/**
 * The now-playing companion (tools/nowplaying/main.ts) as a child process with `--json` output, for the
 * end-to-end test and the bench: its lines are collected and can be waited on.
 */
export class Companion {
  readonly lines: CompanionLine[] = [];
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private stderr = '';

  constructor(args: string[], env: Record<string, string> = {}) {
    const root = new URL('../..', import.meta.url).pathname;
    this.child = spawn(process.execPath, ['tools/nowplaying/main.ts', '--json', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as CompanionLine);
      for (const listener of this.listeners) listener();
    });
    this.child.stderr!.on('data', (d) => {
      this.stderr += d;
    });
    this.child.on('close', () => {
      for (const listener of this.listeners) listener();
    });
  }

  /** The first line (from index `from`) that matches; fails if the process exits first. */
  next(match: (line: CompanionLine) => boolean, from = 0, timeoutMs = 20_000): Promise<CompanionLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.slice(from).find(match);
        if (found) {
          done();
          resolve(found);
        } else if (this.child.exitCode !== null) {
          done();
          reject(new Error(`the companion exited (${this.child.exitCode}): ${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out; the companion said ${JSON.stringify(this.lines)} ${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
