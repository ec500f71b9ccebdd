/**
 * Sids of the promotion role's inline policy (the foundation app's PromotionRole). The role is
 * built in the foundation app and `platform promote` names these statements in its hints when a
 * call is refused, so both take them from here, where the CLI can read them without loading any
 * construct.
 */
export const PROMOTION_ROLE_SIDS = {
  trust: 'DeployRoleOfThisEnvironment',
  readSourceRegistry: 'ReadSourceRegistry',
  listModelPackages: 'ListModelPackages',
  readSourceArtifacts: 'ReadSourceArtifacts',
  listSourceArtifacts: 'ListSourceArtifacts',
  decryptSourceArtifacts: 'DecryptSourceArtifactsThroughS3',
  writeArtifacts: 'WriteArtifactsHere',
  listArtifacts: 'ListArtifactsHere',
  encryptArtifacts: 'EncryptArtifactsHere',
  registerPackages: 'RegisterPackagesHere',
  readPackages: 'ReadPackagesHere',
  approvePackages: 'ApprovePackagesHere',
  copyImages: 'CopyImagesHere',
  readSourceImages: 'ReadSourceImages',
} as const;
