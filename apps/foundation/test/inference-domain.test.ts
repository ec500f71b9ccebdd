import { resourcesOfType, synthesize, testConfiguration } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { FoundationStack } from '../src';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const HOST = 'inference.fraud-detection.ml.example.com';

function synthDev(domain?: Record<string, unknown>) {
  const config = testConfiguration((fixture) => {
    if (domain)
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        inferenceDomain: domain,
      };
  });
  const environment = config.environments.find((candidate) => candidate.name === 'dev');
  if (!environment) throw new Error('no dev');
  return synthesize(new FoundationStack(Testing.app(), { config, environment }));
}

describe('Inference domain', () => {
  it('gives each project with an inference blueprint one host: a DNS-validated regional certificate, a regional domain name and an alias record', () => {
    const json = synthDev({ zoneName: 'ml.example.com', hostedZoneId: ZONE });
    const certificates = Object.values(resourcesOfType(json, 'aws_acm_certificate'));
    expect(certificates).toEqual([
      expect.objectContaining({
        domain_name: HOST,
        validation_method: 'DNS',
        lifecycle: { create_before_destroy: true },
      }),
    ]);
    const records = Object.values(resourcesOfType(json, 'aws_route53_record'));
    expect(records).toHaveLength(2);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          zone_id: ZONE,
          for_each: expect.stringContaining('domain_validation_options'),
          type: '${each.value.resource_record_type}',
        }),
        expect.objectContaining({
          zone_id: ZONE,
          name: HOST,
          type: 'A',
          alias: expect.objectContaining({
            name: expect.stringContaining('regional_domain_name'),
            zone_id: expect.stringContaining('regional_zone_id'),
          }),
        }),
      ]),
    );
    expect(Object.values(resourcesOfType(json, 'aws_acm_certificate_validation'))).toHaveLength(1);
    expect(Object.values(resourcesOfType(json, 'aws_api_gateway_domain_name'))).toEqual([
      expect.objectContaining({
        domain_name: HOST,
        endpoint_configuration: { types: ['REGIONAL'] },
        security_policy: 'TLS_1_2',
        regional_certificate_arn: expect.stringContaining('aws_acm_certificate_validation'),
      }),
    ]);
  });

  it('builds no host without the setting', () => {
    expect(resourcesOfType(synthDev(), 'aws_api_gateway_domain_name')).toEqual({});
    expect(resourcesOfType(synthDev(), 'aws_acm_certificate')).toEqual({});
  });
});
