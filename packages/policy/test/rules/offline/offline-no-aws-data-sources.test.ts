import { offlineNoAwsDataSources as rule } from '../../../src/rules/offline/offline-no-aws-data-sources';
import { stackOf } from '../../helpers';

function dataFinding(type: string) {
  const stack = stackOf({}, { data: { [type]: { Current: {} } } });
  const resource = stack.dataSources[0];
  return rule.check({ resource, stack, context: undefined as never, iam: undefined as never });
}

describe('offline-no-aws-data-sources', () => {
  it('passes data sources the provider answers locally', () => {
    expect(dataFinding('aws_iam_policy_document')).toEqual({ status: 'compliant' });
    expect(dataFinding('aws_partition')).toEqual({ status: 'compliant' });
  });

  it.each(['aws_caller_identity', 'aws_availability_zones', 'aws_region', 'aws_s3_bucket'])(
    'fails when a stack reads %s',
    (type) => {
      expect(dataFinding(type)).toEqual({
        status: 'non-compliant',
        message: `data source ${type} calls AWS when Terraform plans; the offline plan cannot evaluate it`,
      });
    },
  );

  it('sees data sources that only the plan holds', () => {
    const stack = stackOf(
      {},
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'data.aws_caller_identity.x',
                  mode: 'data',
                  type: 'aws_caller_identity',
                  name: 'x',
                },
              ],
            },
          },
        },
      },
    );
    expect(stack.dataSources.map((source) => source.address)).toEqual([
      'data.aws_caller_identity.x',
    ]);
  });
});
