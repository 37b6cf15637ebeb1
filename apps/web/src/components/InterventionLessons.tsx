import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Sharing } from '../__generated__/graphql';
import { INTERVENTION_LESSONS_QUERY, SHARE_LESSON_MUTATION } from '../graphql/lessons';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { SHARING_LABELS, label } from '../lib/labels';
import { MAX_LESSON_BODY, MAX_LESSON_TITLE, mayShareLesson, validateLesson } from '../lib/lessons';
import { SelectField, TextArea, TextField, newCommandId, useFormErrors } from './FormFields';
import { LessonCard } from './LessonCard';

const ORDER = ['lesson-title', 'lesson-body', 'lesson-sharing'] as const;
const FIELD_IDS: Record<string, string> = { title: 'lesson-title', body: 'lesson-body', sharing: 'lesson-sharing' };

/** The lessons about one intervention, and a form for its trust's editors to share another. */
export function InterventionLessons({ interventionId, trustCode }: { interventionId: string; trustCode: string }) {
  const { data, loading, error } = useQuery(INTERVENTION_LESSONS_QUERY, { variables: { id: interventionId } });
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const lessons = data?.intervention?.lessons ?? [];
  return (
    <section aria-label="Lessons">
      <p className="nhsuk-hint">
        What this trust learned from the intervention, whether it lasted or not. What did not last is as useful to others as what did.
      </p>
      {loading && !data ? (
        <p className="nhsuk-body">Loading lessons…</p>
      ) : error && !data ? (
        <p className="nhsuk-body">The lessons could not be loaded. Try again later.</p>
      ) : lessons.length === 0 ? (
        <p className="nhsuk-body">No lessons have been shared about this intervention yet{viewer ? ', as far as you can see' : ''}.</p>
      ) : (
        lessons.map((lesson) => <LessonCard key={lesson.id} lesson={lesson} viewer={viewer} />)
      )}
      {mayShareLesson(viewer, trustCode) && <ShareLessonForm interventionId={interventionId} />}
    </section>
  );
}

function ShareLessonForm({ interventionId }: { interventionId: string }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [sharing, setSharing] = useState<string>(Sharing.Trusts);
  const [commandId, setCommandId] = useState(newCommandId);
  const [shared, setShared] = useState(false);
  const form = useFormErrors(ORDER, (path) => FIELD_IDS[path.split('.')[0] ?? path]);
  const [share, { loading }] = useMutation(SHARE_LESSON_MUTATION, { refetchQueries: ['InterventionLessons', 'Lessons'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setShared(false);
    const found = validateLesson({ title, body, sharing });
    if (Object.keys(found).length > 0) {
      form.fail(found);
      return;
    }
    try {
      await share({ variables: { input: { interventionId, title: title.trim(), body: body.trim(), sharing: sharing as Sharing, commandId } } });
      form.clear();
      setTitle('');
      setBody('');
      setCommandId(newCommandId());
      setShared(true);
    } catch (problem) {
      form.fail(problem);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="share-lesson-heading">
      {form.summary}
      <h3 id="share-lesson-heading">Share a lesson</h3>
      {shared && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Your lesson has been shared.</p>
        </div>
      )}
      <TextField
        id="lesson-title"
        label="Title"
        hint={`A short summary of what you learned, at most ${MAX_LESSON_TITLE} characters.`}
        error={form.errors['lesson-title']}
        value={title}
        onChange={setTitle}
      />
      <TextArea
        id="lesson-body"
        label="What you learned"
        hint={`What worked, what did not and why, and what you would do differently. At most ${MAX_LESSON_BODY.toLocaleString('en-GB')} characters.`}
        error={form.errors['lesson-body']}
        value={body}
        onChange={setBody}
        rows={6}
      />
      <SelectField
        id="lesson-sharing"
        label="Who can see it"
        error={form.errors['lesson-sharing']}
        value={sharing}
        onChange={setSharing}
        options={valuesOf(Sharing).map((s) => ({ value: s, text: label(SHARING_LABELS, s) }))}
      />
      <button type="submit" className="nhsuk-button" disabled={loading}>
        Share lesson
      </button>
    </form>
  );
}
