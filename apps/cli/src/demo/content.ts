/**
 * The words of the demo: fictional but plausible English place names per NHS England region,
 * trust name patterns, and intervention stories (titles, summaries, root causes, PDSA cycles,
 * reasons) written the way improvement teams write them.
 */
import type { Approach, Direction, InterventionCategory, Region, TrustKind } from '@longview/domain';

/** Fictional towns, by region. No trust in England carries these names. */
export const TOWNS: Readonly<Record<Region, readonly string[]>> = {
  NORTH_EAST_AND_YORKSHIRE: [
    'Aldersby', 'Brackendale', 'Calderthorpe', 'Dunmoor', 'Eskwick', 'Fellbridge', 'Garrowby', 'Hallamby',
    'Ingleholme', 'Kettlewick', 'Langstrother', 'Marrick Bridge', 'Netherdale', 'Ormsfield', 'Pickerby',
    'Ravensholme', 'Skelbrooke', 'Thrushcross', 'Ulverby', 'Wensleyford', 'Yarrowby', 'Scarbeck', 'Cragsworth',
    'Tynemoor', 'Wearbridge', 'Swaleby', 'Rothbeck', 'Airecross', 'Coquetford', 'Teesholme',
  ],
  NORTH_WEST: [
    'Bollinbrook', 'Crossfold', 'Dunham Vale', 'Fellgate', 'Grisebeck', 'Hindleford', 'Irwell Bridge', 'Kersal Moor',
    'Lunesdale', 'Mersey Heath', 'Netherwood', 'Oldcastle', 'Pendlemoor', 'Ribblemere', 'Sankey Bridge', 'Tarnside',
    'Walderton', 'Wyreford', 'Calderbrook', 'Irkdale', 'Rossingham', 'Goytbridge', 'Haslingmoor', 'Mossholme',
    'Tamebridge', 'Croalford', 'Douglas Vale', 'Lowther Cross', 'Weaverham Vale', 'Ditton Marsh',
  ],
  MIDLANDS: [
    'Ambermoor', 'Bradenbury', 'Charnwick', 'Dovebridge', 'Fosseley', 'Greswold', 'Hinton Magna', 'Ivelbury',
    'Kinverton', 'Leamford', 'Mallingham', 'Nenebridge', 'Owlsworth', 'Penkford', 'Quornby', 'Rowley Heath',
    'Sowebridge', 'Tamford', 'Upton Lacey', 'Wrekinford', 'Arrowbury', 'Blythewood', 'Churnetbury', 'Derwenton',
    'Trentholme', 'Soarbridge', 'Measeford', 'Witham Cross', 'Tamebury', 'Leadon Vale', 'Bourne Heath',
    'Stowe Magna',
  ],
  EAST_OF_ENGLAND: [
    'Alderfleet', 'Brandon Heath', 'Colnebury', 'Dedhamford', 'Elvedon', 'Fenbridge', 'Gipping Cross', 'Hartismere',
    'Icknield', 'Kennetsford', 'Larkbury', 'Mardle', 'Narwick', 'Orwell Heath', 'Pelham Cross', 'Rodingfield',
    'Stortbury', 'Thetley', 'Waveney Cross', 'Wissey', 'Yarebridge', 'Blythmere', 'Chelmbury', 'Ousebridge',
    'Stourmere', 'Tasley', 'Ivel Cross', 'Glaven',
  ],
  LONDON: [
    'Fleetbridge', 'Wandle Valley', 'Effra', 'Tyburn', 'Walbrook', 'Westbourne', 'Counters Creek', 'Quaggy',
    'Pymmes', 'Silk Stream', 'Dollis', 'Crane Valley', 'Yeading', 'Hogsmill', 'Ingrebourne', 'Beam Valley',
    'Rom Valley', 'Moselle', 'Ravensbourne', 'Falconbrook', 'Neckinger', 'Brent Valley', 'Pool River',
    'Beverley Brook', 'Holloway Fields', 'Kyd Brook', 'Salmons Brook', 'Peck Water',
  ],
  SOUTH_EAST: [
    'Arunford', 'Bewlford', 'Cuckmere', 'Darenth Vale', 'Edenholt', 'Hambledown', 'Itchenford', 'Lodden Cross',
    'Medwick', 'Ouseford', 'Pevensham', 'Quarry Hill', 'Rotherfield Vale', 'Stourwick', 'Teisebury', 'Uckham',
    'Wey Cross', 'Wealdbury', 'Adurford', 'Rotherbridge', 'Beult', 'Lenbridge', 'Meonford', 'Testbury',
    'Hamblebrook', 'Kennet Cross', 'Thamesmead Vale', 'Pang Valley', 'Colne Vale', 'Evenlode',
  ],
  SOUTH_WEST: [
    'Axmoor', 'Bruebury', 'Camelmouth', 'Dartcombe', 'Exmere', 'Foweycombe', 'Fromebury', 'Haylestow', 'Islebury',
    'Kenncombe', 'Lynstow', 'Mendip Vale', 'Otterford', 'Parrettbury', 'Quantock Vale', 'Torridgecombe',
    'Tamar Vale', 'Yeominster', 'Wylyebury', 'Sidcombe', 'Culmbridge', 'Avonmere', 'Severnside', 'Fallstow',
    'Helford', 'Kenwyn Cross',
  ],
};

