import { portFromEnv, wholeNumberFromEnv } from './env-numbers';

describe('whole numbers from the environment', () => {
  it('uses the fallback when the variable is unset or blank', () => {
    expect(wholeNumberFromEnv('KAFKA_PARTITIONS', 6, {}, {})).toBe(6);
    expect(wholeNumberFromEnv('KAFKA_PARTITIONS', 6, {}, { KAFKA_PARTITIONS: '  ' })).toBe(6);
  });

  it('reads a whole number in range', () => {
    expect(wholeNumberFromEnv('KAFKA_PARTITIONS', 6, {}, { KAFKA_PARTITIONS: ' 12 ' })).toBe(12);
    expect(portFromEnv('PORT', 4001, { PORT: '0' })).toBe(0);
    expect(portFromEnv('PORT', 4001, { PORT: '65535' })).toBe(65535);
  });

  it.each(['abc', '3.5', '1e3', '0x10', '-1', '0', '9007199254740993'])('refuses %p for a count, naming the variable', (raw) => {
    expect(() => wholeNumberFromEnv('KAFKA_PARTITIONS_CONCURRENTLY', 1, {}, { KAFKA_PARTITIONS_CONCURRENTLY: raw })).toThrow(
      `KAFKA_PARTITIONS_CONCURRENTLY must be a whole number from 1 to 9007199254740991 (got "${raw}")`,
    );
  });

  it('refuses a port out of range', () => {
    expect(() => portFromEnv('PORT', 4001, { PORT: '65536' })).toThrow('PORT must be a whole number from 0 to 65535 (got "65536")');
    expect(() => portFromEnv('PORT', 4001, { PORT: '80a' })).toThrow('PORT must be a whole number from 0 to 65535 (got "80a")');
  });
});
