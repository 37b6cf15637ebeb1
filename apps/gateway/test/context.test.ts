import type { Actor } from '@longview/domain';
import { interventionView, trustView } from './fakes';
import { useGatewayHarness } from './harness';

/**
 * Each request's clients are bound to its actor (the service credential they send names them),
 * so resolvers and loaders read and write as that actor without passing it around.
 */
const editor: Actor = { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' };
const harness = useGatewayHarness(editor);

it('binds the query client, and so every loader, to the request actor; a public request to null', async () => {
  harness.queries.trusts = [trustView('RJ1')];
  harness.queries.interventions = [interventionView('i1')];
  const query = `{ intervention(id: "i1") { id trust { code } } }`;
  expect((await harness.run(query)).errors).toBeUndefined();
  // One binding per request; the loader's batched getTrusts went through it too.
  expect(harness.queries.boundTo).toEqual([editor]);
  expect(harness.queries.callsTo('getTrusts')).toHaveLength(1);

  expect((await harness.run(query, {}, null)).errors).toBeUndefined();
  expect(harness.queries.boundTo).toEqual([editor, null]);
});

it('sends a command as the request actor, with no actor in the body', async () => {
  harness.queries.interventions = [interventionView('i1')];
  const other: Actor = { id: 'bob', role: 'TRUST_EDITOR', trustCode: 'RXH' };
  const start = `mutation { startIntervention(input: { interventionId: "i1", startedOn: "2024-06-01" }) { position } }`;
  await harness.run(start);
  await harness.run(start, {}, other);
  expect(harness.commands.sent.map((c) => c.actor)).toEqual([editor, other]);
  for (const c of harness.commands.sent) expect(c.request).not.toHaveProperty('actor');
});
