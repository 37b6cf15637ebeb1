import type { DefineLocalMeasureInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBack, send } from '../shared/commands';

/** The measure is read back by its name (its code is generated on the command side). */
export async function defineLocalMeasure(context: GatewayContext, input: DefineLocalMeasureInput) {
  const accepted = await send(context, 'DefineLocalMeasure', input, {
    trustCode: input.trustCode,
    name: input.name,
    unit: input.unit,
    direction: input.direction,
  });
  const name = input.name.trim().toLowerCase();
  const localMeasure = await readBack(`The local measure of trust ${input.trustCode}`, accepted, async (options) => {
    const [entry] = await context.queries.listLocalMeasuresOf([input.trustCode], options);
    return entry?.measures.find((m) => m.name.toLowerCase() === name) ?? null;
  });
  return { localMeasure, position: accepted.position };
}
