import { s3Url } from './artifact';
import { manifestAfter, type PromotionPlan, servedText } from './plan';

/**
 * The dry run: what apply would do with `plan`, one line per step, in apply's order. `file` is
 * the release manifest as the user would type its path.
 */
export function describePlan(plan: PromotionPlan, file: string, out: (text: string) => void) {
  const { to, group, sourceArn } = plan.request;
  for (const image of plan.images) {
    out(
      image.done
        ? `${image.targetUri} already holds ${image.digest}; would not copy it.`
        : `would copy the image ${image.sourceUri} (${image.digest}) to ${image.targetUri}.`,
    );
  }
  for (const copy of plan.copies) {
    out(
      copy.done
        ? `${s3Url(copy.target)} already holds the artifact (source ETag ${copy.sourceState.etag}); would not copy it.`
        : `would copy ${s3Url(copy.source)} (${copy.sourceState.size} bytes${copy.parts > 0 ? `, in ${copy.parts} parts` : ''}) to ${s3Url(copy.target)}, encrypted with ${plan.keyArn}.`,
    );
  }
  out(
    plan.registered
      ? `already registered in ${to.name} as ${plan.registered}; would not register it again.`
      : `would register a package in ${to.name}'s group ${group}, PendingManualApproval, with lineage source-model-package-arn=${sourceArn}.`,
  );
  const targetArn = plan.registered ?? `<the package registered in ${to.name}>`;
  out(
    plan.registered && !manifestAfter(plan, targetArn).changed
      ? `${file} already records it; would not change it.`
      : `would write ${file}: ${servedText(plan, targetArn)}.`,
  );
  out('dry run: nothing was changed.');
}
