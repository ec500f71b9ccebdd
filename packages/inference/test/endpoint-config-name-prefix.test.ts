import {
  ENDPOINT_CONFIG_PREFIX_LIMIT,
  endpointConfigNamePrefix,
  transformJobNamePrefix,
} from '../src';

describe('endpointConfigNamePrefix', () => {
  it('is the endpoint name and a hyphen when that leaves room for the 26 characters Terraform adds', () => {
    expect(endpointConfigNamePrefix('genai-dev-fraud-detection-realtime')).toBe(
      'genai-dev-fraud-detection-realtime-',
    );
  });

  it('shortens a long name with a hash, so the generated name stays within 63 characters', () => {
    const long = 'genai-prod-support-assistant-serverless';
    const prefix = endpointConfigNamePrefix(long);
    expect(prefix).toMatch(/^genai-prod-support-assistan-[0-9a-f]{8}-$/);
    expect(prefix.length).toBeLessThanOrEqual(ENDPOINT_CONFIG_PREFIX_LIMIT);
    expect(`${prefix}${'2'.repeat(26)}`).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(endpointConfigNamePrefix(`${long}x`)).not.toBe(prefix);
  });
});

describe('transformJobNamePrefix', () => {
  it('keeps a name that leaves room for the job hash, and shortens a longer one with its own hash', () => {
    expect(transformJobNamePrefix('genai-dev-fraud-detection-batch')).toBe(
      'genai-dev-fraud-detection-batch',
    );
    const long = `genai-staging-${'a'.repeat(20)}-customer-churn-batch`;
    const prefix = transformJobNamePrefix(long);
    expect(prefix).toHaveLength(46);
    expect(prefix).toMatch(/^genai-staging-a{20}-cu-[0-9a-f]{8}$/);
    expect(`${prefix}-${'0'.repeat(16)}`.length).toBeLessThanOrEqual(63);
  });
});
