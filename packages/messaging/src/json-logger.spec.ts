import { JsonLogger, type LogLevel } from './json-logger';

/** A logger whose lines are collected and parsed as JSON. */
function capture(base: Record<string, unknown> = {}, minLevel: LogLevel = 'debug') {
  const lines: { level: LogLevel; line: string }[] = [];
  const logger = new JsonLogger(base, minLevel, (level, line) => lines.push({ level, line }));
  const parsed = () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, parsed };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, ISO time, the base fields, msg and the fields', () => {
    const { logger, lines, parsed } = capture({ service: 'query-service', instance: 'q1' });
    logger.info('ready', { url: 'http://127.0.0.1:4002' });

    expect(lines).toHaveLength(1);
    expect(lines[0]?.line).not.toContain('\n');
    const [entry] = parsed();
    expect(entry).toEqual({ level: 'info', time: expect.any(String), service: 'query-service', instance: 'q1', msg: 'ready', url: 'http://127.0.0.1:4002' });
    expect(new Date(String(entry?.time)).toISOString()).toBe(entry?.time);
    // The key order readers match on (the CLI's distributed test looks for `{"time":`).
    expect(Object.keys(entry ?? {})).toEqual(['time', 'level', 'service', 'instance', 'msg', 'url']);
  });

  it('writes the "msg":"ready" text that the CLI waits for', () => {
    const { logger, lines } = capture({ service: 'command-service' });
    logger.info('ready', { url: 'http://127.0.0.1:4001' });
    expect(lines[0]?.line).toMatch(/"msg":"ready"/);
    // The order the distributed tests' process fixtures match on: msg, then the fields.
    expect(lines[0]?.line).toMatch(/"msg":"ready".*"url":"http:\/\/127\.0\.0\.1:4001"/);
  });

  it('passes each line its level, so errors can go to stderr', () => {
    const { logger, lines } = capture();
    logger.log('debug', 'd');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => l.level)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(lines.map((l) => (JSON.parse(l.line) as { level: string }).level)).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('drops lines below the minimum level', () => {
    const { logger, parsed } = capture({}, 'warn');
    logger.info('not shown');
    logger.log('debug', 'not shown');
    logger.warn('shown');
    logger.error('shown too');
    expect(parsed().map((e) => e['msg'])).toEqual(['shown', 'shown too']);
  });

  it('adds a child logger’s fields to its lines only', () => {
    const { logger, parsed } = capture({ service: 'relay' });
    const child = logger.child({ component: 'outbox-relay', relay: 'r1' });
    child.warn('relay send failed; retrying the same batch', { attempt: 2 });
    logger.info('parent');
    const [fromChild, fromParent] = parsed();
    expect(fromChild).toMatchObject({ level: 'warn', service: 'relay', component: 'outbox-relay', relay: 'r1', attempt: 2 });
    expect(fromParent).not.toHaveProperty('component');
    expect(child.child({ groupId: 'g' })).not.toBe(child);
  });

  it('writes bigint positions as decimal strings, in fields and in child fields', () => {
    const { logger, parsed } = capture();
    logger.child({ from: 9007199254740993n }).info('relay recovered', { position: 12n, nested: { at: [1n] } });
    expect(parsed()[0]).toMatchObject({ from: '9007199254740993', position: '12', nested: { at: ['1'] } });
  });
});
