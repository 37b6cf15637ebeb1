import { randomUUID } from 'node:crypto';
import type { CommandAccepted, CommandRequest, InterventionView, Position, SeriesView, TrustView } from '@longview/contracts';
import type { ReadOptions } from './clients/query-service.client';
import type { LongviewCommand, LongviewCommandType } from '@longview/domain';
import type { GatewayContext } from './context';
import { authenticationRequired, notReadable } from './errors';
import type {
  AbandonInterventionInput,
  CompleteInterventionInput,
  CorrectObservationInput,
  LogPdsaCycleInput,
  ProposeInterventionInput,
  RebaseSeriesInput,
  RecordObservationsInput,
  RegisterTrustInput,
  StartInterventionInput,
} from './graphql-types';
import { compact } from './graphql-types';
import { readsOf } from './reads';

/**
 * Each mutation: map the input to a domain command, send it, then read the changed object at
 * the command's position, so the payload already reflects the write (read-your-writes). The
 * read-back also names the written stream and its new version (`stream`, `minVersion`): in
 * the distributed mode the query service waits for that stream's checkpoint.
 */

type DataOf<T extends LongviewCommandType> = Extract<LongviewCommand, { type: T }>['data'];

async function send<T extends LongviewCommandType>(
  context: GatewayContext,
  type: T,
  options: { commandId?: string | null; expectedVersion?: number | null },
  data: DataOf<T>,
): Promise<CommandAccepted> {
  if (!context.actor) throw authenticationRequired();
  const request: CommandRequest = {
    ...(options.commandId ? { commandId: options.commandId } : {}),
    ...(typeof options.expectedVersion === 'number' ? { expectedVersion: options.expectedVersion } : {}),
    actor: context.actor,
    data: data as unknown as Record<string, unknown>,
  };
  const accepted = await context.commands.send(type, request);
  readsOf(context).advanceTo(accepted.position);
  return accepted;
}

/** Read-your-writes for the read-back of the object a command changed. */
export function readBackOptions(accepted: CommandAccepted): ReadOptions {
  return { minPosition: accepted.position, stream: accepted.streamId, minVersion: accepted.version };
}

async function readBack<T>(what: string, position: Position, read: Promise<T | null>): Promise<T> {
  const value = await read;
  if (value === null) throw notReadable(what, position);
  return value;
}

async function interventionPayload(context: GatewayContext, id: string, accepted: CommandAccepted) {
  const { position } = accepted;
  const intervention: InterventionView = await readBack(`Intervention ${id}`, position, context.queries.getIntervention(id, readBackOptions(accepted)));
  return { intervention, position };
}

async function seriesPayload(context: GatewayContext, trustCode: string, metric: string, accepted: CommandAccepted) {
  const { position } = accepted;
  const series: SeriesView = await readBack(
    `Series ${trustCode}/${metric}`,
    position,
    context.queries.getSeries(trustCode, metric, readBackOptions(accepted)),
  );
  return { series, position };
}

export async function registerTrust(context: GatewayContext, input: RegisterTrustInput): Promise<{ trust: TrustView; position: Position }> {
  const accepted = await send(context, 'RegisterTrust', input, {
    code: input.code,
    name: input.name,
    context: compact(input.context),
    effectiveFrom: input.effectiveFrom ?? new Date().toISOString().slice(0, 10),
  });
  const { position } = accepted;
  const trust = await readBack(`Trust ${input.code}`, position, context.queries.getTrust(input.code, readBackOptions(accepted)));
  return { trust, position };
}

export async function proposeIntervention(context: GatewayContext, input: ProposeInterventionInput) {
  const interventionId = randomUUID();
  const { commandId: _commandId, ...fields } = input;
  const accepted = await send(context, 'ProposeIntervention', input, {
    ...compact(fields),
    interventionId,
    targets: input.targets.map((target) => ({ metric: target.metric, direction: target.direction })),
  });
  return interventionPayload(context, interventionId, accepted);
}

export async function startIntervention(context: GatewayContext, input: StartInterventionInput) {
  const accepted = await send(context, 'StartIntervention', input, { interventionId: input.interventionId, startedOn: input.startedOn });
  return interventionPayload(context, input.interventionId, accepted);
}

export async function logPdsaCycle(context: GatewayContext, input: LogPdsaCycleInput) {
  const { interventionId, plan, do: done, study, act, cycleDate } = input;
  const accepted = await send(context, 'LogPdsaCycle', input, { interventionId, cycle: { plan, do: done, study, act, cycleDate } });
  return interventionPayload(context, interventionId, accepted);
}

export async function completeIntervention(context: GatewayContext, input: CompleteInterventionInput) {
  const { interventionId, completedOn, summary } = input;
  const accepted = await send(context, 'CompleteIntervention', input, { interventionId, completedOn, ...(summary ? { summary } : {}) });
  return interventionPayload(context, interventionId, accepted);
}

export async function abandonIntervention(context: GatewayContext, input: AbandonInterventionInput) {
  const { interventionId, abandonedOn, reason } = input;
  const accepted = await send(context, 'AbandonIntervention', input, { interventionId, abandonedOn, reason });
  return interventionPayload(context, interventionId, accepted);
}

export async function recordObservations(context: GatewayContext, input: RecordObservationsInput) {
  const { trustCode, metric, source } = input;
  const accepted = await send(context, 'RecordObservations', input, {
    trustCode,
    metric,
    observations: input.observations.map((observation) => compact(observation)),
    ...(source ? { source } : {}),
  });
  return seriesPayload(context, trustCode, metric, accepted);
}

export async function correctObservation(context: GatewayContext, input: CorrectObservationInput) {
  const { commandId: _commandId, ...data } = input;
  const accepted = await send(context, 'CorrectObservation', input, compact(data));
  return seriesPayload(context, input.trustCode, input.metric, accepted);
}

export async function rebaseSeries(context: GatewayContext, input: RebaseSeriesInput) {
  const { trustCode, metric, fromPeriod, reason } = input;
  const accepted = await send(context, 'RebaseSeries', input, { trustCode, metric, fromPeriod, reason });
  return seriesPayload(context, trustCode, metric, accepted);
}
