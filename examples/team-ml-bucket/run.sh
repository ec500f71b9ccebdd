#!/usr/bin/env bash
# Runs this example as another team would: builds and packs the packages it uses, installs the
# tarballs into a copy of the example in a clean directory outside the workspace (no workspace
# links, no environments/, no hoisted node_modules of the repository), compiles it against the
# packed type declarations, synthesizes, and runs `terraform init -backend=false` + `validate`.
# A broken export, a dependency a package does not declare or an import of a workspace-only path
# fails here. Providers come from TF_PROVIDER_MIRROR (a filesystem mirror) when it is set.
#   examples/team-ml-bucket/run.sh            # leaves nothing behind
#   KEEP_EXAMPLE_DIR=1 examples/team-ml-bucket/run.sh   # keeps the directory and prints it
set -euo pipefail

example_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$example_dir/../.." && pwd)"
packages=(config core security storage)
stack=team-ml-dev

work="$(mktemp -d "${TMPDIR:-/tmp}/team-ml-bucket.XXXXXX")"
if [ -z "${KEEP_EXAMPLE_DIR:-}" ]; then trap 'rm -rf "$work"' EXIT; fi
echo "example: working in $work"

echo "example: building ${packages[*]}"
(cd "$repo" && NX_DAEMON=false NX_TUI=false npx nx run-many -t build -p "$(IFS=,; echo "${packages[*]}")" --output-style=static >/dev/null)

app="$work/app"
mkdir -p "$app/packs" "$work/raw"
cp "$example_dir/main.ts" "$example_dir/package.json" "$example_dir/tsconfig.json" "$example_dir/cdktf.json" "$app/"
for package in "${packages[@]}"; do
  # npm pack prints the tarball it wrote last; package.json names it without the version.
  tarball="$(cd "$repo/packages/$package" && npm pack --silent --pack-destination "$work/raw" | tail -n 1)"
  mv "$work/raw/$tarball" "$app/packs/genai-sandbox-$package.tgz"
done

echo "example: npm install from the tarballs"
(cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)

echo "example: compile and synthesize"
(cd "$app" && npx --no-install tsc -p tsconfig.json && node main.js)
out="$app/cdktf.out/stacks/$stack"
test -f "$out/cdk.tf.json" || { echo "example: no $out/cdk.tf.json" >&2; exit 1; }

echo "example: terraform init -backend=false and validate"
cli_config="$work/terraform.rc"
{
  if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
    printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$TF_PROVIDER_MIRROR"
  fi
  echo 'disable_checkpoint = true'
} >"$cli_config"
# The repository's lock file pins the provider's checksums, as for the platform's own stacks.
cp "$repo/.terraform.lock.hcl" "$out/"
(
  cd "$out"
  export TF_CLI_CONFIG_FILE="$cli_config" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
  terraform init -backend=false -input=false -no-color >/dev/null
  terraform validate -no-color
)
echo "example: $stack synthesized from the packed packages and validated"
