import type { CommandAccepted } from '@longview/contracts';
import type { CorrectObservationInput, RebaseSeriesInput, RecordObservationsInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBack, send } from '../shared/commands';
import { compact } from '../shared/compact';

async function seriesPayload(context: GatewayContext, trustCode: string, metric: string, accepted: CommandAccepted) {
  const series = await readBack(`Series ${trustCode}/${metric}`, accepted, (options) => context.queries.getSeries(trustCode, metric, options));
  return { series, position: accepted.position };
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
