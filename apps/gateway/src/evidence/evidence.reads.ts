import type { EvidenceStudyView, EvidenceView } from '@longview/contracts';
import { INTERVENTION_CATEGORIES, type InterventionCategory } from '@longview/domain';
import type { VerdictCount } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { interventionById } from '../interventions/interventions.reads';
import { SUSTAINABILITIES } from '../shared/enums';
import { badUserInput } from '../shared/errors';
import { evidenceAsOf } from '../asof/asof.reads';

/** Query.evidence: `category` is a String in the brief's API; it must name an InterventionCategory. */
export async function evidence(context: GatewayContext, metric: string, category: string | null | undefined, asOf?: string | null): Promise<EvidenceView> {
  if (category !== null && category !== undefined && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
    throw badUserInput(`Unknown intervention category "${category}"`, [{ path: 'category', message: `Must be one of ${INTERVENTION_CATEGORIES.join(', ')}` }]);
  }
  const chosen = (category ?? undefined) as InterventionCategory | undefined;
  return asOf ? evidenceAsOf(context, metric, chosen, asOf) : context.queries.getEvidence(metric, chosen, context.position.options());
}

/**
 * EvidenceStudy.intervention. The query service pools only interventions the viewer may see, so
 * every study is one of them; batched with the other studies' look-ups.
 */
export function studyIntervention(context: GatewayContext, study: EvidenceStudyView) {
  return interventionById(context, study.interventionId);
}

export function verdictCounts(view: EvidenceView): VerdictCount[] {
  return SUSTAINABILITIES.map((sustainability) => ({ sustainability, count: view.verdicts[sustainability] ?? 0 }));
}
