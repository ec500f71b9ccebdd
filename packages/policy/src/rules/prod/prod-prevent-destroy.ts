import { COMPLIANT, nonCompliant, type Rule } from '../../types';

/** Stateful resources whose loss is not recoverable by re-applying: data, keys, registries, state. */
export const STATEFUL_RESOURCE_TYPES = [
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_sagemaker_model_package_group',
  'aws_ecr_repository',
  'aws_dynamodb_table',
  'aws_opensearchserverless_collection',
];

export const prodPreventDestroy: Rule = {
  id: 'prod-prevent-destroy',
  title: 'Production buckets, keys, registries and state refuse to be destroyed',
  explanation:
    'A mistaken `terraform destroy` or a change that forces replacement would delete production data, model lineage or the key that decrypts them; prevent_destroy makes Terraform stop instead.',
  fix: 'Create the resource through PlatformStack.protect(resource), which sets lifecycle.prevent_destroy in environments whose configuration sets "preventDestroy": true.',
  severity: 'error',
  resourceTypes: STATEFUL_RESOURCE_TYPES,
  check({ resource }) {
    const lifecycle = resource.config.lifecycle as { prevent_destroy?: boolean } | undefined;
    return lifecycle?.prevent_destroy === true
      ? COMPLIANT
      : nonCompliant(`${resource.type} without lifecycle.prevent_destroy = true`);
  },
};