/** Ambulance services cover large areas: one or two fictional areas per region. */
export const AMBULANCE_AREAS: Readonly<Record<Region, readonly string[]>> = {
  NORTH_EAST_AND_YORKSHIRE: ['Northmoor and Dales', 'Pennine and Humber'],
  NORTH_WEST: ['Irwell and Lune'],
  MIDLANDS: ['Heart of Mercia', 'Trent Valley'],
  EAST_OF_ENGLAND: ['Fens and Broads'],
  LONDON: ['Thames Capital'],
  SOUTH_EAST: ['Weald and Downs', 'Solent and Chiltern'],
  SOUTH_WEST: ['Wessex Peninsula'],
};

/** How many trusts of each kind the demo registers in each region (about 60% acute overall). */
export const TRUSTS_PER_REGION: Readonly<Record<Region, Readonly<Record<TrustKind, number>>>> = {
  NORTH_EAST_AND_YORKSHIRE: { ACUTE: 15, MENTAL_HEALTH: 4, COMMUNITY: 2, AMBULANCE: 2, SPECIALIST: 1 },
  NORTH_WEST: { ACUTE: 13, MENTAL_HEALTH: 4, COMMUNITY: 2, AMBULANCE: 1, SPECIALIST: 2 },
  MIDLANDS: { ACUTE: 17, MENTAL_HEALTH: 5, COMMUNITY: 3, AMBULANCE: 2, SPECIALIST: 1 },
  EAST_OF_ENGLAND: { ACUTE: 10, MENTAL_HEALTH: 3, COMMUNITY: 2, AMBULANCE: 1, SPECIALIST: 1 },
  LONDON: { ACUTE: 13, MENTAL_HEALTH: 4, COMMUNITY: 2, AMBULANCE: 1, SPECIALIST: 3 },
  SOUTH_EAST: { ACUTE: 13, MENTAL_HEALTH: 4, COMMUNITY: 2, AMBULANCE: 2, SPECIALIST: 1 },
  SOUTH_WEST: { ACUTE: 10, MENTAL_HEALTH: 3, COMMUNITY: 1, AMBULANCE: 1, SPECIALIST: 1 },
};

/** Second letter of demo ODS codes, by region: codes are `Z` + region letter + one character. */
export const REGION_CODE_LETTER: Readonly<Record<Region, string>> = {
  NORTH_EAST_AND_YORKSHIRE: 'N',
  NORTH_WEST: 'W',
  MIDLANDS: 'M',
  EAST_OF_ENGLAND: 'E',
  LONDON: 'L',
  SOUTH_EAST: 'S',
  SOUTH_WEST: 'V',
};

