/** Action lists of the role hierarchy (the "base execution role" and its branches), kept in one place (STYLE.md). */
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
