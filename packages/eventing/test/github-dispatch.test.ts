import { TerraformVariable } from 'cdktf';
import {
  GITHUB_TOKEN_PLACEHOLDER,
  GithubDispatch,
  type GithubDispatchProps,
  modelApprovalPattern,
} from '../src';
import { DEV_ACCOUNT, fixture, statementsOf, synth, TEST_ACCOUNT } from './helpers';

const PATTERN = modelApprovalPattern(['genai-llm-finetuned'], DEV_ACCOUNT);
const STATIC = { source_environment: 'dev', target_environment: 'test' };

function synthDispatch(props: Partial<GithubDispatchProps> = {}) {
  return synth(
    ({ stack, key, boundary }) =>
      new GithubDispatch(stack, 'Dispatch', {
        purpose: 'github-dispatch',
        busName: 'genai-test-promotion',
        eventPattern: PATTERN,
        repository: 'example-org/genai-sandbox',
        eventType: 'model-approved',
        staticPayload: STATIC,
        encryptionKey: key,
        permissionsBoundary: boundary,
        ...props,
      }),
  );
}

describe('GithubDispatch', () => {
  const { json, only, ref, construct } = synthDispatch();
  const target = only('aws_cloudwatch_event_target');

  it('creates the connection with the placeholder token only, and ignores its auth parameters from then on', () => {
    const connection = only('aws_cloudwatch_event_connection');
    expect(connection).toMatchObject({
      name: 'genai-test-github-dispatch',
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'Authorization', value: GITHUB_TOKEN_PLACEHOLDER } },
      kms_key_identifier: ref('aws_kms_key', 'Key_', 'arn'),
    });
    expect((connection.lifecycle as { ignore_changes: string[] }).ignore_changes).toContain(
      'auth_parameters',
    );
    expect(GITHUB_TOKEN_PLACEHOLDER).toBe('Bearer set-outside-terraform');
  });

  it('puts no GitHub token anywhere in the synthesized configuration', () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/gh[pousr]_[A-Za-z0-9]+|github_pat_/);
    expect([...text.matchAll(/Bearer [^"\\]*/g)].map((match) => match[0])).toEqual([
      GITHUB_TOKEN_PLACEHOLDER,
    ]);
  });

  it('sends the GitHub media type and API version headers', () => {
    const parameters = only('aws_cloudwatch_event_connection').auth_parameters as Record<
      string,
      unknown
    >;
    expect(parameters.invocation_http_parameters).toEqual({
      header: [
        { key: 'Accept', value: 'application/vnd.github+json', is_value_secret: false },
        { key: 'X-GitHub-Api-Version', value: '2022-11-28', is_value_secret: false },
      ],
    });
  });

  it('POSTs to the dispatches endpoint of the repository through the connection', () => {
    expect(only('aws_cloudwatch_event_api_destination')).toEqual({
      name: 'genai-test-github-dispatch',
      connection_arn: ref('aws_cloudwatch_event_connection', 'Dispatch_Connection_', 'arn'),
      invocation_endpoint: 'https://api.github.com/repos/example-org/genai-sandbox/dispatches',
      http_method: 'POST',
      invocation_rate_limit_per_second: 1,
    });
  });

  it('matches the pattern on the given bus', () => {
    expect(only('aws_cloudwatch_event_rule')).toMatchObject({
      name: 'genai-test-github-dispatch',
      event_bus_name: 'genai-test-promotion',
      event_pattern: PATTERN,
      state: 'ENABLED',
    });
  });

  it('targets the destination through the role, with retries and the dead-letter queue', () => {
    expect(target).toMatchObject({
      rule: ref('aws_cloudwatch_event_rule', 'Dispatch_Rule_', 'name'),
      event_bus_name: 'genai-test-promotion',
      arn: ref('aws_cloudwatch_event_api_destination', 'Dispatch_Destination_', 'arn'),
      role_arn: ref('aws_iam_role', 'Dispatch_Role_', 'arn'),
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 20 },
      dead_letter_config: { arn: ref('aws_sqs_queue', 'Dispatch_DeadLetterQueue_', 'arn') },
    });
    expect(only('aws_sqs_queue').kms_master_key_id).toBe(ref('aws_kms_key', 'Key_', 'arn'));
    expect(statementsOf(only('aws_sqs_queue_policy'))[0].Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', 'Dispatch_Rule_', 'arn') },
      StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT },
    });
  });

  it('takes the model package ARN and group from the event', () => {
    const transformer = target.input_transformer as {
      input_paths: Record<string, string>;
      input_template: string;
    };
    expect(transformer.input_paths).toEqual({
      arn: '$.detail.ModelPackageArn',
      group: '$.detail.ModelPackageGroupName',
    });
    const placeholders = [...transformer.input_template.matchAll(/<([^<>]+)>/g)].map(
      (match) => match[1],
    );
    expect(placeholders.sort()).toEqual(Object.keys(transformer.input_paths).sort());
    expect(transformer.input_template).toBe(construct.inputTemplate);
  });

  it('sends the repository_dispatch body GitHub expects', () => {
    const { input_template: template } = target.input_transformer as { input_template: string };
    // EventBridge replaces a bare <placeholder> in a JSON template with the value as a JSON string.
    const arn = `arn:aws:sagemaker:eu-west-1:${DEV_ACCOUNT}:model-package/genai-llm-finetuned/3`;
    const body = JSON.parse(
      template
        .replace('<arn>', JSON.stringify(arn))
        .replace('<group>', JSON.stringify('genai-llm-finetuned')),
    );
    expect(body).toEqual({
      event_type: 'model-approved',
      client_payload: {
        model_package_arn: arn,
        model_package_group: 'genai-llm-finetuned',
        source_environment: 'dev',
        target_environment: 'test',
      },
    });
  });

  it('lets the role only invoke this API destination, for this rule, within the permissions boundary', () => {
    const role = only('aws_iam_role');
    expect(role.permissions_boundary).toBe(
      `arn:aws:iam::${TEST_ACCOUNT}:policy/genai-test-permissions-boundary`,
    );
    expect(statementsOf(role, 'assume_role_policy')[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT },
      ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', 'Dispatch_Rule_', 'arn') },
    });
    expect(statementsOf(only('aws_iam_role_policy'))).toEqual([
      {
        Sid: 'InvokeTheGithubDestinationOnly',
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: ref('aws_cloudwatch_event_api_destination', 'Dispatch_Destination_', 'arn'),
      },
    ]);
  });

  it('fails when the repository is not <org>/<repo>', () => {
    for (const repository of [
      'genai-sandbox',
      'example-org/genai-sandbox/extra',
      'https://github.com/example-org/genai-sandbox',
      'example org/genai-sandbox',
      'example-org/',
    ]) {
      expect(() => synthDispatch({ repository })).toThrow(
        `repository (received "${repository}"): use "<org>/<repo>"`,
      );
    }
  });

  it('fails when the event type is empty or longer than GitHub allows', () => {
    expect(() => synthDispatch({ eventType: '' })).toThrow(
      'eventType (received ""): GitHub takes 1 to 100 characters',
    );
    expect(() => synthDispatch({ eventType: 'x'.repeat(101) })).toThrow(
      /eventType \(received "x{101}"\)/,
    );
  });

  it('fails when the static payload reuses an event field or passes the GitHub field limit, with every problem at once', () => {
    const many = Object.fromEntries(
      Array.from({ length: 9 }, (_, index) => [`field_${index}`, 'v']),
    );
    expect(() =>
      synthDispatch({ repository: 'x', staticPayload: { ...many, model_package_arn: 'fixed' } }),
    ).toThrow(
      /GithubDispatch .*: 3 invalid props:\n {2}- repository \(received "x"\).*\n {2}- staticPayload \(received \["model_package_arn"\]\): these fields come from the event.*\n {2}- staticPayload \(received .*\): client_payload would have 11 fields; GitHub allows 10, so keep staticPayload to 8/,
    );
    const eight = Object.fromEntries(
      Array.from({ length: 8 }, (_, index) => [`field_${index}`, 'v']),
    );
    expect(() => synthDispatch({ staticPayload: eight })).not.toThrow();
  });

  it('accepts values only known at deploy time', () => {
    const { stack, key, boundary } = fixture();
    const variable = (name: string) =>
      new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    expect(
      () =>
        new GithubDispatch(stack, 'Dispatch', {
          purpose: 'github-dispatch',
          busName: variable('bus'),
          eventPattern: PATTERN,
          repository: variable('repository'),
          eventType: variable('eventType'),
          staticPayload: { source_environment: variable('source') },
          encryptionKey: key,
          permissionsBoundary: boundary,
        }),
    ).not.toThrow();
  });
});
