import { randomUUID } from 'node:crypto';

/** The outside world the command side needs: time and fresh ids. Replaced in tests. */
export abstract class Clock {
  abstract now(): Date;
}
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export abstract class IdGenerator {
  abstract newId(): string;
}
export class UuidGenerator extends IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
