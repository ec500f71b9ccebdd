import { modelApprovalPattern } from '../src';

describe('modelApprovalPattern', () => {
  it('matches approvals of the given groups on any bus', () => {
    const pattern = modelApprovalPattern(['genai-llm-finetuned', 'genai-embeddings']);
    expect(pattern).toBe(
      '{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"],' +
        '"detail":{"ModelPackageGroupName":["genai-llm-finetuned","genai-embeddings"],"ModelApprovalStatus":["Approved"]}}',
    );
  });

  it('matches only approvals from the given account on a receiving bus', () => {
    expect(JSON.parse(modelApprovalPattern(['genai-llm-finetuned'], '111111111111'))).toEqual({
      account: ['111111111111'],
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Model Package State Change'],
      detail: { ModelPackageGroupName: ['genai-llm-finetuned'], ModelApprovalStatus: ['Approved'] },
    });
  });

  it('fails when no model package group is given', () => {
    expect(() => modelApprovalPattern([])).toThrow(
      'modelApprovalPattern needs at least one model package group',
    );
  });
});
