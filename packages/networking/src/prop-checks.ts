// Internal: prop checks shared by the constructs, so that PlatformVpc can report the problems of
// its children's props in the same error as its own. Not re-exported from index.ts. The problem
// type and the error format are core's (PropProblem, throwIfProblems).
import { INTERFACE_ENDPOINT_SERVICES, LOG_RETENTION_DAYS, parseCidr } from '@genai-sandbox/config';
import { isDeployTime, type PropProblem } from '@genai-sandbox/core';

/** AWS VPCs are /16 to /28; the subnet layout takes 4 bits and AWS subnets stop at /28. */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 24;

export function vpcCidrProblems(prop: string, cidr: string): PropProblem[] {
  if (isDeployTime(cidr)) return [];
  const parsed = parseCidr(cidr);
  if (typeof parsed === 'string') {
    return [
      {
        prop,
        received: cidr,
        message: `${parsed}; pass the VPC's network address and prefix length`,
      },
    ];
  }
  if (parsed.prefixLength < MIN_VPC_PREFIX || parsed.prefixLength > MAX_VPC_PREFIX) {
    return [
      {
        prop,
        received: cidr,
        message:
          `the prefix must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}: AWS VPCs are at most /16 and every subnet is /prefix+4, ` +
          'at most /28; pick a larger block such as "10.10.0.0/16"',
      },
    ];
  }
  return [];
}

export function retentionProblems(prop: string, days: number): PropProblem[] {
  if (isDeployTime(days) || (LOG_RETENTION_DAYS as readonly number[]).includes(days)) return [];
  return [
    {
      prop,
      received: days,
      message: `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')} days; pick the nearest of those (the platform keeps flow logs a year by default)`,
    },
  ];
}

export function endpointServiceProblems(prop: string, services: readonly string[]): PropProblem[] {
  if (isDeployTime(services)) {
    return [
      {
        prop,
        received: services,
        message:
          'must be a literal list: one endpoint is created per service, so the list must be known at synth time',
      },
    ];
  }
  const known = INTERFACE_ENDPOINT_SERVICES as readonly string[];
  const unknown = services.filter((service) => !known.includes(service));
  const repeated = services.filter((service, index) => services.indexOf(service) !== index);
  const problems: PropProblem[] = [];
  if (unknown.length > 0) {
    problems.push({
      prop,
      received: unknown,
      message: `unknown interface endpoint services; allowed are ${known.join(', ')}`,
    });
  }
  if (repeated.length > 0) {
    problems.push({
      prop,
      received: [...new Set(repeated)],
      message: 'listed more than once; remove the repeats',
    });
  }
  return problems;
}
