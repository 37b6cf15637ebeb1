import type { Actor } from '@longview/domain';
import type { DemoPlan, DemoStep } from './generate';
import type { AdoptionStep, DemoPersonStep } from './people';

type Proposal = Extract<DemoStep, { type: 'ProposeIntervention' }>['data'];

const ADOPTER_NAMES = ['Hannah Clarke', 'Tomasz Nowak', 'Funmi Adeyemi'] as const;

/** The demo's platform admin, acting for a regional programme that spreads a trust's pilot. */
const PROGRAMME_ADMIN: Actor = { id: 'demo-admin', role: 'ADMIN', name: 'Regional improvement programme' };

/**
 * Demo adoptions, deterministic from the plan, so the lineage and "does it spread?" evidence have
 * something to show on a first start:
 * - a chain of three: the first lasting, publicly shared intervention is adopted by a trust of
 *   the same kind in another region (shared publicly), and that adoption is adopted in turn by a
 *   third trust (shared with other trusts only);
 * - a private ancestor: a trust's PRIVATE pilot is adopted, by the regional programme (an admin),
 *   as a PUBLIC intervention at another trust. Everyone but that trust and admins sees the
 *   adoption's source only as "an intervention at another trust".
 * Adopters act as the demo sign-in's editors (`demo-trust-editor-<code>`).
 */
export function demoAdoptions(plan: DemoPlan): DemoPersonStep<AdoptionStep>[] {
  const proposals = plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' ? [s.data] : []));
  const byId = new Map<string, Proposal>(proposals.map((p) => [p.interventionId, p]));
  const registered = plan.steps.flatMap((s) => (s.type === 'RegisterTrust' ? [s.data] : []));
  const kinds = new Map(registered.map((t) => [t.code, t.context.kind]));
  const regions = new Map(registered.map((t) => [t.code, t.context.region]));
  const trusts = [...kinds.keys()].sort();
  const person = (code: string, name: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name });

  const lasting = plan.expectations.find((e) => e.effect === 'LASTING' && byId.get(e.interventionId)?.sharing === 'PUBLIC');
  const pilot = plan.expectations.find((e) => byId.get(e.interventionId)?.sharing === 'PRIVATE');
  const steps: DemoPersonStep<AdoptionStep>[] = [];
  const used = new Set<string>();
  const pick = (like: string, avoidRegion: boolean): string | undefined => {
    const found =
      trusts.find((c) => !used.has(c) && c !== like && kinds.get(c) === kinds.get(like) && (!avoidRegion || regions.get(c) !== regions.get(like))) ??
      trusts.find((c) => !used.has(c) && c !== like);
    if (found) used.add(found);
    return found;
  };

  if (lasting) {
    used.add(lasting.trustCode);
    const second = pick(lasting.trustCode, true);
    const third = second && pick(second, false);
    if (second) {
      steps.push({
        actor: person(second, ADOPTER_NAMES[0]),
        step: {
          type: 'AdoptIntervention',
          data: {
            interventionId: 'demo-adoption-1',
            sourceInterventionId: lasting.interventionId,
            trustCode: second,
            adaptations:
              'We ran it with our existing team instead of a new post, and started on weekdays before the whole week, because our site is smaller and our staffing thinner at weekends.',
            sharing: 'PUBLIC',
          },
        },
      });
    }
    if (second && third) {
      steps.push({
        actor: person(third, ADOPTER_NAMES[1]),
        step: {
          type: 'AdoptIntervention',
          data: {
            interventionId: 'demo-adoption-2',
            sourceInterventionId: 'demo-adoption-1',
            trustCode: third,
            adaptations:
              'We took it from the trust that adapted it, not the original: our context is closer to theirs. Our daily review is at midday rather than 9am, and weekend cover comes from the site team.',
            sharing: 'TRUSTS',
          },
        },
      });
    }
  }
  if (pilot) {
    used.add(pilot.trustCode);
    const adopter = pick(pilot.trustCode, false);
    if (adopter) {
      steps.push({
        actor: PROGRAMME_ADMIN,
        step: {
          type: 'AdoptIntervention',
          data: {
            interventionId: 'demo-adoption-3',
            sourceInterventionId: pilot.interventionId,
            trustCode: adopter,
            adaptations: `Spread by the regional programme from a pilot its trust keeps private; ${ADOPTER_NAMES[2]} leads it locally, with local measures and an extra PDSA cycle to test it first.`,
            sharing: 'PUBLIC',
          },
        },
      });
    }
  }
  return steps;
}