export const ACUTE_NAME_PATTERNS: readonly ((town: string, other: string) => string)[] = [
  (t) => `${t} Hospitals NHS Foundation Trust`,
  (t) => `${t} Hospitals NHS Foundation Trust`,
  (t) => `${t} Teaching Hospitals NHS Foundation Trust`,
  (t) => `University Hospitals of ${t} NHS Trust`,
  (t) => `${t} General Hospital NHS Trust`,
  (t, o) => `${t} and ${o} Hospitals NHS Trust`,
  (t) => `${t} Healthcare NHS Trust`,
  (t) => `${t} University Hospitals NHS Foundation Trust`,
];
export const MENTAL_HEALTH_NAME_PATTERNS: readonly ((town: string, other: string) => string)[] = [
  (t) => `${t} Mental Health NHS Trust`,
  (t) => `${t} Partnership NHS Foundation Trust`,
  (t, o) => `${t} and ${o} Mental Health NHS Foundation Trust`,
  (t) => `${t} Mental Health NHS Foundation Trust`,
];
export const COMMUNITY_NAME_PATTERNS: readonly ((town: string) => string)[] = [
  (t) => `${t} Community Health NHS Trust`,
  (t) => `${t} Community Healthcare NHS Trust`,
  (t) => `${t} Health and Care NHS Foundation Trust`,
];
export const SPECIALIST_NAME_PATTERNS: readonly ((town: string) => string)[] = [
  (t) => `${t} Children's Hospital NHS Foundation Trust`,
  (t) => `${t} Heart and Chest Hospital NHS Foundation Trust`,
  (t) => `${t} Orthopaedic Hospital NHS Foundation Trust`,
  (t) => `${t} Women's Hospital NHS Foundation Trust`,
  (t) => `${t} Eye Hospital NHS Foundation Trust`,
  (t) => `${t} Cancer Centre NHS Foundation Trust`,
  (t) => `${t} Neurosciences NHS Foundation Trust`,
];
export const AMBULANCE_NAME_PATTERNS: readonly ((area: string) => string)[] = [
  (a) => `${a} Ambulance Service NHS Foundation Trust`,
  (a) => `${a} Ambulance Service NHS Trust`,
];

export interface InterventionTemplate {
  readonly category: InterventionCategory;
  readonly title: string;
  /** `{town}` is replaced by the trust's town. */
  readonly summary: string;
  readonly rootCause: string;
  readonly approach: Approach;
  readonly kinds: readonly TrustKind[];
  /** The first target is the primary one: the demo records a series for it at every eligible trust. */
  readonly targets: readonly { readonly metric: string; readonly direction: Direction }[];
  /** Short noun phrase for PDSA texts, e.g. "the SDEC extended hours". */
  readonly change: string;
  /** Where a PDSA cycle is tested first. */
  readonly unit: string;
}

const ACUTE: readonly TrustKind[] = ['ACUTE'];
const ALL: readonly TrustKind[] = ['ACUTE', 'MENTAL_HEALTH', 'COMMUNITY', 'AMBULANCE', 'SPECIALIST'];
const NON_ACUTE_CLINICAL: readonly TrustKind[] = ['MENTAL_HEALTH', 'COMMUNITY', 'AMBULANCE'];

const inc = (metric: string) => ({ metric, direction: 'INCREASE' as const });
const dec = (metric: string) => ({ metric, direction: 'DECREASE' as const });

