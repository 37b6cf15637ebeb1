import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageRequest } from './pagination';

describe('gateway cursors', () => {
  it('round-trip a service cursor and a skip count', () => {
    expect(decodeCursor(encodeCursor({ after: 'abc==', skip: 2 }))).toEqual({ after: 'abc==', skip: 2 });
    expect(decodeCursor(encodeCursor({ skip: 1 }))).toEqual({ skip: 1 });
  });

  it('ask the service for the skipped items too', () => {
    expect(pageRequest(5, encodeCursor({ after: 'x', skip: 2 }))).toEqual({ first: 7, after: 'x', skip: 2 });
    expect(pageRequest(undefined, null)).toEqual({ skip: 0 });
  });

  it('reject garbage and out-of-range page sizes as user input errors', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(GraphQLError);
    expect(() => decodeCursor(Buffer.from('{"s":-1}').toString('base64url'))).toThrow(/Invalid cursor/);
    expect(() => pageRequest(1000, null)).toThrow(/first/);
    expect(() => pageRequest(-1, null)).toThrow(/first/);
  });

  it('start from an offset (a link to page N), never together with a cursor', () => {
    expect(pageRequest(10, null, 20)).toEqual({ first: 30, skip: 20 });
    expect(() => pageRequest(10, encodeCursor({ skip: 1 }), 20)).toThrow(/not both/);
    expect(() => pageRequest(10, null, 101)).toThrow(/offset must be between 0 and 100/);
    expect(() => pageRequest(10, null, -1)).toThrow(/offset/);
  });
});
