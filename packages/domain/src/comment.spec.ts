import type { CommentOnIntervention, HideComment, RetractComment } from './commands';
import { CommentNotFoundError, MAX_COMMENT_BODY, commentDecider } from './comment';
import { ConflictError, ForbiddenError, InterventionNotFoundError, InvalidCommandError } from './errors';
import type { CommentHidden, CommentPosted, CommentRetracted, InterventionProposed } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import type { Actor, Sharing } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(commentDecider);
const NOW = '2025-09-01T10:00:00.000Z';
const COMMENT = 'comment-1';
const INTERVENTION = 'int-1';
const community: Actor = { id: 'pat', role: 'COMMUNITY', name: 'Pat Doe' };
const editor: Actor = { id: 'sam', role: 'TRUST_EDITOR', trustCode: 'RXH', name: 'Sam Jones' };
const admin: Actor = { id: 'admin-1', role: 'ADMIN', name: 'Alex Admin' };

const interventionState = (sharing: Sharing = 'PUBLIC'): InterventionState => {
  const proposed: InterventionProposed = {
    type: 'InterventionProposed',
    data: {
      interventionId: INTERVENTION,
      trustCode: 'RJ1',
      title: 'Discharge to assess',
      summary: 'Assess at home',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'nel-los', direction: 'DECREASE' }],
      sharing,
      proposedAt: '2025-01-01T09:00:00.000Z',
    },
  };
  return interventionDecider.evolve(interventionDecider.initialState(), proposed);
};
const comment = (
  actor: Actor,
  body = 'Did you involve social care early?',
  intervention: InterventionState | null = interventionState(),
): CommentOnIntervention => ({
  type: 'CommentOnIntervention',
  data: { commentId: COMMENT, interventionId: INTERVENTION, body },
  metadata: commandMetadata(actor, NOW),
  ...(intervention ? { context: { intervention } } : {}),
});
const retract = (actor: Actor, intervention: InterventionState = interventionState()): RetractComment => ({
  type: 'RetractComment',
  data: { commentId: COMMENT },
  metadata: commandMetadata(actor, NOW),
  context: { intervention },
});
const hide = (actor: Actor, reason = 'Names a patient'): HideComment => ({
  type: 'HideComment',
  data: { commentId: COMMENT, reason },
  metadata: commandMetadata(actor, NOW),
});
const posted: CommentPosted = {
  type: 'CommentPosted',
  data: {
    commentId: COMMENT,
    interventionId: INTERVENTION,
    trustCode: 'RJ1',
    author: { id: 'pat', name: 'Pat Doe', role: 'COMMUNITY' },
    body: 'Did you involve social care early?',
    postedAt: NOW,
  },
};
const retracted: CommentRetracted = { type: 'CommentRetracted', data: { commentId: COMMENT, interventionId: INTERVENTION, retractedAt: NOW } };
const hidden: CommentHidden = {
  type: 'CommentHidden',
  data: {
    commentId: COMMENT,
    interventionId: INTERVENTION,
    reason: 'Names a patient',
    hiddenBy: { id: 'admin-1', name: 'Alex Admin', role: 'ADMIN' },
    hiddenAt: NOW,
  },
};

describe('CommentOnIntervention', () => {
  it('the community comments on an intervention it may see; the author is who signed in', () => {
    spec.given([]).when(comment(community)).then([posted]);
  });

  it('an intervention the commenter may not see answers like a missing one', () => {
    spec
      .given([])
      .when(comment(community, 'x', interventionState('TRUSTS')))
      .thenThrows(InterventionNotFoundError);
    spec
      .given([])
      .when(comment(community, 'x', null))
      .thenThrows(InterventionNotFoundError);
  });

  it('limits the body, in plain words', () => {
    const error = spec
      .given([])
      .when(comment(editor, 'z'.repeat(MAX_COMMENT_BODY + 1)))
      .thenThrows(InvalidCommandError);
    expect(error.message).toBe('The comment is invalid: body: must be at most 2000 characters (it is 2001)');
  });

  it('refuses a second comment with the same id', () => {
    spec.given([posted]).when(comment(community)).thenThrows(ConflictError);
  });
});

describe('RetractComment', () => {
  it('the author retracts; a second retraction changes nothing', () => {
    spec.given([posted]).when(retract(community)).then([retracted]);
    spec.given([posted, retracted]).when(retract(community)).thenNothingHappens();
  });

  it('someone else who can see the comment is refused', () => {
    spec.given([posted]).when(retract(editor)).thenThrows(ForbiddenError);
    spec.given([posted]).when(retract(admin)).thenThrows(ForbiddenError);
  });

  it('someone who may not see it is told it does not exist (hidden, or on an intervention hidden from them)', () => {
    spec.given([posted, hidden]).when(retract(editor)).thenThrows(CommentNotFoundError);
    spec
      .given([posted])
      .when(retract(actors.community, interventionState('TRUSTS')))
      .thenThrows(CommentNotFoundError);
    spec.given([]).when(retract(community)).thenThrows(CommentNotFoundError);
  });
});

describe('HideComment', () => {
  it('an admin hides a comment with a reason; hiding it again changes nothing', () => {
    spec.given([posted]).when(hide(admin)).then([hidden]);
    spec.given([posted, hidden]).when(hide(admin)).thenNothingHappens();
  });

  it('only an admin may hide', () => {
    spec.given([posted]).when(hide(editor)).thenThrows(ForbiddenError);
    spec.given([posted]).when(hide(community)).thenThrows(ForbiddenError);
  });

  it('needs a reason, and a comment that exists', () => {
    spec
      .given([posted])
      .when(hide(admin, ' '))
      .thenThrows(InvalidCommandError, (e) => e.message === 'Hiding the comment is invalid: reason: is required');
    spec.given([]).when(hide(admin)).thenThrows(CommentNotFoundError);
  });
});
