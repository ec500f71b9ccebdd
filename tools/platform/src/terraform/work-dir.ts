import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { offlineOverride, OVERRIDE_FILE } from './offline-override';
import { OFFLINE_INPUTS_FILE, offlineStackInputs, STACK_INPUTS_FILE } from './stack-inputs';

/** What Terraform keeps in a work directory between runs: init is then a quick check. */
const KEPT = new Set(['.terraform', '.terraform.lock.hcl']);

/**
 * Files of a stack directory that are results, not configuration, and the stack inputs a deploy
 * wrote: an offline plan uses its placeholders, never a real account's values.
 */
export const RESULTS: ReadonlySet<string> = new Set(['plan.json', STACK_INPUTS_FILE]);

/**
 * Lays out the directory terraform runs in for one stack: a copy of cdk.tf.json, links to the
 * rest of the stack directory (assets), and for a plan the offline override and the placeholder
 * values of the stack's foundation inputs.
 *
 * Terraform runs here rather than in `<out>/stacks/<stack>` because init writes .terraform/ and
 * .terraform.lock.hcl where it runs and an override file has to sit beside the configuration;
 * the stack directory stays exactly what synth wrote (plus plan.json), so another tool reading
 * it never sees the offline backend, and a crash never leaves an override in it.
 */
export function prepareWorkDir(stackDir: string, workDir: string, mode: 'validate' | 'plan'): void {
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(workDir)) {
    if (!KEPT.has(entry)) rmSync(join(workDir, entry), { recursive: true, force: true });
  }
  for (const entry of readdirSync(stackDir)) {
    if (RESULTS.has(entry)) continue;
    const source = join(stackDir, entry);
    if (entry.endsWith('.tf.json') && lstatSync(source).isFile()) {
      copyFileSync(source, join(workDir, entry));
    } else {
      symlinkSync(source, join(workDir, entry));
    }
  }
  if (mode === 'plan') {
    const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as Parameters<
      typeof offlineOverride
    >[0] &
      Parameters<typeof offlineStackInputs>[0];
    writeFileSync(
      join(workDir, OVERRIDE_FILE),
      `${JSON.stringify(offlineOverride(stack), null, 2)}\n`,
    );
    const inputs = offlineStackInputs(stack);
    if (Object.keys(inputs).length > 0) {
      writeFileSync(join(workDir, OFFLINE_INPUTS_FILE), `${JSON.stringify(inputs, null, 2)}\n`);
    }
  }
}
