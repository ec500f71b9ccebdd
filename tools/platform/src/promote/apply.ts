import type { PlatformConfiguration } from '@genai-sandbox/config';
import { PROMOTION_ROLE_SIDS } from '@genai-sandbox/config';
import { ARTIFACTS_PREFIX, copyArtifact, type CopyRequest, s3Url } from './artifact';
import { copyImage } from './images';
import { copyArtifactMultipart } from './multipart-copy';
import { manifestAfter, type PromoteAws, type PromotionPlan, servedText } from './plan';
import { registerPackage } from './registry';
import { manifestText, writeReleaseManifest } from './release-manifest';

/**
 * Carries out `plan` in an order a re-run can resume: the artifact copies, then the registration
 * (found again by its lineage), then the release manifest, last, in one rename. Steps an earlier
 * run did are skipped; a run that finds everything done changes nothing.
 */
export async function applyPlan(
  config: PlatformConfiguration,
  plan: PromotionPlan,
  aws: PromoteAws,
  file: string,
  out: (text: string) => void,
): Promise<void> {
  const { from, to, sourceArn, group } = plan.request;
  const { session } = aws;
  for (const image of plan.images) {
    if (image.done) {
      out(`${image.targetUri} already holds ${image.digest}; not copied again.`);
      continue;
    }
    const layers = await session.call(
      { service: 'ECR', action: 'PutImage', resource: `${image.sourceUri} -> ${image.targetUri}` },
      `The image copy needs, for the promotion role: ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on ${image.source.repository} ` +
        `in ${from.name} (${PROMOTION_ROLE_SIDS.readSourceImages}, and that repository's policy), and the layer upload API ` +
        `and ecr:PutImage on ${image.targetRepository} (${PROMOTION_ROLE_SIDS.copyImages}).`,
      () => copyImage(aws.ecr, image, to.accountId),
    );
    session.copied.push(image.targetUri);
    out(
      `copied ${image.sourceUri} (${image.digest}, ${layers} layers uploaded) to ${image.targetUri}.`,
    );
  }
  for (const copy of plan.copies.filter((candidate) => !candidate.done)) {
    const request: CopyRequest = {
      source: copy.source,
      sourceState: copy.sourceState,
      sourceAccount: from.accountId,
      target: copy.target,
      targetAccount: to.accountId,
      kmsKeyArn: plan.keyArn,
      sourceArn,
    };
    const multipart = copy.parts > 0;
    const how = await session.call(
      {
        service: 'S3',
        action: multipart ? 'UploadPartCopy' : 'CopyObject',
        resource: `${s3Url(copy.source)} -> ${s3Url(copy.target)}`,
      },
      `The copy needs, for the promotion role: s3:GetObject on ${s3Url(copy.source)} (its ${PROMOTION_ROLE_SIDS.readSourceArtifacts} statement and ` +
        `the bucket policy of ${copy.source.bucket}) with kms:Decrypt on ${from.name}'s key through S3, and s3:PutObject on ` +
        `${copy.target.bucket}/${ARTIFACTS_PREFIX}* (${PROMOTION_ROLE_SIDS.writeArtifacts}${multipart ? `, with s3:ListMultipartUploadParts and s3:AbortMultipartUpload, and s3:ListBucketMultipartUploads by ${PROMOTION_ROLE_SIDS.listArtifacts}` : ''}) with kms:GenerateDataKey on ${plan.keyArn} ` +
        `(${PROMOTION_ROLE_SIDS.encryptArtifacts}; the bucket policy accepts objects encrypted with that key only).`,
      async () => {
        if (!multipart) {
          await copyArtifact(aws.s3.target, request);
          return '';
        }
        const result = await copyArtifactMultipart(aws.s3.target, request, aws.multipart);
        return ` in ${result.parts} parts${result.resumed > 0 ? ` (${result.resumed} copied by an earlier run, resumed)` : ''}, ETag ${result.etag}`;
      },
    );
    session.copied.push(s3Url(copy.target));
    out(
      `copied ${s3Url(copy.source)} (${copy.sourceState.size} bytes) to ${s3Url(copy.target)}${how}, encrypted with ${plan.keyArn}.`,
    );
  }
  for (const copy of plan.copies.filter((candidate) => candidate.done)) {
    out(
      `${s3Url(copy.target)} already holds the artifact (source ETag ${copy.sourceState.etag}); not copied again.`,
    );
  }

  let targetArn = plan.registered;
  if (targetArn) {
    out(
      `already registered in ${to.name} as ${targetArn} (lineage ${sourceArn}); not registered again.`,
    );
  } else {
    const artifacts = new Map(plan.copies.map((copy) => [s3Url(copy.source), s3Url(copy.target)]));
    targetArn = await session.call(
      {
        service: 'SageMaker',
        action: 'CreateModelPackage',
        resource: `group ${group} of ${to.name}`,
      },
      `The promotion role registers packages by its ${PROMOTION_ROLE_SIDS.registerPackages} statement, on the groups of platform.json: deploy ${to.name}'s foundation stack.`,
      () =>
        registerPackage(aws.sageMaker.target, {
          group,
          source: plan.source,
          sourceArn,
          sourceEnvironment: from.name,
          version: plan.request.version,
          artifacts,
          sourceEtags: plan.copies.map((copy) => copy.sourceState.etag),
          images: new Map(plan.images.map((image) => [image.sourceUri, image.targetUri])),
        }),
    );
    session.registered = targetArn;
    out(
      `registered ${targetArn} in ${to.name}, PendingManualApproval, with lineage source-model-package-arn=${sourceArn}, ` +
        `source-model-package-version=${plan.request.version}, source-approval-status=Approved.`,
    );
  }

  const { next, changed } = manifestAfter(plan, targetArn);
  const served = servedText(plan, targetArn);
  if (changed) {
    writeReleaseManifest(config, to, manifestText(next));
    out(`wrote ${file}: ${served}.`);
  } else {
    out(`${file} already records ${served}; not written.`);
  }
  if (session.copied.length === 0 && !session.registered && !changed) {
    out(`already promoted: ${sourceArn} is ${targetArn} in ${to.name}. Nothing changed.`);
  } else {
    out(
      `done: the next plan of ${to.name}'s inference stacks serves ${targetArn}. Once they are applied and the smoke ` +
        `test passes, "platform approve --env ${to.name} --model-package-arn ${targetArn}" approves it, which forwards it ` +
        `to the next environment. Commit ${file} (promote.yml opens a pull request with it).`,
    );
  }
}
