import type { Position } from '@longview/contracts';
import type { ReadOptions } from '../clients/query-service.client';

/**
 * The read position of one request (read-your-writes): every read sends `minPosition` once a
 * mutation of the request has written, so what its payload reads reflects the write. Moving it
 * forward tells the listeners (the loaders drop what they cached at the older position).
 */
export class ReadPosition {
  private minPosition: Position | undefined;
  private readonly listeners: (() => void)[] = [];

  options(): ReadOptions {
    return this.minPosition === undefined ? {} : { minPosition: this.minPosition };
  }

  /** A later write in the same request moves the position forward (positions are decimal strings). */
  advanceTo(position: Position): void {
    if (this.minPosition === undefined || BigInt(position) > BigInt(this.minPosition)) this.minPosition = position;
    for (const listener of this.listeners) listener();
  }

  onAdvance(listener: () => void): void {
    this.listeners.push(listener);
  }
}
