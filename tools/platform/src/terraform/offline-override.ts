/**
 * The override file that turns a stack into one Terraform can plan offline. Terraform merges
 * `*_override.tf.json` files over the configuration: a `backend` in an override replaces the
 * original backend, and a provider block is merged argument by argument into the provider block
 * with the same name and alias (developer.hashicorp.com/terraform/language/files/override).
 */
export const OVERRIDE_FILE = 'platform_offline_override.tf.json';

interface StackJson {
  readonly provider?: Record<string, unknown>;
}

/** Provider arguments that make hashicorp/aws 5.100.0 configure itself without any AWS call. */
const OFFLINE_AWS_SETTINGS = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  // With skip_requesting_account_id the provider never learns the account ID (it would ask STS),
  // yet 5.100.0 still checks it against allowed_account_ids and fails every plan with
  // "AWS account ID not allowed: " (an empty ID; measured). An empty list turns the check off.
  // Safe here: this plan runs with fake credentials and a local backend and is never applied,
  // and the guard stays in cdk.tf.json for every real plan and apply.
  allowed_account_ids: [],
};

/** Blocks that make the provider call STS whatever the skip flags say. */
const ROLE_BLOCKS = ['assume_role', 'assume_role_with_web_identity'];

export function offlineOverride(stack: StackJson): Record<string, unknown> {
  const override: Record<string, unknown> = {
    '//': 'Written by the platform CLI for an offline plan; never used for a real plan or apply.',
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
  };
  const awsConfigs = providerConfigs(stack, 'aws');
  if (awsConfigs.length > 0) {
    override.provider = {
      aws: awsConfigs.map((config) => {
        const alias = typeof config.alias === 'string' ? config.alias : undefined;
        const roleBlock = ROLE_BLOCKS.find((block) => config[block] !== undefined);
        if (roleBlock) {
          // An override cannot remove a nested block (an empty list replaces nothing; measured).
          throw new Error(
            `provider aws${alias ? ` (alias ${alias})` : ''} has ${roleBlock}, which calls STS even in an offline plan, ` +
              'and an override file cannot remove it. Deploy through credentials of the target account instead of a provider-level role.',
          );
        }
        return alias ? { alias, ...OFFLINE_AWS_SETTINGS } : { ...OFFLINE_AWS_SETTINGS };
      }),
    };
  }
  return override;
}

/** cdktf writes each provider type as a list of configurations; plain JSON may use one object. */
function providerConfigs(stack: StackJson, type: string): Record<string, unknown>[] {
  const value = stack.provider?.[type];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}
