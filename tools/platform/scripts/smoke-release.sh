#!/usr/bin/env bash
# Smoke test after a promotion or deploy: the environment serves what
# environments/releases/<env>.json says. For every release there:
#   - the model package exists in the environment's own account and region and is Approved;
#   - for the endpoint blueprints (real-time, serverless, async): every SageMaker endpoint tagged
#     with the platform, environment, project and blueprint of the release is InService, and every
#     model behind its production variants was created from exactly that model package.
# Batch inference has no endpoint; its package is checked alone. Read-only AWS CLI calls with the
# job's credentials (sagemaker:Describe*, tag:GetResources).
#
#   smoke-release.sh <env>
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "Usage: $0 <env>" >&2
  exit 2
fi
environment=$1
config_dir=${PLATFORM_CONFIG_DIR:-environments}
releases_file="$config_dir/releases/$environment.json"
environment_file="$config_dir/$environment.json"
for file in "$config_dir/platform.json" "$environment_file"; do
  [ -f "$file" ] || { echo "$file does not exist; run from the repository root or set PLATFORM_CONFIG_DIR." >&2; exit 1; }
done

platform=$(jq -r .name "$config_dir/platform.json")
account=$(jq -r .accountId "$environment_file")
region=$(jq -r .region "$environment_file")
releases='[]'
[ -f "$releases_file" ] && releases=$(jq -c '.releases // []' "$releases_file")
count=$(jq length <<<"$releases")
if [ "$count" -eq 0 ]; then
  echo "$releases_file names no release; nothing to check in $environment."
  exit 0
fi

failures=0
fail() {
  echo "FAIL $*" >&2
  failures=$((failures + 1))
}
aws_json() { aws --region "$region" --output json "$@"; }

# The package a model was created from: PrimaryContainer or any container of a pipeline model.
model_packages() {
  jq -r '[.PrimaryContainer.ModelPackageName?, (.Containers // [])[].ModelPackageName?] | map(select(. != null)) | .[]'
}

for index in $(seq 0 $((count - 1))); do
  release=$(jq -c ".[$index]" <<<"$releases")
  project=$(jq -r .project <<<"$release")
  blueprint=$(jq -r .blueprint <<<"$release")
  arn=$(jq -r .modelPackageArn <<<"$release")
  label="$blueprint/$project in $environment"

  arn_account=$(cut -d: -f5 <<<"$arn")
  arn_region=$(cut -d: -f4 <<<"$arn")
  if [ "$arn_account" != "$account" ] || [ "$arn_region" != "$region" ]; then
    fail "$label: $arn is in $arn_account/$arn_region, not in $environment's own registry ($account/$region, $environment_file)."
    continue
  fi
  if ! package=$(aws_json sagemaker describe-model-package --model-package-name "$arn"); then
    fail "$label: describe-model-package $arn failed (see the AWS CLI error above)."
    continue
  fi
  status=$(jq -r .ModelApprovalStatus <<<"$package")
  if [ "$status" != Approved ]; then
    fail "$label: $arn is $status; only Approved packages may be served."
    continue
  fi
  echo "ok   $label: $arn is Approved."

  [ "$blueprint" = inference-batch ] && continue
  endpoints=$(aws_json resourcegroupstaggingapi get-resources --resource-type-filters sagemaker:endpoint \
    --tag-filters "Key=platform,Values=$platform" "Key=environment,Values=$environment" \
    "Key=project,Values=$project" "Key=blueprint,Values=$blueprint" |
    jq -r '.ResourceTagMappingList[].ResourceARN | sub("^.*:endpoint/"; "")') || {
    fail "$label: listing the tagged endpoints failed (see the AWS CLI error above)."
    continue
  }
  if [ -z "$endpoints" ]; then
    fail "$label: no SageMaker endpoint is tagged platform=$platform environment=$environment project=$project blueprint=$blueprint. Was the stack applied?"
    continue
  fi
  for endpoint in $endpoints; do
    description=$(aws_json sagemaker describe-endpoint --endpoint-name "$endpoint") || {
      fail "$label: describe-endpoint $endpoint failed."
      continue
    }
    endpoint_status=$(jq -r .EndpointStatus <<<"$description")
    if [ "$endpoint_status" != InService ]; then
      fail "$label: endpoint $endpoint is $endpoint_status, not InService."
      continue
    fi
    config=$(jq -r .EndpointConfigName <<<"$description")
    models=$(aws_json sagemaker describe-endpoint-config --endpoint-config-name "$config" |
      jq -r '.ProductionVariants[].ModelName') || {
      fail "$label: describe-endpoint-config $config failed."
      continue
    }
    for model in $models; do
      served=$(aws_json sagemaker describe-model --model-name "$model" | model_packages) || {
        fail "$label: describe-model $model failed."
        continue
      }
      # A model may name its package by ARN or, in its own account, by name/version.
      if [ -z "$served" ]; then
        fail "$label: model $model of endpoint $endpoint was not created from a model package."
      elif grep -qvxF -e "$arn" -e "${arn#*:model-package/}" <<<"$served"; then
        fail "$label: endpoint $endpoint serves $(paste -sd ' ' <<<"$served") through model $model, but $releases_file says $arn."
      else
        echo "ok   $label: endpoint $endpoint (InService) serves $arn through model $model."
      fi
    done
  done
done

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed: $environment does not serve what $releases_file says." >&2
  exit 1
fi
echo "$environment serves every release of $releases_file."
