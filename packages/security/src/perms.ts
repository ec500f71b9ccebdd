/** Action lists of the role hierarchy (the "base execution role" and its branches), kept in one place (docs/architecture.md#conventions). */
export const LOG_WRITE_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
] as const;
/** Glue calls it on its log groups when a security configuration encrypts CloudWatch Logs. */
export const LOG_ASSOCIATE_KEY_ACTIONS = ['logs:AssociateKmsKey'] as const;
export const GLUE_CATALOG_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetTableVersions',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
  'glue:SearchTables',
] as const;
export const GLUE_TABLE_WRITE_ACTIONS = [
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
  'glue:CreatePartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:BatchUpdatePartition',
  'glue:DeletePartition',
  'glue:BatchDeletePartition',
] as const;
export const KMS_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
] as const;
/** Training jobs of a SageMaker pipeline (SageMakerJobRoles). */
export const SAGEMAKER_JOB_CREATE_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
] as const;
/** What a pipeline does with the jobs it created: follow, stop and tag them. */
export const SAGEMAKER_JOB_MANAGE_ACTIONS = [
  'sagemaker:DescribeTrainingJob',
  'sagemaker:DescribeProcessingJob',
  'sagemaker:StopTrainingJob',
  'sagemaker:StopProcessingJob',
  'sagemaker:AddTags',
  'sagemaker:ListTags',
] as const;
/** SageMaker creates a grant on the key to encrypt job volumes with it, in the caller's name. */
export const KMS_GRANT_FOR_SERVICE_ACTIONS = ['kms:CreateGrant'] as const;
/**
 * What a job needs to attach to the VPC: SageMaker (training, processing) creates the job's
 * network interfaces with the job's execution role. AWS's documented list for SageMaker VPC jobs;
 * the Describe calls have no resource type in the IAM catalogue.
 */
export const VPC_DESCRIBE_ACTIONS = [
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
] as const;
export const VPC_NETWORK_INTERFACE_CREATE_ACTIONS = ['ec2:CreateNetworkInterface'] as const;
/** Actions on a network interface whose `ec2:Vpc` the catalogue lists for that resource type. */
export const VPC_NETWORK_INTERFACE_MANAGE_ACTIONS = [
  'ec2:CreateNetworkInterfacePermission',
  'ec2:DeleteNetworkInterface',
] as const;
/** Its network-interface resource type is optional in the catalogue, so no `ec2:Vpc` on it. */
export const VPC_NETWORK_INTERFACE_PERMISSION_DELETE_ACTIONS = [
  'ec2:DeleteNetworkInterfacePermission',
] as const;