export const INTERVENTION_TEMPLATES: readonly InterventionTemplate[] = [
  // ---- Patient flow ----
  {
    category: 'PATIENT_FLOW',
    title: 'Same Day Emergency Care seven days a week',
    summary:
      'Extend the {town} SDEC unit to 08:00-22:00 seven days a week with a dedicated acute physician, so ambulatory ' +
      'patients are assessed and treated without an admission bed.',
    rootCause: 'Ambulatory patients wait in majors for a bed they do not need because SDEC closes at 17:00 and at weekends.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('ae-4hr'), dec('ae-12hr')],
    change: 'extended SDEC hours',
    unit: 'the acute medical unit',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Discharge to assess with community partners',
    summary:
      'Pathway 1 and 2 patients in {town} go home or to a step-down bed the day they are medically optimised; ' +
      'therapy and social care assess them there rather than on the ward.',
    rootCause: 'Medically optimised patients wait on wards for assessments and care packages arranged from hospital.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'discharge-to-assess pathway',
    unit: 'the care of older people wards',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Criteria-led discharge on medical wards',
    summary:
      'Consultants set clear discharge criteria on the post-take round; nurses and therapists discharge when they are met, ' +
      'including at weekends, without waiting for a doctor.',
    rootCause: 'Discharges cluster late in the day and drop at weekends because every discharge waits for a doctor.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'criteria-led discharge',
    unit: 'two general medicine wards',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Winter weekend discharge team',
    summary: 'Fund an extra weekend discharge team (doctor, pharmacist, transport) for the winter months at {town}.',
    rootCause: 'Weekend discharges are a third of weekday discharges, so Monday starts with a full hospital.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [dec('bed-occupancy')],
    change: 'weekend discharge team',
    unit: 'the medical division',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Rapid assessment and treatment at the front door',
    summary:
      'A senior clinician assesses every ambulance arrival within 15 minutes at {town} ED and starts investigations ' +
      'before the patient reaches a cubicle.',
    rootCause: 'Time to first clinician assessment in majors exceeds two hours at peak times.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('ae-4hr')],
    change: 'rapid assessment and treatment rota',
    unit: 'the emergency department',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Red to Green days and daily board rounds',
    summary: 'Every ward runs a 09:00 board round and names the delay for every patient whose day added no value.',
    rootCause: 'Internal waits for diagnostics and decisions add days to stays without anyone seeing them.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'Red to Green board rounds',
    unit: 'three medical wards',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Streaming to an urgent treatment centre',
    summary:
      'A GP-led urgent treatment centre beside {town} ED takes minor illness and injury streamed at the front door, ' +
      'leaving the ED team for the sickest patients.',
    rootCause: 'Four in ten ED attendances could be treated in primary care or an urgent treatment centre.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('ae-4hr')],
    change: 'front-door streaming',
    unit: 'the ED front door',
  },
  {
    category: 'PATIENT_FLOW',
    title: 'Virtual ward for frailty and respiratory patients',
    summary:
      'Hospital at home in {town}: remote monitoring and daily consultant review let frail and respiratory patients ' +
      'leave hospital earlier or avoid admission.',
    rootCause: 'Frail patients stay in hospital for monitoring that could be done at home.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'virtual ward',
    unit: 'the frailty and respiratory teams',
  },
  // ---- Elective recovery ----
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'High-volume low-complexity cataract lists',
    summary: 'Run GIRFT-style cataract lists of ten cases at {town}, with pre-assessment by phone and a dedicated team.',
    rootCause: 'Cataract lists run at five cases because of late starts, cancellations and changing teams.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'high-volume cataract lists',
    unit: 'the day surgery unit',
  },
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'Weekend waiting-list initiative sessions',
    summary: 'Extra paid Saturday theatre and clinic sessions at {town} to treat the longest waiters.',
    rootCause: 'Demand has outstripped core theatre and clinic capacity since the pandemic.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'weekend waiting-list sessions',
    unit: 'general surgery and orthopaedics',
  },
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'Waiting list validation',
    summary: 'An administrative and clinical validation of every pathway over 12 weeks, contacting patients by text and letter.',
    rootCause: 'One pathway in ten on the waiting list no longer needs treatment or is a duplicate.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'waiting list validation',
    unit: 'the ENT and dermatology lists',
  },
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'Ring-fenced elective orthopaedic beds',
    summary:
      'Protect an elective orthopaedic ward at {town} from emergency admissions all year, winter included, ' +
      'so planned surgery is not cancelled for want of a bed.',
    rootCause: 'Elective operations are cancelled on the day when medical outliers fill the surgical beds.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'ring-fenced elective beds',
    unit: 'the elective orthopaedic ward',
  },
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'Patient-initiated follow-up',
    summary: 'Stable patients book their own follow-up when they need it instead of routine appointments, freeing new-patient slots.',
    rootCause: 'Half of outpatient follow-up appointments lead to no change in care.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'patient-initiated follow-up',
    unit: 'rheumatology and gastroenterology clinics',
  },
  {
    category: 'ELECTIVE_RECOVERY',
    title: 'Insourced weekend endoscopy',
    summary: 'An insourcing provider runs endoscopy lists at {town} at weekends for six months.',
    rootCause: 'Diagnostic waits hold up treatment decisions for surgical pathways.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('rtt-18wk'), inc('cancer-62d')],
    change: 'insourced endoscopy lists',
    unit: 'the endoscopy unit',
  },
  // ---- Workforce ----
  {
    category: 'WORKFORCE',
    title: 'Attendance management refresh',
    summary: 'Line managers retrained in the attendance policy; trigger points applied consistently across {town}.',
    rootCause: 'Managers apply the sickness policy inconsistently, and short-term absence is not followed up.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [dec('sickness-absence')],
    change: 'attendance management refresh',
    unit: 'two divisions',
  },
  {
    category: 'WORKFORCE',
    title: 'Fast-track musculoskeletal physiotherapy for staff',
    summary: 'Staff with back and joint problems see an occupational health physiotherapist within five working days.',
    rootCause: 'Musculoskeletal problems are the second cause of absence and staff wait months for NHS physiotherapy.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [dec('sickness-absence')],
    change: 'staff physiotherapy fast track',
    unit: 'occupational health',
  },
  {
    category: 'WORKFORCE',
    title: 'Self-rostering and flexible working',
    summary: 'Teams build their own rosters within agreed rules, with flexible shift patterns offered to every staff group.',
    rootCause: 'Rigid rosters with short notice changes drive stress-related absence and leavers.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [dec('sickness-absence'), dec('vacancy-rate')],
    change: 'self-rostering',
    unit: 'two pilot teams',
  },
  {
    category: 'WORKFORCE',
    title: 'Staff wellbeing hub with psychological support',
    summary: 'A staff wellbeing hub at {town} offering same-week psychological support, peer support and trauma-informed debriefs.',
    rootCause: 'Anxiety, stress and depression are the largest cause of sickness absence.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [dec('sickness-absence')],
    change: 'wellbeing hub',
    unit: 'the highest-absence teams',
  },
  {
    category: 'WORKFORCE',
    title: 'Return-to-work interview drive',
    summary: 'A month-long drive so every absence ends with a documented return-to-work conversation.',
    rootCause: 'Fewer than half of absences are followed by a return-to-work conversation.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [dec('sickness-absence')],
    change: 'return-to-work interviews',
    unit: 'all wards and departments',
  },
  // ---- Culture and leadership ----
  {
    category: 'CULTURE_AND_LEADERSHIP',
    title: 'Compassionate leadership programme',
    summary: 'Every leader at band 7 and above at {town} completes a six-month compassionate leadership programme with coaching.',
    rootCause: 'Staff survey comments describe a command-and-control style and not being listened to.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'compassionate leadership programme',
    unit: 'the first cohort of ward and team leaders',
  },
  {
    category: 'CULTURE_AND_LEADERSHIP',
    title: 'Freedom to Speak Up champion network',
    summary: 'Forty trained Speak Up champions across sites, with themes reported to the board every quarter.',
    rootCause: 'Staff do not believe concerns they raise will be acted on.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'Speak Up champion network',
    unit: 'two sites',
  },
  {
    category: 'CULTURE_AND_LEADERSHIP',
    title: 'Executive listening events',
    summary: 'Monthly open listening events with the chief executive and chief nurse across {town} sites.',
    rootCause: 'The executive team is seen as remote from front-line pressures.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'listening events',
    unit: 'the main site',
  },
  {
    category: 'CULTURE_AND_LEADERSHIP',
    title: 'Civility Saves Lives campaign',
    summary: 'A campaign on the impact of incivility, with team sessions and a pledge.',
    rootCause: 'One in four staff report incivility from colleagues in the staff survey.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'civility campaign',
    unit: 'theatres and critical care',
  },
  {
    category: 'CULTURE_AND_LEADERSHIP',
    title: 'Shared governance councils',
    summary: 'Unit-based councils where nurses and allied health professionals decide how their own practice improves.',
    rootCause: 'Front-line staff have little say in decisions that shape their work.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [inc('staff-engagement'), dec('vacancy-rate')],
    change: 'shared governance councils',
    unit: 'six pilot wards and teams',
  },
  // ---- Quality and safety ----
  {
    category: 'QUALITY_AND_SAFETY',
    title: 'Ambulance handover cohort area',
    summary: 'A nurse-led cohort area at {town} ED takes ambulance handovers within 30 minutes when cubicles are full.',
    rootCause: 'Crews wait hours to hand over, leaving patients unassessed in corridors and calls unanswered.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('ae-4hr'), dec('ae-12hr')],
    change: 'handover cohort area',
    unit: 'the emergency department',
  },
  {
    category: 'QUALITY_AND_SAFETY',
    title: 'Deteriorating patient and sepsis bundle',
    summary: 'NEWS2 escalation with an outreach response within 30 minutes and the Sepsis Six started within the hour.',
    rootCause: 'Late recognition of deterioration leads to unplanned critical care stays and long recoveries.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'deteriorating patient bundle',
    unit: 'the acute medical unit and two wards',
  },
  {
    category: 'QUALITY_AND_SAFETY',
    title: 'Reducing restrictive practice (Safewards)',
    summary: 'Safewards interventions on every inpatient ward to reduce conflict, restraint and staff injury.',
    rootCause: 'Restraint and assaults on staff are high on acute inpatient wards, causing injury and absence.',
    approach: 'SYSTEMIC',
    kinds: ['MENTAL_HEALTH'],
    targets: [dec('sickness-absence')],
    change: 'Safewards interventions',
    unit: 'two adult acute wards',
  },
  {
    category: 'QUALITY_AND_SAFETY',
    title: 'Body-worn cameras for front-line staff',
    summary: 'Body-worn cameras issued to front-line staff to deter violence and aggression.',
    rootCause: 'Violence and aggression against staff cause injury, stress and absence.',
    approach: 'QUICK_FIX',
    kinds: NON_ACUTE_CLINICAL,
    targets: [dec('sickness-absence')],
    change: 'body-worn cameras',
    unit: 'one locality',
  },
  {
    category: 'QUALITY_AND_SAFETY',
    title: 'Twelve-hour wait safety huddles',
    summary: 'Two-hourly safety huddles in {town} ED whenever a patient has waited more than 8 hours, escalating to the site team.',
    rootCause: 'Long waits in the department are not escalated until they become twelve-hour breaches.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('ae-4hr'), dec('ae-12hr')],
    change: 'long-wait safety huddles',
    unit: 'the emergency department',
  },
  // ---- Digital ----
  {
    category: 'DIGITAL',
    title: 'Electronic bed management and real-time capacity board',
    summary: 'A real-time electronic bed state and capacity board for {town}, fed from the EPR, replaces the phone-round.',
    rootCause: 'Bed state is gathered by phone four times a day and is out of date when it is used.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'electronic bed board',
    unit: 'the site management team',
  },
  {
    category: 'DIGITAL',
    title: 'e-Rostering with safe staffing alerts',
    summary: 'Move every team onto e-rostering with rules for rest between shifts and alerts for unsafe staffing.',
    rootCause: 'Paper rosters allow run-of-nights patterns and short rest that drive fatigue and absence.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [dec('sickness-absence')],
    change: 'e-rostering rules',
    unit: 'the pilot wards',
  },
  {
    category: 'DIGITAL',
    title: 'Digital referral triage',
    summary: 'Robotic process automation and consultant e-triage of GP referrals at {town}, with advice and guidance returned within 48 hours.',
    rootCause: 'Referrals sit in paper queues for weeks before a consultant sees them.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('rtt-18wk')],
    change: 'digital referral triage',
    unit: 'cardiology and urology',
  },
  {
    category: 'DIGITAL',
    title: 'Electronic discharge letters with pharmacy automation',
    summary: 'Discharge letters and take-home medicines are started electronically the day before discharge.',
    rootCause: 'Patients wait hours on the day of discharge for letters and take-home medicines.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy')],
    change: 'electronic discharge letters',
    unit: 'the surgical wards',
  },
  {
    category: 'DIGITAL',
    title: 'ED tracking screen refresh',
    summary: 'A new tracking screen in {town} ED showing time in department and breach risk for every patient.',
    rootCause: 'Staff cannot see at a glance which patients are close to four hours.',
    approach: 'QUICK_FIX',
    kinds: ACUTE,
    targets: [inc('ae-4hr')],
    change: 'tracking screen',
    unit: 'the emergency department',
  },
  {
    category: 'DIGITAL',
    title: 'Staff wellbeing app',
    summary: 'A staff app with wellbeing resources, pulse surveys and a direct line to the executive team.',
    rootCause: 'Staff without desks miss emails and feel disconnected from the organisation.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'staff app',
    unit: 'community and night teams',
  },
  // ---- Other ----
  {
    category: 'OTHER',
    title: 'New majors cubicles in the emergency department',
    summary: 'Twelve additional majors cubicles at {town} ED from a capital build, with matched nurse staffing.',
    rootCause: 'The ED was built for half its current attendances and runs out of cubicles by mid-morning.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [inc('ae-4hr')],
    change: 'additional majors capacity',
    unit: 'the emergency department',
  },
  {
    category: 'OTHER',
    title: 'Housing partnership for delayed discharges',
    summary: 'A partnership with the local council and housing associations in {town} to find homes for patients whose only delay is housing.',
    rootCause: 'Patients with housing needs stay weeks after they are medically optimised.',
    approach: 'SYSTEMIC',
    kinds: ACUTE,
    targets: [dec('bed-occupancy'), dec('nel-los')],
    change: 'housing partnership',
    unit: 'the discharge hub',
  },
  {
    category: 'OTHER',
    title: 'Staff travel and parking scheme',
    summary: 'Free night-shift parking and subsidised bus passes for staff at {town}.',
    rootCause: 'Parking costs and unsafe late travel are a top complaint in the staff survey.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'travel scheme',
    unit: 'the main site',
  },
  {
    category: 'OTHER',
    title: 'Hot food for night staff',
    summary: 'A 24-hour hot food offer and rest spaces for staff working nights.',
    rootCause: 'Night staff have nowhere to eat or rest during breaks.',
    approach: 'QUICK_FIX',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'night food offer',
    unit: 'the main site',
  },
  {
    category: 'OTHER',
    title: 'Volunteer ward helpers',
    summary: 'Trained volunteers help at mealtimes and with discharge transport so nurses have time for care.',
    rootCause: 'Nurses spend time on non-clinical tasks and leave shifts late.',
    approach: 'SYSTEMIC',
    kinds: ALL,
    targets: [inc('staff-engagement')],
    change: 'ward volunteer scheme',
    unit: 'the care of older people wards',
  },
];

