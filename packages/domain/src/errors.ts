/**
 * Typed domain errors. Every rejection a decider makes is one of these, so the edge can map
 * `kind` to a status (INVALID 400, NOT_FOUND 404, CONFLICT 409, FORBIDDEN 403) without
 * parsing messages. `code` is a stable machine name clients may branch on; `message` is
 * written for the person who issued the command and says what to do instead.
 */

export const DOMAIN_ERROR_KINDS = ['INVALID', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Stable machine name, e.g. `PERIOD_ALREADY_RECORDED`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

// ---- INVALID (400) ----

export interface FieldError {
  /** Dotted path into `command.data`, e.g. `observations.2.value`; `''` means the data as a whole. */
  readonly path: string;
  readonly message: string;
}

/** The command's data is malformed. Lists every bad field at once so a form can show them all. */
export class InvalidCommandError extends DomainError {
  readonly kind = 'INVALID' as const;
  readonly fields: readonly FieldError[];

  /** `subject`: a command type ("Could not record monthly values: ...") or a phrase ("The mentorship offer is invalid: ..."). */
  constructor(subject: string, fields: readonly FieldError[]) {
    const listed = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
    super('INVALID_COMMAND', subject.includes(' ') ? `${subject} is invalid: ${listed}` : `Could not ${describeCommand(subject)}: ${listed}`);
    this.fields = fields;
  }
}

// ---- NOT_FOUND (404) ----

export abstract class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND' as const;
}

/** A stream the command depends on does not exist (generic; prefer the specific errors below). */
export class StreamNotFoundError extends NotFoundError {
  constructor(message: string, code = 'STREAM_NOT_FOUND') {
    super(code, message);
  }
}

export class TrustNotFoundError extends NotFoundError {
  constructor(readonly trustCode: string) {
    super('TRUST_NOT_FOUND', `Trust ${trustCode} is not registered. An administrator must register it before anything can be recorded for it.`);
  }
}

export class InterventionNotFoundError extends NotFoundError {
  constructor(readonly interventionId: string) {
    super('INTERVENTION_NOT_FOUND', `Intervention ${interventionId} does not exist. Check the address or id, or propose the intervention first.`);
  }
}

/**
 * AdoptIntervention names a source that does not exist or that the adopter may not see: the same
 * words for both, so the answer never tells that a hidden intervention exists.
 */
export class AdoptionSourceNotFoundError extends NotFoundError {
  constructor(readonly interventionId: string) {
    super('INTERVENTION_NOT_FOUND', `There is no intervention ${interventionId} to adopt. Check the id of the intervention you want to adopt.`);
  }
}

/** CorrectObservation names a period the series has no value for. */
export class ObservationNotFoundError extends NotFoundError {
  constructor(
    readonly trustCode: string,
    readonly metric: string,
    readonly period: string,
  ) {
    super('OBSERVATION_NOT_FOUND', `${trustCode} has no ${metric} value for ${period} to correct. Record a value for that month instead.`);
  }
}

// ---- CONFLICT (409) ----

/** The command is well formed but clashes with what has already happened. */
export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT' as const;

  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class TrustAlreadyRegisteredError extends ConflictError {
  constructor(readonly trustCode: string) {
    super('TRUST_ALREADY_REGISTERED', `Trust ${trustCode} is already registered. Update its context instead.`);
  }
}

export class LocalMeasureAlreadyDefinedError extends ConflictError {
  constructor(trustCode: string, name: string, code: string) {
    super('LOCAL_MEASURE_ALREADY_DEFINED', `Trust ${trustCode} already has a local measure named "${name}" (code ${code}); use it, or choose another name.`);
  }
}

export class InterventionAlreadyExistsError extends ConflictError {
  constructor(readonly interventionId: string) {
    super('INTERVENTION_ALREADY_EXISTS', `An intervention with id ${interventionId} already exists. Propose the new intervention with a new id.`);
  }
}

/** A lifecycle command that the intervention's current status does not allow. */
export class IllegalInterventionTransitionError extends ConflictError {
  constructor(
    readonly interventionId: string,
    readonly commandType: string,
    readonly currentStatus: string,
    allowedFrom: readonly string[],
  ) {
    super(
      'ILLEGAL_STATUS_TRANSITION',
      `Cannot ${describeCommand(commandType)}: intervention ${interventionId} is ${currentStatus.toLowerCase()}; ` +
        `this is only possible when it is ${allowedFrom.map((status) => status.toLowerCase()).join(' or ')}.`,
    );
  }
}

export class PeriodAlreadyRecordedError extends ConflictError {
  constructor(
    readonly trustCode: string,
    readonly metric: string,
    readonly periods: readonly string[],
  ) {
    super(
      'PERIOD_ALREADY_RECORDED',
      `${trustCode} already has ${metric} values for ${periods.join(', ')}. ` + `To change a recorded value, correct it and give a reason.`,
    );
  }
}

/** A rebase must start at a period that has a value, or SPC limits would start from nothing. */
export class RebasePeriodNotRecordedError extends ConflictError {
  constructor(
    readonly trustCode: string,
    readonly metric: string,
    readonly period: string,
  ) {
    super(
      'REBASE_PERIOD_NOT_RECORDED',
      `Cannot rebase ${trustCode} ${metric} at ${period}: no value is recorded for that period. ` + `Record it first, or rebase at a recorded period.`,
    );
  }
}

export class AlreadyRebasedError extends ConflictError {
  constructor(
    readonly trustCode: string,
    readonly metric: string,
    readonly period: string,
  ) {
    super('ALREADY_REBASED', `${trustCode} ${metric} already has a new baseline starting at ${period}.`);
  }
}

// ---- FORBIDDEN (403) ----

export class ForbiddenError extends DomainError {
  readonly kind = 'FORBIDDEN' as const;

  constructor(code: 'ROLE_NOT_ALLOWED' | 'OTHER_TRUST', message: string) {
    super(code, message);
  }
}

/**
 * What a command does, in words that read inside a sentence ("cannot propose an intervention"):
 * messages are for people, who never see command type names.
 */
const COMMAND_PHRASES: Readonly<Record<string, string>> = {
  RegisterTrust: 'register a trust',
  UpdateTrustContext: "update a trust's context",
  DefineLocalMeasure: 'define a local measure',
  ProposeIntervention: 'propose an intervention',
  StartIntervention: 'start an intervention',
  LogPdsaCycle: 'log a plan-do-study-act cycle',
  CompleteIntervention: 'complete an intervention',
  AbandonIntervention: 'abandon an intervention',
  ChangeSharing: "change an intervention's sharing",
  AdoptIntervention: 'adopt an intervention',
  RecordObservations: 'record monthly values',
  CorrectObservation: 'correct a monthly value',
  RebaseSeries: 'rebase a series',
  ShareLesson: 'share a lesson',
  EndorseLesson: 'endorse a lesson',
  CommentOnIntervention: 'comment on an intervention',
  RetractComment: 'retract a comment',
  HideComment: 'hide a comment',
  CreateProgramme: 'create a programme',
  AppointProgrammeCoordinator: "appoint a programme's coordinator",
  JoinProgramme: 'join a programme',
  LinkToProgramme: 'link an intervention to a programme',
  AssessSustainability: 'record a sustainability self-assessment of an intervention',
  DefineDriverDiagram: 'define a driver diagram',
  ReviseDriverDiagram: 'revise a driver diagram',
};

export function describeCommand(commandType: string): string {
  // Unlisted commands: "ShareLesson" -> "share lesson" still reads naturally inside a sentence.
  return COMMAND_PHRASES[commandType] ?? commandType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
