import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, regionalArn, type PermissionScope } from '../permission-scope';
import {
  EC2_CREATE_ACTIONS,
  EC2_MANAGE_ACTIONS,
  requestTagged,
  resourceTagged,
} from './scope-conditions';

/**
 * Network and buckets: the foundation stack's VPC and the platform's buckets. One managed policy
 * (IAM caps each at 6,144 characters).
 */
export function deployNetworkStorageStatements(scope: PermissionScope): PolicyStatement[] {
  const ec2Resources = regionalArn(scope, 'ec2', '*');
  const platformBuckets = bucketArn(`${scope.prefix}-*`);
  return [
    {
      // New VPCs, subnets, route tables, security groups and their rules, endpoints, flow logs,
      // gateways and addresses must be tagged as the platform's when they are created. The
      // endpoint condition admits only endpoints to AWS services (the key exists on endpoints alone).
      Sid: 'Ec2CreateTagged',
      Effect: 'Allow',
      Action: [...EC2_CREATE_ACTIONS],
      Resource: ec2Resources,
      Condition: {
        ...requestTagged(scope),
        StringEqualsIfExists: { 'ec2:VpceServiceOwner': 'amazon' },
      },
    },
    {
      // Tagging is allowed during those creates only (tag on create), not on arbitrary resources.
      Sid: 'Ec2TagOnCreate',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: ec2Resources,
      Condition: {
        StringEquals: { 'ec2:CreateAction': [...EC2_CREATE_ACTIONS].map((a) => a.slice(4)) },
      },
    },
    {
      // Changing and deleting, and naming as parent (the VPC of a new subnet), platform resources only.
      Sid: 'Ec2ManageTagged',
      Effect: 'Allow',
      Action: EC2_MANAGE_ACTIONS,
      Resource: ec2Resources,
      Condition: resourceTagged(scope),
    },
    {
      // AWS creates a VPC's default security group untagged; aws_default_security_group tags it
      // before revoking its rules. Untagged groups only, and only with the platform tag.
      Sid: 'Ec2AdoptDefaultSecurityGroup',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: regionalArn(scope, 'ec2', 'security-group/*'),
      Condition: { ...requestTagged(scope), Null: { 'aws:ResourceTag/platform': 'true' } },
    },
    {
      Sid: 'S3PlatformBuckets',
      Effect: 'Allow',
      Action: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:PutBucket*',
        's3:DeleteBucketPolicy',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
      ],
      Resource: platformBuckets,
    },
    {
      // Objects Terraform manages: folder markers (keys ending in "/") and configs/ (pipeline
      // definitions, job scripts). Data, artifacts and logs are the workloads' business.
      Sid: 'S3PlatformManagedObjects',
      Effect: 'Allow',
      Action: [
        's3:GetObject',
        's3:GetObjectTagging',
        's3:PutObject',
        's3:PutObjectTagging',
        's3:DeleteObject',
      ],
      Resource: [`${platformBuckets}/*/`, `${platformBuckets}/configs/*`],
    },
  ];
}
