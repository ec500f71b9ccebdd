import { FoundationInputs, type PlatformStack } from '@genai-sandbox/core';

/** Where a blueprint's job runs, from foundation's outputs: no AWS call at plan time. */
export function jobNetwork(stack: PlatformStack) {
  const inputs = FoundationInputs.of(stack);
  const subnet = inputs.privateSubnetId(0); // ${element(var.private_subnet_ids, 0)}
  const vpcArn = inputs.vpcArn; // arn:aws:ec2:<region>:<account>:vpc/${var.vpc_id}
  return { subnet, vpcArn };
}
