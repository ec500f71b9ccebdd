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
