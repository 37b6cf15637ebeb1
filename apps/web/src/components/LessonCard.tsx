import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import type { LessonFieldsFragment } from '../__generated__/graphql';
import { ENDORSE_LESSON_MUTATION } from '../graphql/lessons';
import { formatDate } from '../lib/format';
import { SHARING_SHORT_LABELS, label } from '../lib/labels';
import { interpretMutationError } from '../lib/serverErrors';
import { mayEndorse } from '../lib/lessons';

/**
 * One lesson: its title, its body as plain text (never HTML), who shared it, from which trust,
 * how many found it useful, and an Endorse button for those who may.
 */
export function LessonCard({
  lesson,
  viewer,
  showIntervention,
  headingLevel = 3,
}: {
  lesson: LessonFieldsFragment;
  viewer: { name: string; role: string; trustCode?: string | null } | null;
  showIntervention?: boolean;
  headingLevel?: 2 | 3;
}) {
  const [endorse, { loading, error }] = useMutation(ENDORSE_LESSON_MUTATION);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const trustName = lesson.author.trust?.name ?? lesson.trust?.name ?? lesson.author.trustCode;
  const endorsementText = lesson.endorsements === 1 ? '1 person found this useful' : `${lesson.endorsements} people found this useful`;
  const problem = error ? interpretMutationError(error) : null;
  return (
    <div className="nhsuk-card" data-lesson-id={lesson.id}>
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading nhsuk-heading-s">{lesson.title}</Heading>
        <p className="nhsuk-body-s nhsuk-u-secondary-text-color">
          Shared by {lesson.author.name}
          {trustName ? ` at ${trustName}` : ''} on {formatDate(lesson.createdAt)} · {label(SHARING_SHORT_LABELS, lesson.sharing)}
        </p>
        {showIntervention && lesson.intervention && (
          <p className="nhsuk-body-s">
            About <Link to={`/interventions/${encodeURIComponent(lesson.intervention.id)}`}>{lesson.intervention.title}</Link> at{' '}
            {lesson.intervention.trust.name}
          </p>
        )}
        {showIntervention && !lesson.intervention && <p className="nhsuk-body-s">About the trust&apos;s work in general</p>}
        <p className="nhsuk-body app-pre-wrap">{lesson.body}</p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          {endorsementText}
          {lesson.endorsedByMe ? ', including you' : ''}.
        </p>
        {mayEndorse(viewer, lesson) && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
            disabled={loading}
            onClick={() => void endorse({ variables: { lessonId: lesson.id } }).catch(() => undefined)}
          >
            Endorse<span className="nhsuk-u-visually-hidden"> the lesson {lesson.title}</span>
          </button>
        )}
        {problem && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span>{' '}
            {[...problem.general, ...problem.fields.map((f) => f.message)].join(' ') || 'The endorsement could not be saved. Try again.'}
          </p>
        )}
      </div>
    </div>
  );
}
