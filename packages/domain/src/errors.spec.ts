import {
  DomainError,
  ForbiddenError,
  IllegalInterventionTransitionError,
  InvalidCommandError,
  InterventionNotFoundError,
  PeriodAlreadyRecordedError,
  StreamNotFoundError,
  isDomainError,
} from './errors';

describe('domain errors', () => {
  it('carry a kind the edge maps to a status, and a stable code', () => {
    const errors: DomainError[] = [
      new InvalidCommandError('RecordObservations', [{ path: 'observations.0.value', message: 'must be a finite number' }]),
      new InterventionNotFoundError('abc'),
      new StreamNotFoundError('Trust RJ1 is not registered'),
      new PeriodAlreadyRecordedError('RJ1', 'ae-4hr', ['2025-01']),
      new ForbiddenError('OTHER_TRUST', 'no'),
    ];
    expect(errors.map((e) => [e.kind, e.code, e.name])).toEqual([
      ['INVALID', 'INVALID_COMMAND', 'InvalidCommandError'],
      ['NOT_FOUND', 'INTERVENTION_NOT_FOUND', 'InterventionNotFoundError'],
      ['NOT_FOUND', 'STREAM_NOT_FOUND', 'StreamNotFoundError'],
      ['CONFLICT', 'PERIOD_ALREADY_RECORDED', 'PeriodAlreadyRecordedError'],
      ['FORBIDDEN', 'OTHER_TRUST', 'ForbiddenError'],
    ]);
    expect(errors.every(isDomainError)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('write messages a user can act on', () => {
    expect(new InvalidCommandError('RecordObservations', [{ path: 'observations.0.value', message: 'must be a finite number' }]).message).toBe(
      'Could not record monthly values: observations.0.value: must be a finite number',
    );
    expect(new IllegalInterventionTransitionError('abc', 'StartIntervention', 'ABANDONED', ['PROPOSED']).message).toBe(
      'Cannot start an intervention: intervention abc is abandoned; this is only possible when it is proposed.',
    );
  });
});
