import { FOUNDATION_INPUTS, foundationInputPlaceholders } from '@genai-sandbox/core';

/**
 * Values for the variables a stack declares for foundation's outputs (`FoundationInputs` in
 * core). A real plan or apply reads them from `terraform output -json` of `foundation-<env>`; an
 * offline plan uses the deterministic placeholders. Either way they land in an `*.auto.tfvars.json`
 * beside the stack's configuration, which Terraform loads without a flag.
 */
export const STACK_INPUTS_FILE = 'platform_stack_inputs.auto.tfvars.json';
export const OFFLINE_INPUTS_FILE = 'platform_offline_inputs.auto.tfvars.json';

interface StackJson {
  readonly variable?: Record<string, { readonly type?: unknown; readonly default?: unknown }>;
}

/** `terraform output -json`: each output by name, with its value, type and sensitivity. */
type OutputJson = Record<string, { readonly value?: unknown }>;

const INPUT_NAMES: ReadonlySet<string> = new Set(
  Object.values(FOUNDATION_INPUTS).map((spec) => spec.name),
);

/** The variables of a synthesized stack that have no default, so something must supply them. */
export function requiredVariables(stack: StackJson): string[] {
  return Object.entries(stack.variable ?? {})
    .filter(([, variable]) => variable.default === undefined)
    .map(([name]) => name)
    .sort();
}

/**
 * The tfvars of `stack` from foundation's `terraform output -json` (`outputsText`, read from
 * `source` for messages). Every declared foundation input must be among the outputs; a required
 * variable that is no foundation input is a bug of the stack. All problems are reported at once.
 */
export function stackInputsFromOutputs(
  stack: StackJson,
  outputsText: string,
  source: string,
): Record<string, unknown> {
  let outputs: OutputJson;
  try {
    outputs = JSON.parse(outputsText) as OutputJson;
  } catch (error) {
    throw new Error(
      `${source} is not the JSON of "terraform output -json" (${error instanceof Error ? error.message : String(error)}); run "terraform output -json" in the foundation stack's directory and pass its output unchanged`,
    );
  }
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    throw new Error(
      `${source} holds ${JSON.stringify(outputs)}, not the object of "terraform output -json"; pass its output unchanged`,
    );
  }
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of requiredVariables(stack)) {
    if (!INPUT_NAMES.has(name)) {
      problems.push(
        `variable "${name}" is not a foundation input (${[...INPUT_NAMES].join(', ')}); declare stack inputs through FoundationInputs in @genai-sandbox/core`,
      );
    } else if (outputs[name]?.value === undefined) {
      problems.push(
        `output "${name}" is missing from ${source}; apply the foundation stack of this environment (it declares the output) and read its outputs again`,
      );
    } else {
      values[name] = outputs[name].value;
    }
  }
  if (problems.length > 0) throw new Error(`Stack inputs:\n  - ${problems.join('\n  - ')}`);
  return values;
}

/** The tfvars of `stack` for an offline plan: the placeholder of every foundation input it declares. */
export function offlineStackInputs(stack: StackJson): Record<string, unknown> {
  const placeholders = foundationInputPlaceholders();
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const name of requiredVariables(stack)) {
    if (name in placeholders) values[name] = placeholders[name];
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new Error(
      `variables ${unknown.map((name) => `"${name}"`).join(', ')} have no default and no offline placeholder; declare stack inputs through FoundationInputs in @genai-sandbox/core`,
    );
  }
  return values;
}

/** A POSIX shell word holding `text` exactly: single quotes, each quote closed and escaped. */
function shellWord(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Stack inputs as `export TF_VAR_<name>=<value>` lines, for `eval` before `cdktf deploy`:
 * Terraform reads a variable from `TF_VAR_<name>`, a string as it is and a list as its JSON
 * (valid HCL), and ignores those of variables a stack does not declare.
 */
export function stackInputsAsShellExports(values: Record<string, unknown>): string[] {
  return Object.entries(values).map(
    ([name, value]) =>
      `export TF_VAR_${name}=${shellWord(typeof value === 'string' ? value : JSON.stringify(value))}`,
  );
}
