#!/usr/bin/env bash
# After `platform promote --to <env>`: finds the release that environments/releases/<env>.json now
# records for the promoted package (the entries whose sourceModelPackageArn is <source-arn>), and
# writes two step outputs for the jobs that follow:
#   model-package-arn   the package registered in <env>, which the next environment promotes from
#   release-manifest    the whole releases/<env>.json, for the pull request that records it on main
# Without GITHUB_OUTPUT (run by hand) it prints them instead.
#
#   record-release.sh <env> <source-model-package-arn>
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "Usage: $0 <env> <source-model-package-arn>" >&2
  exit 2
fi
environment=$1
source_arn=$2
config_dir=${PLATFORM_CONFIG_DIR:-environments}
file="$config_dir/releases/$environment.json"

if [ ! -f "$file" ]; then
  echo "$file does not exist: platform promote writes it. Did the promote step run for $environment?" >&2
  exit 1
fi

arns=$(jq -r --arg source "$source_arn" \
  '[.releases[] | select(.sourceModelPackageArn == $source) | .modelPackageArn] | unique | .[]' "$file")
count=$(printf '%s' "$arns" | grep -c . || true)
if [ "$count" -eq 0 ]; then
  echo "$file has no release with sourceModelPackageArn = $source_arn: platform promote did not record the promotion." >&2
  echo "Releases there: $(jq -c '[.releases[] | {project, blueprint, modelPackageArn, sourceModelPackageArn}]' "$file")" >&2
  exit 1
fi
if [ "$count" -gt 1 ]; then
  echo "$file records $count different packages promoted from $source_arn: $(echo "$arns" | paste -sd ' ')." >&2
  echo "One promotion registers one package per environment; fix the releases so they name the same one." >&2
  exit 1
fi

write_outputs() {
  echo "model-package-arn=$arns"
  # A random delimiter: the manifest cannot end the value early by containing it.
  delimiter="release_manifest_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  echo "release-manifest<<$delimiter"
  printf '%s\n' "$(cat "$file")"
  echo "$delimiter"
}
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  write_outputs >>"$GITHUB_OUTPUT"
else
  write_outputs
fi
echo "$environment now serves $arns (promoted from $source_arn)." >&2
