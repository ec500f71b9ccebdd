import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ISynthesisSession, TerraformStack } from 'cdktf';
// The hook cdktf's own TerraformAsset writes its files with; the package has no exports map, and
// the index does not re-export it.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { bundleFunction, type FunctionBundle, type FunctionSource } from './function-bundle';

/** Where zips go, relative to the stack directory (Terraform resolves `filename` from there). */
export const FUNCTION_ASSETS_DIR = 'assets/functions';

/** Per output directory and zip: the first copy written, which later stacks link to. */
const written = new Map<string, string>();

/**
 * Writes `zip` to `target`, as a hard link to an identical zip written earlier into the same
 * output directory when there is one. Why: 300 stacks deploying the same two functions wrote 180
 * copies (18 MB), and replacing that output cost seconds of unlink on this machine's disk; links
 * cost one copy. Each stack directory still holds its zip (Terraform and `cdktf deploy` see a
 * plain file). A file system without hard links gets a copy.
 */
function writeZip(outdir: string, bundle: FunctionBundle, target: string): void {
  const key = `${outdir}\0${bundle.sha256}`;
  const first = written.get(key);
  if (first) {
    try {
      linkSync(first, target);
      return;
    } catch {
      // no hard links here (or the first copy is gone): write a copy
    }
  }
  writeFileSync(target, bundle.zip);
  written.set(key, target);
}

/**
 * A function's zip inside the stack's output directory. The bytes come from the bundle cache,
 * not from cdktf's TerraformAsset (whose archives keep file modification times), and are written
 * when the stack is synthesized, under a content-addressed name: two synths, or two checkouts,
 * write the same file.
 */
export class FunctionCode extends Construct {
  readonly bundle: FunctionBundle;
  /** Relative to the stack directory: `assets/functions/<name>-<hash>.zip`. */
  readonly filename: string;
  /** base64 sha256 of the zip, for `source_code_hash`. */
  readonly sourceCodeHash: string;

  constructor(scope: Construct, id: string, source: FunctionSource) {
    super(scope, id);
    this.bundle = bundleFunction(source);
    this.filename = `${FUNCTION_ASSETS_DIR}/${this.bundle.fileName}`;
    this.sourceCodeHash = this.bundle.sha256;
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const stackFile = session.manifest.forStack(stack).synthesizedStackPath;
        const target = join(session.manifest.outdir, dirname(stackFile), this.filename);
        mkdirSync(dirname(target), { recursive: true });
        writeZip(session.manifest.outdir, this.bundle, target);
      },
    });
  }
}
