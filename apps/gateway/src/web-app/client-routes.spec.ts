import { clientRouteMatcher, parseRouteManifest } from './client-routes';

describe('client routes (dist/routes.json)', () => {
  const isClientRoute = clientRouteMatcher(['/', '/trusts/:code', '/interventions/new', '/interventions/:id', '/interventions/:id/adopt', '/workspace/record']);

  it.each([
    '/',
    '/trusts/RJ1',
    '/trusts/RJ1/',
    '/TRUSTS/rj1',
    '/interventions/new',
    '/interventions/abc-123/adopt',
    '/workspace/record',
    '/trusts/Royal%20Free',
  ])('matches %s as React Router would', (path) => expect(isClientRoute(path)).toBe(true));

  it.each(['/trusts', '/trusts/RJ1/interventions', '/nope', '/interventions/abc/adopt/more', '/workspace', '//', '/trusts//', '/trusts/%E0%A4%A'])(
    'answers 404 for %s',
    (path) => expect(isClientRoute(path)).toBe(false),
  );

  it('refuses syntax it cannot match, rather than answering 404 for a real page', () => {
    expect(() => clientRouteMatcher(['/files/*'])).toThrow(/literal and :param segments only/);
    expect(() => clientRouteMatcher(['/trusts/:code?'])).toThrow(/literal and :param segments only/);
    expect(() => clientRouteMatcher(['trusts'])).toThrow(/must start with "\/"/);
  });

  it('reads the manifest the build writes', () => {
    expect(parseRouteManifest('{"routes":["/","/trusts/:code"]}')).toEqual(['/', '/trusts/:code']);
    expect(() => parseRouteManifest('{"routes":"/"}')).toThrow(/must be/);
  });
});
