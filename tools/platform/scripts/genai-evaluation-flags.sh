#!/usr/bin/env bash
# After the apply of <env>'s genai-bedrock stacks: prints one `--guardrail <project>=<id>:<version>`
# and one `--agent <project>=<agent id>:<alias id>` per project, from each stack's outputs
# guardrail_id, guardrail_version, agent_id and agent_alias_id, for `platform evaluate-genai`.
# Reads the stacks `platform deploy` initialised in $PLATFORM_OUT (default cdktf.out); needs the
# state read of the job's deploy role.
#
#   genai-evaluation-flags.sh <env>
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "Usage: $0 <env>" >&2
  exit 2
fi
environment=$1
if ! [[ "$environment" =~ ^[a-z0-9]{2,10}$ ]]; then
  echo "Environment \"$environment\" is not an environment name (2-10 lower-case letters or digits, as environments/<env>.json)." >&2
  exit 2
fi
out=${PLATFORM_OUT:-cdktf.out}

found=0
for dir in "$out"/stacks/genai-bedrock-*-"$environment"; do
  [ -f "$dir/cdk.tf.json" ] || continue
  stack=$(basename "$dir")
  project=${stack#genai-bedrock-}
  project=${project%-"$environment"}
  id=$(terraform -chdir="$dir" output -raw guardrail_id)
  version=$(terraform -chdir="$dir" output -raw guardrail_version)
  printf -- '--guardrail %s=%s:%s\n' "$project" "$id" "$version"
  agent=$(terraform -chdir="$dir" output -raw agent_id)
  alias=$(terraform -chdir="$dir" output -raw agent_alias_id)
  printf -- '--agent %s=%s:%s\n' "$project" "$agent" "$alias"
  found=$((found + 1))
done
if [ "$found" -eq 0 ]; then
  echo "No genai-bedrock stack of $environment in $out/stacks. Synthesize and apply them first (npm run synth -- --env $environment; npm run platform -- deploy --env $environment --app genai-bedrock)." >&2
  exit 1
fi
