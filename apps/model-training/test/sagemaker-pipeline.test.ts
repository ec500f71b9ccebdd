import {
  parameter,
  PIPELINE_DEFINITION_VERSION,
  type PipelineDefinition,
  serializePipelineDefinition,
} from '../src';

describe('the SageMaker pipeline definition model', () => {
  test('a parameter reference is a Get expression on Parameters', () => {
    expect(parameter('TrainingImageUri')).toEqual({ Get: 'Parameters.TrainingImageUri' });
  });

  test('serializes to compact JSON with Version first, as SageMaker and the snapshots read it', () => {
    const definition: PipelineDefinition = {
      Version: PIPELINE_DEFINITION_VERSION,
      Metadata: {},
      Parameters: [{ Name: 'WorkloadSecurityGroupId', Type: 'String' }],
      Steps: [{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'stopped' } }],
    };
    expect(serializePipelineDefinition(definition)).toBe(
      '{"Version":"2020-12-01","Metadata":{},"Parameters":[{"Name":"WorkloadSecurityGroupId","Type":"String"}],' +
        '"Steps":[{"Name":"Stop","Type":"Fail","Arguments":{"ErrorMessage":"stopped"}}]}',
    );
  });
});
