import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { blocks, shown } from '../values';

export const lambdaTracing: Rule = {
  id: 'lambda-tracing',
  title: 'Lambda functions trace requests with X-Ray',
  explanation:
    'Active tracing records each invocation and its calls to AWS services (Bedrock, SageMaker, S3) in X-Ray, which is how a slow or failing step of an inference or promotion chain is found. PassThrough, the default, traces only requests that arrive with a sampled trace header.',
  fix: 'Set tracingConfig mode "Active" on the function; its role needs xray:PutTraceSegments and xray:PutTelemetryRecords (the AWSXRayDaemonWriteAccess managed policy).',
  severity: 'warning',
  resourceTypes: ['aws_lambda_function'],
  check({ resource }) {
    const modes = blocks(attribute(resource, 'tracing_config')).map((block) => block.mode);
    if (modes.includes('Active')) return COMPLIANT;
    return nonCompliant(
      `tracing_config mode is ${modes.length > 0 ? shown(modes[0]) : 'not set'} (PassThrough by default); expected Active`,
    );
  },
};
