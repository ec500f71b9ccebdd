import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';

export interface InferenceDomainProps {
  /** The project's host, such as `inference.fraud-detection.ml.example.com`. */
  readonly host: string;
  /** The Route 53 public hosted zone the host lives in. */
  readonly hostedZoneId: string;
}

/** TLS 1.2 is the strongest policy API Gateway offers for REST API domain names in provider 5.100. */
export const INFERENCE_DOMAIN_SECURITY_POLICY = 'TLS_1_2';

/**
 * The host of one project's inference APIs: a regional ACM certificate validated by DNS (the
 * validation record in the configured zone), a regional API Gateway custom domain name with it,
 * and the alias record pointing the host at that domain name. It lives in foundation, per
 * project, because every inference blueprint stack of the project maps its own API under its
 * route (`aws_api_gateway_base_path_mapping` in `InferenceApi`): the domain must exist before
 * any of them and belong to none of them, so blueprints deploy in any order and never edit one
 * another's resources.
 */
export class InferenceDomain extends Construct {
  readonly certificate: AcmCertificate;
  readonly domainName: ApiGatewayDomainName;
  readonly aliasRecord: Route53Record;

  constructor(scope: Construct, id: string, props: InferenceDomainProps) {
    super(scope, id);
    this.certificate = new AcmCertificate(this, 'Certificate', {
      domainName: props.host,
      validationMethod: 'DNS',
      // A new certificate is issued and validated before the domain lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    // One validation option per name; its domain name is known at plan time, so it keys for_each.
    const validations = TerraformIterator.fromComplexList(
      this.certificate.domainValidationOptions,
      'domain_name',
    );
    const validationRecords = new Route53Record(this, 'ValidationRecord', {
      forEach: validations,
      zoneId: props.hostedZoneId,
      name: validations.getString('resource_record_name'),
      type: validations.getString('resource_record_type'),
      records: [validations.getString('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    const validated = new AcmCertificateValidation(this, 'Validation', {
      certificateArn: this.certificate.arn,
      dependsOn: [validationRecords],
    });
    this.domainName = new ApiGatewayDomainName(this, 'DomainName', {
      domainName: props.host,
      regionalCertificateArn: validated.certificateArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: INFERENCE_DOMAIN_SECURITY_POLICY,
    });
    this.aliasRecord = new Route53Record(this, 'AliasRecord', {
      zoneId: props.hostedZoneId,
      name: props.host,
      type: 'A',
      alias: {
        name: this.domainName.regionalDomainName,
        zoneId: this.domainName.regionalZoneId,
        evaluateTargetHealth: false,
      },
    });
  }
}
