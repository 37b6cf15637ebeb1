import { findMetric, type Actor, type Region } from '@longview/domain';
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
 * One demo programme, deterministic from the plan: a patient-flow collaborative on the measure
 * most started patient-flow interventions aim at, coordinated by the demo policymaker (the
 * regional programme the adoption demo speaks of). Its members are the trusts whose patient-flow
 * interventions aim at that measure (at most five, by code), so its pooled evidence has every one
 * of them; it is named after their region when they share one. Each joins through its own editor,
 * except the last, which the coordinator adds. Their patient-flow interventions on the measure are
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
  const metric = count(flow.map((e) => e.metric))[0]?.[0] as string;
  const onMetric = flow.filter((e) => e.metric === metric);
  const members = [...new Set(onMetric.map((e) => e.trustCode))].sort().slice(0, MAX_MEMBERS);
  const regions = [...new Set(onMetric.filter((e) => members.includes(e.trustCode)).map((e) => e.region))];
  const where = regions.length === 1 ? REGION_NAMES[regions[0] as Region] : 'National';
  const measure = findMetric(metric)?.name.toLowerCase() ?? metric;
  const editor = (code: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name: `Improvement lead at ${code}` });

  const steps: DemoPersonStep<ProgrammeStep>[] = [
    {
      actor: DEMO_PROGRAMME_COORDINATOR,
      step: {
        type: 'CreateProgramme',
        data: {
          programmeId: DEMO_PROGRAMME_ID,
          name: `${where} patient-flow collaborative`,
          aim: `Trusts ${regions.length === 1 ? `in the ${where} region` : 'across England'} improving ${measure} together, and keeping the gains: each member's change judged by whether it lasts at least 12 months.`,
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
    .filter((p) => p.category === 'PATIENT_FLOW' && members.includes(p.trustCode) && p.targets.some((t) => t.metric === metric))
    .sort((a, b) => a.trustCode.localeCompare(b.trustCode) || a.interventionId.localeCompare(b.interventionId));
  for (const p of linked) {
    steps.push({
      actor: p.sharing === 'PRIVATE' ? editor(p.trustCode) : DEMO_PROGRAMME_COORDINATOR,
      step: { type: 'LinkToProgramme', data: { programmeId: DEMO_PROGRAMME_ID, interventionId: p.interventionId } },
    });
  }
  return steps;
}
