/**
 * `@longview/domain/testing`: given/when/then specifications for deciders, and actor and
 * command-metadata fixtures, for the tests of any package. Kept out of the main entry so
 * production code cannot pick them up by accident.
 */
export * from './decider-spec';
export * from './fixtures';
