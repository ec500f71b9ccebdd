import { isAbsolute, relative } from 'node:path';

/** Where the CLI writes: progress and results to `out`, problems to `err`. One call is one line or block. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** A path as the user would type it: relative to the working directory when inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(milliseconds < 1000 ? 2 : 1)}s`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Indents every line of a block, for terraform output and diagnostics under a stack's line. */
export function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/**
 * `[2/9] plan foundation-dev ok 6.1s`: one line per finished stack, numbered in the order they
 * finish, because stacks run in parallel and a reader wants to see how far the run is.
 */
export class Progress {
  private finished = 0;

  constructor(
    private readonly output: Output,
    private readonly verb: string,
    private readonly total: number,
  ) {}

  done(stack: string, ok: boolean, milliseconds: number, detail?: string, block?: string): void {
    this.finished += 1;
    const width = String(this.total).length;
    const counter = `[${String(this.finished).padStart(width)}/${this.total}]`;
    const line = `${counter} ${this.verb} ${stack} ${ok ? 'ok' : 'FAILED'} ${seconds(milliseconds)}${detail ? ` ${detail}` : ''}`;
    this.output.out(block ? `${line}\n${block}` : line);
  }
}
