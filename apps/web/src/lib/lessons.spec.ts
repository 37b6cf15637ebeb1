import { describe, expect, it } from '@jest/globals';
import { MAX_COMMENT, MAX_LESSON_BODY, MAX_LESSON_TITLE, hideReasonError, mayEndorse, mayShareLesson, validateComment, validateLesson } from './lessons';

describe('validateLesson', () => {
  it('asks for a title and a body in plain English, and enforces the limits', () => {
    expect(validateLesson({ title: '  ', body: '', sharing: 'TRUSTS' })).toEqual({
      'lesson-title': 'Enter a title for your lesson',
      'lesson-body': 'Enter what you learned',
    });
    expect(validateLesson({ title: 'x'.repeat(MAX_LESSON_TITLE + 1), body: 'y'.repeat(MAX_LESSON_BODY + 1), sharing: '' })).toEqual({
      'lesson-title': 'The title must be 200 characters or fewer',
      'lesson-body': 'What you learned must be 5,000 characters or fewer',
      'lesson-sharing': 'Select who can see your lesson',
    });
    expect(validateLesson({ title: 'x'.repeat(MAX_LESSON_TITLE), body: ` ${'y'.repeat(MAX_LESSON_BODY)} `, sharing: 'PUBLIC' })).toEqual({});
  });
});

describe('validateComment and hideReasonError', () => {
  it('refuse an empty or too long text, and accept one at the limit', () => {
    expect(validateComment(' \n ')).toEqual({ 'comment-body': 'Enter your comment' });
    expect(validateComment('a'.repeat(MAX_COMMENT + 1))).toEqual({ 'comment-body': 'Your comment must be 2,000 characters or fewer' });
    expect(validateComment('a'.repeat(MAX_COMMENT))).toEqual({});
    expect(hideReasonError('')).toBe('Enter why you are hiding this comment');
    expect(hideReasonError('r'.repeat(501))).toBe('The reason must be 500 characters or fewer');
    expect(hideReasonError('Blames individuals')).toBeUndefined();
  });
});

describe('mayEndorse and mayShareLesson', () => {
  const lesson = { endorsedByMe: false, author: { name: 'Improvement lead at RJ1', trustCode: 'RJ1' } };
  it('offer Endorse to signed-in trust editors, policymakers and admins who did not write it and have not endorsed it', () => {
    expect(mayEndorse(null, lesson)).toBe(false);
    expect(mayEndorse({ name: 'Jo', role: 'COMMUNITY' }, lesson)).toBe(false);
    expect(mayEndorse({ name: 'Pat', role: 'POLICYMAKER' }, lesson)).toBe(true);
    expect(mayEndorse({ name: 'Ed', role: 'TRUST_EDITOR', trustCode: 'RXX' }, lesson)).toBe(true);
    expect(mayEndorse({ name: 'Ed', role: 'TRUST_EDITOR', trustCode: 'RXX' }, { ...lesson, endorsedByMe: true })).toBe(false);
    expect(mayEndorse({ name: 'Improvement lead at RJ1', role: 'TRUST_EDITOR', trustCode: 'RJ1' }, lesson)).toBe(false);
  });
  it('offer the share form to editors of the intervention trust and admins only', () => {
    expect(mayShareLesson(null, 'RJ1')).toBe(false);
    expect(mayShareLesson({ role: 'TRUST_EDITOR', trustCode: 'RJ1' }, 'RJ1')).toBe(true);
    expect(mayShareLesson({ role: 'TRUST_EDITOR', trustCode: 'RXX' }, 'RJ1')).toBe(false);
    expect(mayShareLesson({ role: 'POLICYMAKER' }, 'RJ1')).toBe(false);
    expect(mayShareLesson({ role: 'ADMIN' }, 'RJ1')).toBe(true);
  });
});