export interface PdsaText {
  readonly plan: string;
  readonly do: string;
  readonly study: string;
  readonly act: string;
}

/** PDSA cycles in the order a team runs them; `{change}` and `{unit}` come from the template. */
export const PDSA_SEQUENCE: readonly (readonly PdsaText[])[] = [
  [
    {
      plan: 'Test the {change} in {unit} for two weeks. Prediction: fewer delays on the days it runs.',
      do: 'Ran the {change} in {unit} for ten working days; recorded every delay on a tally sheet.',
      study: 'Delays fell on most days it ran; two days lost to staff sickness. Staff liked it but found the paperwork heavy.',
      act: 'Adapt: simplify the paperwork and test again for a month.',
    },
    {
      plan: 'A one-week small test of the {change} with a single team in {unit}.',
      do: 'Ran for five days with the day team only.',
      study: 'Worked when the lead was on shift; stalled when they were not.',
      act: 'Adapt: train a deputy for every shift before testing again.',
    },
  ],
  [
    {
      plan: 'Run the simplified {change} in {unit} for a month, with a named lead on every shift.',
      do: 'Ran for four weeks; the run chart was reviewed at the weekly huddle.',
      study: 'The run chart showed a run of points above the median for the first time; feedback from patients was positive.',
      act: 'Adopt in {unit}; plan to spread to a second area.',
    },
    {
      plan: 'Repeat the test of the {change} in {unit} with the new rota.',
      do: 'Ran for three weeks, including a bank holiday weekend.',
      study: 'Good on weekdays, weaker at weekends when cover was thin.',
      act: 'Adapt: agree weekend cover with the division before spreading.',
    },
  ],
  [
    {
      plan: 'Spread the {change} beyond {unit} to two more areas.',
      do: 'Launched in two more areas with a half-day training session for each team.',
      study: 'One area matched the pilot; the other struggled with staffing gaps.',
      act: 'Adopt where it works; give the struggling area a coach for a month.',
    },
  ],
  [
    {
      plan: 'Build the {change} into standard operating procedures and job plans.',
      do: 'SOP approved at the divisional board; job plans updated at the annual review.',
      study: 'Measures held through a difficult month of high demand.',
      act: 'Adopt: hand the measures to the operational team to monitor monthly.',
    },
  ],
  [
    {
      plan: 'Check the {change} still runs as designed six months on.',
      do: 'Audited a random sample of days and asked staff what had drifted.',
      study: 'Most elements held; induction for new starters had lapsed.',
      act: 'Adapt: add the {change} to the induction programme.',
    },
  ],
];

