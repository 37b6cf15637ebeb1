import { findMetric, type Actor, type InterventionCategory, type Sharing } from '@longview/domain';
import type { DemoPlan, DemoStepOf } from './generate';
import type { DemoPersonStep, DriverDiagramStep } from './people';

/** A driver diagram command and the editor who issues it. */
export type DemoDriverDiagramStep = DemoPersonStep<DriverDiagramStep>;

type Proposal = DemoStepOf<'ProposeIntervention'>['data'];

/** The drivers a change of each category works through (a primary driver, a secondary one, the change idea). */
const DRIVERS: Readonly<Record<InterventionCategory, { primary: string; secondary: string }>> = {
  PATIENT_FLOW: { primary: 'Patients move through the hospital without waiting', secondary: 'Beds are free when the next patient needs one' },
  ELECTIVE_RECOVERY: { primary: 'Planned care runs at full capacity', secondary: 'Theatre and clinic lists are full and start on time' },
  WORKFORCE: { primary: 'We have enough staff, and they stay', secondary: 'Staff are supported back to work and in it' },
  CULTURE_AND_LEADERSHIP: { primary: 'Staff feel heard and able to improve their work', secondary: 'Leaders listen and act on what staff raise' },
  QUALITY_AND_SAFETY: { primary: 'Care is safe and reliable every time', secondary: 'Deterioration is spotted and acted on early' },
  DIGITAL: { primary: 'Information reaches the right person first time', secondary: 'Discharge paperwork is ready before the patient is' },
  OTHER: { primary: 'The whole community helps the hospital run well', secondary: 'Volunteers and partners take on what they do best' },
};

/** "Raise A&E 4-hour performance by 5 percentage points by March 2027": specific, measurable, time-bound. */
function aimFor(measure: string, by: string): string {
  const metric = findMetric(measure);
  if (!metric) return `Improve ${measure} by ${by}`;
  const verb = metric.improvement === 'INCREASE' ? 'Raise' : 'Reduce';
  const amount = metric.unit === '%' ? '5 percentage points' : metric.unit === 'days' ? 'half a day' : '0.3 points';
  return `${verb} ${metric.name} by ${amount} by ${by}, and hold it for a year`;
}

/**
 * Demo driver diagrams, deterministic from the plan: three trusts that each run two interventions
 * (the first by code; then the first with a PRIVATE intervention, so a visible diagram links one
 * its readers may not see; then the next). Each diagram's aim follows its first intervention's
 * target metric, one primary driver per intervention's category, each change idea tested by that
 * intervention. The first and third are PUBLIC, the second shared with trusts only; the third is
 * revised once, so its history shows two versions.
 */
export function demoDriverDiagrams(plan: DemoPlan): DemoDriverDiagramStep[] {
  const byTrust = new Map<string, Proposal[]>();
  for (const step of plan.steps)
    if (step.type === 'ProposeIntervention') byTrust.set(step.data.trustCode, [...(byTrust.get(step.data.trustCode) ?? []), step.data]);
  const candidates = [...byTrust.entries()].filter(([, list]) => list.length >= 2).sort(([a], [b]) => a.localeCompare(b));
  const first = candidates[0];
  const withPrivate = candidates.find(([code, list]) => code !== first?.[0] && list.some((p) => p.sharing === 'PRIVATE')) ?? candidates[1];
  const third = candidates.find(([code]) => code !== first?.[0] && code !== withPrivate?.[0]);
  const chosen: [[string, Proposal[]] | undefined, Sharing][] = [
    [first, 'PUBLIC'],
    [withPrivate, 'TRUSTS'],
    [third, 'PUBLIC'],
  ];
  const editor = (code: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name: `Improvement lead at ${code}` });
  const steps: DemoDriverDiagramStep[] = [];
  chosen.forEach(([entry, sharing], index) => {
    if (!entry) return;
    const [trustCode, proposals] = entry;
    const measure = proposals[0]?.targets[0]?.metric ?? 'ae-4hr';
    const primaryDrivers = proposals.map((p) => ({
      text: DRIVERS[p.category].primary,
      secondaryDrivers: [
        { text: DRIVERS[p.category].secondary, changeIdeas: [{ text: p.title, interventionIds: [p.interventionId] }] },
        { text: 'Teams see their own data every week', changeIdeas: [{ text: 'A run chart on every ward noticeboard' }] },
      ],
    }));
    const driverDiagramId = `demo-driver-diagram-${index + 1}`;
    const body = { aim: aimFor(measure, 'March 2027'), measure, sharing, primaryDrivers };
    steps.push({ actor: editor(trustCode), step: { type: 'DefineDriverDiagram', data: { driverDiagramId, trustCode, ...body } } });
    if (index === 2) {
      steps.push({
        actor: editor(trustCode),
        step: {
          type: 'ReviseDriverDiagram',
          data: {
            driverDiagramId,
            ...body,
            primaryDrivers: [
              ...primaryDrivers,
              {
                text: 'Patients and families shape the change',
                secondaryDrivers: [{ text: 'Their feedback reaches the team', changeIdeas: [{ text: 'Monthly patient panel' }] }],
              },
            ],
            note: 'Added the patient voice after the first PDSA cycles',
          },
        },
      });
    }
  });
  return steps;
}
