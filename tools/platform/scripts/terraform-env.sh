#!/usr/bin/env bash
# Runs Terraform on every synthesized stack of one environment, in the order the stacks depend on
# each other: foundation (VPC, keys, buckets), then shared services, then the blueprint stacks by
# name. Used by the workflows after `platform preflight` has checked the account.
#
#   terraform-env.sh plan  <env> [<app>...]   terraform init, terraform plan
#   terraform-env.sh apply <env> [<app>...]   terraform init, terraform plan -out tfplan, terraform apply tfplan
#
# <app>... limits the run to the stacks of those apps (e.g. the inference blueprints when a model
# is promoted). Bootstrap stacks are never touched: an administrator applies them once, and the
# roles this runs with cannot change them. Stacks come from $PLATFORM_OUT (default cdktf.out), as
# written by `npm run synth -- --env <env>`. Stops at the first failing stack: later stacks may
# depend on what it would have created.
#
# A stack that declares variables reads foundation's outputs through them (FoundationInputs in
# packages/core): before planning it, foundation's `terraform output -json` is turned into the
# stack's platform_stack_inputs.auto.tfvars.json by write-stack-inputs.ts.
set -euo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  echo "Usage: $0 plan|apply <env> [<app>...]" >&2
  echo "Example: $0 apply test inference-realtime inference-serverless" >&2
  exit 2
}

[ $# -ge 2 ] || usage
mode=$1
environment=$2
shift 2
case "$mode" in
  plan | apply) ;;
  *)
    echo "Unknown mode \"$mode\"; allowed: plan, apply." >&2
    usage
    ;;
esac
if ! [[ "$environment" =~ ^[a-z0-9]{2,10}$ ]]; then
  echo "Environment \"$environment\" is not an environment name (2-10 lower-case letters or digits, as environments/<env>.json)." >&2
  exit 2
fi

out=${PLATFORM_OUT:-cdktf.out}
stacks_dir="$out/stacks"
if [ ! -d "$stacks_dir" ]; then
  echo "No synthesized stacks in $stacks_dir. Run \"npm run synth -- --env $environment\" first." >&2
  exit 1
fi

# Order: these account-level apps first, in this order; everything else by name.
first_apps=(foundation shared-services)

selected() {
  local stack=$1 app
  [[ "$stack" == *"-$environment" ]] || return 1
  [[ "$stack" == bootstrap-* ]] && return 1
  [ $# -gt 1 ] || return 0
  shift
  for app in "$@"; do
    [[ "$stack" == "$app-"* ]] && return 0
  done
  return 1
}

stacks=()
for app in "${first_apps[@]}"; do
  stack="$app-$environment"
  if [ -f "$stacks_dir/$stack/cdk.tf.json" ] && selected "$stack" "$@"; then stacks+=("$stack"); fi
done
while IFS= read -r stack; do
  [[ " ${first_apps[*]/%/-$environment} " == *" $stack "* ]] && continue
  if selected "$stack" "$@"; then stacks+=("$stack"); fi
done < <(find "$stacks_dir" -mindepth 2 -maxdepth 2 -name cdk.tf.json -printf '%h\n' | xargs -r -n1 basename | LC_ALL=C sort)

if [ ${#stacks[@]} -eq 0 ]; then
  filter=${*:+ of the apps $*}
  echo "No stack of environment \"$environment\"$filter in $stacks_dir (bootstrap stacks are never applied here)." >&2
  echo "Synthesize them with \"npm run synth -- --env $environment\", or check the app names." >&2
  exit 1
fi

group() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::group::$*"; else echo "== $*"; fi; }
endgroup() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::endgroup::"; fi; }

foundation_dir="$stacks_dir/foundation-$environment"
foundation_outputs="$out/foundation-$environment.outputs.json"
# Read once per run, after foundation was applied in it: never an earlier run's values.
rm -f "$foundation_outputs"
stack_inputs() {
  local dir=$1
  if [ ! -f "$foundation_outputs" ]; then
    [ -d "$foundation_dir/.terraform" ] || terraform -chdir="$foundation_dir" init -input=false -no-color
    terraform -chdir="$foundation_dir" output -json >"$foundation_outputs"
  fi
  node --conditions=@genai-sandbox/source --import tsx "$script_dir/write-stack-inputs.ts" "$foundation_outputs" "$dir"
}

echo "terraform $mode, environment $environment: ${stacks[*]}"
for stack in "${stacks[@]}"; do
  dir="$stacks_dir/$stack"
  group "$stack: terraform init"
  terraform -chdir="$dir" init -input=false -no-color
  endgroup
  if grep -q '"variable"' "$dir/cdk.tf.json"; then
    group "$stack: stack inputs from foundation-$environment"
    stack_inputs "$dir"
    endgroup
  fi
  if [ "$mode" = plan ]; then
    group "$stack: terraform plan"
    terraform -chdir="$dir" plan -input=false -lock-timeout=10m -no-color
    endgroup
  else
    group "$stack: terraform plan -out tfplan"
    terraform -chdir="$dir" plan -input=false -lock-timeout=10m -no-color -out=tfplan
    endgroup
    # The saved plan is applied as reviewed: nothing is planned again between plan and apply.
    group "$stack: terraform apply tfplan"
    terraform -chdir="$dir" apply -input=false -lock-timeout=10m -no-color tfplan
    endgroup
  fi
done
echo "terraform $mode done for ${#stacks[@]} stack(s) of $environment."
