/** What the next environment may do with this registry: read and deploy approved packages, nothing more. */
export const MODEL_PACKAGE_GROUP_READ_ACTIONS = ['sagemaker:DescribeModelPackageGroup'] as const;
export const MODEL_PACKAGE_READ_ACTIONS = [
  'sagemaker:DescribeModelPackage',
  'sagemaker:ListModelPackages',
  'sagemaker:CreateModel',
] as const;
/** Pulling an image: the three calls `docker pull` and SageMaker make. */
export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
] as const;
/** Registering a version into a group: create it, read it back, tag it. */
export const MODEL_PACKAGE_REGISTER_ACTIONS = [
  'sagemaker:CreateModelPackage',
  'sagemaker:DescribeModelPackage',
  'sagemaker:AddTags',
] as const;
export const MODEL_PACKAGE_GROUP_REGISTER_ACTIONS = [
  'sagemaker:DescribeModelPackageGroup',
  'sagemaker:AddTags',
] as const;
/** The one registry action without a resource type: the login token for `docker pull`. */
export const ECR_AUTHORIZATION_ACTIONS = ['ecr:GetAuthorizationToken'] as const;