export const COMPLETION_SUMMARIES: readonly string[] = [
  'Embedded as business as usual; the measures are reviewed monthly at the divisional performance meeting.',
  'Handed over to the operational team with a standard operating procedure and a named owner.',
  'The project phase is closed; the change continues and is funded recurrently from next year.',
  'Closed after the final PDSA cycle; the team is sharing the method with neighbouring trusts.',
  'Project closed at the planned end date; sustainability will be reviewed at six and twelve months.',
];

export const ABANDON_REASONS: readonly string[] = [
  'The project lead left and no one could be released to take it on.',
  'The space was converted to escalation beds for winter and could not be released.',
  'Non-recurrent funding ended and the business case for recurrent funding was not approved.',
  'Staff-side consultation did not support the rota change.',
  'The supplier could not integrate with the electronic patient record in time.',
  'Merged into the integrated care board’s system-wide urgent and emergency care programme.',
  'Industrial action took the clinical leads away from the project for three months; the board paused it.',
];

export const CONTEXT_CHANGE_REASONS = {
  segmentWorse: 'NHS Oversight Framework quarterly segmentation: moved down a segment on finance and urgent care performance.',
  segmentBetter: 'NHS Oversight Framework quarterly segmentation: moved up a segment after sustained recovery.',
  cqcBetter: 'CQC well-led inspection report published: rating improved.',
  cqcWorse: 'CQC inspection report published: rating fell after an unannounced inspection.',
  beds: 'New ward block opened.',
} as const;
