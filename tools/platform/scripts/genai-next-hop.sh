#!/usr/bin/env bash
# After a push to main (a merged pull request recording a GenAI settings pin): the environment whose
# pin in environments/releases/<env>.json the push changed, when the next environment of the chain
# does not serve that version yet. That environment is the source of the next hop, which promote.yml
# then runs like a hop started by hand (the target's GitHub environment and reviewers included).
# Writes `source-environment=<env>` (empty when no hop is due) to GITHUB_OUTPUT, or prints it.
#
#   genai-next-hop.sh <commit-before-the-push> <env> <env> ...    (the promotion chain, in order)
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "Usage: $0 <commit-before-the-push> <env> <env> [...]  (the promotion chain, in order)" >&2
  exit 2
fi
before=$1
shift
chain=("$@")
config_dir=${PLATFORM_CONFIG_DIR:-environments}

# The pinned version of a manifest's text (nothing when there is no file or no pin).
pin_of() { jq -r '.genaiSettings.version // empty' 2>/dev/null || true; }
pinned_now() { [ -f "$config_dir/releases/$1.json" ] && pin_of <"$config_dir/releases/$1.json" || true; }
# A first push of a branch has no commit before it ("000..."): every pin counts as changed.
pinned_before() { git show "$before:$config_dir/releases/$1.json" 2>/dev/null | pin_of; }

source_environment=''
for ((index = 0; index < ${#chain[@]} - 1; index++)); do
  environment=${chain[index]}
  next=${chain[index + 1]}
  now=$(pinned_now "$environment")
  if [ -z "$now" ] || [ "$now" = "$(pinned_before "$environment")" ]; then continue; fi
  next_pin=$(pinned_now "$next")
  if [ "$now" = "$next_pin" ]; then
    echo "$environment's GenAI settings pin changed to $now, which $next already serves: no hop." >&2
    continue
  fi
  echo "$environment's GenAI settings pin changed to $now; $next serves ${next_pin:-no pinned version}: promoting $environment -> $next." >&2
  source_environment=$environment
  break
done

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "source-environment=$source_environment" >>"$GITHUB_OUTPUT"
else
  echo "source-environment=$source_environment"
fi
