import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_FILE } from '../manifest';
import { RESULTS } from './work-dir';

/** A stack to validate or plan. */
export interface StackTarget {
  readonly name: string;
  /** `<out>/stacks/<name>`. */
  readonly dir: string;
}

/** What a batch needs to know of one stack's directory. */
export interface BatchMember {
  /** Set when the stack cannot share a terraform process, saying why. */
  readonly alone?: string;
  /**
   * The stack's other files (assets) by path relative to the stack directory, each with the
   * SHA-256 of its content. A stack names them relative to where terraform runs (`filename =
   * "assets/functions/x.zip"`), so a batch links them at its root, where paths resolve exactly as
   * in the stack's own work directory, and stacks whose same path holds different content go to
   * different batches.
   */
  readonly files: ReadonlyMap<string, string>;
}

/** Files Terraform reads as configuration or variables: only in a module would they be ignored or change meaning. */
const CONFIGURATION = /\.(tf|tfvars)(\.json)?$/;

/** Names the batch root uses for itself (main.tf.json and the tfvars are configuration, above). */
const ROOT_NAMES = new Set(['tfplan', 'terraform.tfstate']);

/**
 * `path.module` and `path.root` are "." in a stack's own work directory but differ for a module
 * of a batch, and would change what a stack plans.
 */
const MODULE_PATHS = /\bpath\.(module|root)\b/;

export function batchMember(stackDir: string): BatchMember {
  const files = new Map<string, string>();
  if (!existsSync(stackDir)) return { files };
  for (const entry of readdirSync(stackDir)) {
    if (entry === STACK_FILE || RESULTS.has(entry)) continue;
    if (CONFIGURATION.test(entry) || entry.startsWith('.') || ROOT_NAMES.has(entry)) {
      return { alone: `it has ${entry}`, files };
    }
    collectFiles(stackDir, entry, files);
  }
  const stackFile = join(stackDir, STACK_FILE);
  if (existsSync(stackFile) && MODULE_PATHS.test(readFileSync(stackFile, 'utf8'))) {
    return { alone: 'it uses path.module or path.root', files };
  }
  return { files };
}

function collectFiles(base: string, relative: string, files: Map<string, string>): void {
  const path = join(base, relative);
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) collectFiles(base, `${relative}/${entry}`, files);
  } else {
    files.set(relative, createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
}

/** The stacks of one batch and the files they share at its root. */
export class StackBatch {
  readonly stacks: StackTarget[] = [];
  /** Path relative to the batch root -> SHA-256 of its content. */
  private readonly digests = new Map<string, string>();
  /** Path relative to the batch root -> the file of the first stack that has it. */
  readonly sharedFiles = new Map<string, string>();

  /**
   * Whether a stack fits: no path its files share with the batch's holds other content, and no
   * top-level name of a shared file is the directory of a stack's module.
   */
  accepts(name: string, member: BatchMember): boolean {
    for (const [path, digest] of member.files) {
      const present = this.digests.get(path);
      if (present !== undefined && present !== digest) return false;
      if (this.stacks.some((stack) => stack.name === topLevel(path))) return false;
    }
    for (const path of this.digests.keys()) if (topLevel(path) === name) return false;
    return true;
  }

  add(stack: StackTarget, member: BatchMember): void {
    this.stacks.push(stack);
    for (const [path, digest] of member.files) {
      if (this.digests.has(path)) continue;
      this.digests.set(path, digest);
      this.sharedFiles.set(path, join(stack.dir, path));
    }
  }
}

function topLevel(path: string): string {
  return path.split('/')[0];
}
