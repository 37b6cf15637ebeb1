import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CONTRACTS, topicForEvent } from '../src';

const catalogue = readFileSync(join(__dirname, '..', 'EVENTS.md'), 'utf8');

describe('EVENTS.md', () => {
  it.each(Object.values(EVENT_CONTRACTS))('documents $type at its current version', (contract) => {
    expect(catalogue).toContain(`### ${contract.type} — v${contract.schemaVersion}\n`);
  });

  it('names every topic in use', () => {
    for (const contract of Object.values(EVENT_CONTRACTS)) expect(catalogue).toContain(`\`${topicForEvent(contract.type)}\``);
  });
});
