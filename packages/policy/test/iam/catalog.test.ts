import { IamCatalog } from '../../src/iam/catalog';

describe('IamCatalog', () => {
  const keys = [
    'aws:SecureTransport',
    's3:TlsVersion',
    'kms:EncryptionContext:aws:logs:arn',
    'aws:RequestTag/project',
    'token.actions.githubusercontent.com:sub',
    'token.actions.githubusercontent.com:job_workflow_ref',
    'token.actions.githubusercontent.com:bogus',
    'aws:SecureTransports',
  ];
  let catalog: IamCatalog;
  beforeAll(async () => {
    catalog = await IamCatalog.load(['s3', 'kms'], keys);
  });

  it('knows global, service, variable and OIDC condition keys, and rejects made-up ones', () => {
    expect(keys.filter((key) => catalog.conditionKeyKnown(key))).toEqual(keys.slice(0, 6));
  });

  it('matches actions and wildcards case-insensitively and suggests the closest action', () => {
    expect(catalog.matchingActions('s3:getobject').map((action) => action.name)).toEqual([
      'GetObject',
    ]);
    expect(catalog.matchingActions('kms:Encrypt*').length).toBeGreaterThan(0);
    expect(catalog.matchingActions('s3:GetObjects')).toEqual([]);
    expect(catalog.suggestion('s3:GetObjects')).toBe('s3:GetObject');
    expect(catalog.serviceExists('s4')).toBe(false);
  });
});
