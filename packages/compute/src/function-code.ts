import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ISynthesisSession, TerraformStack } from 'cdktf';
// The hook cdktf's own TerraformAsset writes its files with; the package has no exports map, and
// the index does not re-export it.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { bundleFunction, type FunctionBundle, type FunctionSource } from './function-bundle';

/** Where zips go, relative to the stack directory (Terraform resolves `filename` from there). */
export const FUNCTION_ASSETS_DIR = 'assets/functions';

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
        writeFileSync(target, this.bundle.zip);
      },
    });
  }
}
