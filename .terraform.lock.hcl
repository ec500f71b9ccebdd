# The provider checksums of every stack, committed: the platform CLI copies this file beside each
# stack before `terraform init` (validate, plan, diff, deploy), so terraform installs only a
# provider that matches one of these hashes, from the registry or from TF_PROVIDER_MIRROR.
# Synthesis never touches it. To add the hashes of another platform (e.g. darwin_arm64), or after
# changing a provider version in @cdktf/provider-aws, in any synthesized stack directory:
#   terraform providers lock -platform=linux_amd64 -platform=darwin_arm64 && cp .terraform.lock.hcl <repository root>
# (with a mirror instead of the registry: add -fs-mirror="$TF_PROVIDER_MIRROR").

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.100.0"
  constraints = "5.100.0"
  hashes = [
    "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
  ]
}
