import type { Actor, Region } from '@longview/domain';
import type { DemoPlan } from './generate';
import type { DemoPersonStep, ProgrammeStep } from './people';

/** The demo sign-in's policymaker (`demo-policymaker`): signing in as the policymaker shows the programme as its coordinator. */
export const DEMO_PROGRAMME_COORDINATOR: Actor = { id: 'demo-policymaker', role: 'POLICYMAKER', name: 'Regional improvement programme lead' };
export const DEMO_PROGRAMME_ID = 'demo-programme-1';
const MAX_MEMBERS = 5;

const REGION_NAMES: Readonly<Record<Region, string>> = {
  NORTH_EAST_AND_YORKSHIRE: 'North East and Yorkshire',
  NORTH_WEST: 'North West',
  MIDLANDS: 'Midlands',
  EAST_OF_ENGLAND: 'East of England',
  LONDON: 'London',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
};

/**
 * One demo programme, deterministic from the plan: a regional patient-flow collaborative in the
 * region with the most started patient-flow interventions, on their most common target metric,
 * coordinated by the demo policymaker (the regional programme the adoption demo speaks of). Its
 * members are that region's trusts with such interventions (at most five): each joins through its
 * own editor, except the last, which the coordinator adds. Their patient-flow interventions are
 * linked, whatever their verdicts: shared ones by the coordinator, PRIVATE ones by their own
 * trust's editor (so the community sees the programme without them, uncounted).
 */
export function demoProgrammes(plan: DemoPlan): DemoPersonStep<ProgrammeStep>[] {
  const proposals = plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' ? [s.data] : []));
  const flow = plan.expectations.filter((e) => e.category === 'PATIENT_FLOW');
  if (flow.length === 0) return [];
  const count = <K extends string>(keys: readonly K[]) => {
    const counts = new Map<K, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const region = count(flow.map((e) => e.region))[0]?.[0] as Region;
  const inRegion = flow.filter((e) => e.region === region);
  const metric = count(inRegion.map((e) => e.metric))[0]?.[0] as string;
  const members = [...new Set(inRegion.map((e) => e.trustCode))].sort().slice(0, MAX_MEMBERS);
  const editor = (code: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name: `Improvement lead at ${code}` });

  const steps: DemoPersonStep<ProgrammeStep>[] = [
    {
      actor: DEMO_PROGRAMME_COORDINATOR,
      step: {
        type: 'CreateProgramme',
        data: {
          programmeId: DEMO_PROGRAMME_ID,
          name: `${REGION_NAMES[region]} patient-flow collaborative`,
          aim: `Trusts in the ${REGION_NAMES[region]} region improving patient flow together, and keeping the gains: each member's change judged by whether it lasts at least 12 months.`,
          category: 'PATIENT_FLOW',
          metric,
        },
      },
    },
  ];
  members.forEach((code, i) => {
    steps.push({
      actor: i === members.length - 1 && members.length > 1 ? DEMO_PROGRAMME_COORDINATOR : editor(code),
      step: { type: 'JoinProgramme', data: { programmeId: DEMO_PROGRAMME_ID, trustCode: code } },
    });
  });
  const linked = proposals
    .filter((p) => p.category === 'PATIENT_FLOW' && members.includes(p.trustCode))
    .sort((a, b) => a.trustCode.localeCompare(b.trustCode) || a.interventionId.localeCompare(b.interventionId));
  for (const p of linked) {
    steps.push({
      actor: p.sharing === 'PRIVATE' ? editor(p.trustCode) : DEMO_PROGRAMME_COORDINATOR,
      step: { type: 'LinkToProgramme', data: { programmeId: DEMO_PROGRAMME_ID, interventionId: p.interventionId } },
    });
  }
  return steps;
}
