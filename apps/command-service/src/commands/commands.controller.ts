import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandAccepted } from '@longview/contracts';
import { COMMAND_ROUTES, ROLES, type Actor, type LongviewCommandType } from '@longview/domain';
import { IdGenerator } from '../clock';
import { BadRequestError, UnknownCommandError } from './request-errors';
import { ExecuteDomainCommand } from './execute-domain-command.command';

const SYSTEM_ACTOR: Actor = { id: 'system', role: 'SYSTEM' };

/** POST /commands/:type — the only write endpoint. Shape checks here; domain rules in the deciders. */
@Controller('commands')
export class CommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':type')
  @HttpCode(200)
  async execute(@Param('type') type: string, @Body() body: unknown): Promise<CommandAccepted> {
    if (!Object.hasOwn(COMMAND_ROUTES, type)) throw new UnknownCommandError(type, Object.keys(COMMAND_ROUTES));
    const request = parseRequest(body);
    return this.commandBus.execute(
      new ExecuteDomainCommand(
        type as LongviewCommandType,
        request.data,
        request.commandId ?? this.ids.newId(),
        request.actor ?? SYSTEM_ACTOR,
        request.expectedVersion,
      ),
    );
  }
}

interface ParsedRequest {
  data: Record<string, unknown>;
  commandId?: string;
  expectedVersion?: number;
  actor?: Actor;
}

function parseRequest(body: unknown): ParsedRequest {
  const fields: { path: string; message: string }[] = [];
  if (!isRecord(body)) throw new BadRequestError('The request body must be a JSON object { data, commandId?, expectedVersion?, actor? }', []);
  const { data, commandId, expectedVersion, actor } = body;
  if (!isRecord(data)) fields.push({ path: 'data', message: 'data must be an object with the command fields' });
  if (commandId !== undefined && (typeof commandId !== 'string' || commandId.length < 1 || commandId.length > 200)) {
    fields.push({ path: 'commandId', message: 'commandId must be a non-empty string of at most 200 characters' });
  }
  if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && (expectedVersion as number) >= 0)) {
    fields.push({ path: 'expectedVersion', message: 'expectedVersion must be a whole number >= 0' });
  }
  if (actor !== undefined && !isActor(actor)) {
    fields.push({ path: 'actor', message: `actor must be { id, role: ${ROLES.join('|')}, trustCode? }` });
  }
  if (fields.length > 0) throw new BadRequestError('The command request is invalid', fields);
  return {
    data: data as Record<string, unknown>,
    ...(typeof commandId === 'string' ? { commandId } : {}),
    ...(typeof expectedVersion === 'number' ? { expectedVersion } : {}),
    ...(actor !== undefined ? { actor: actor as Actor } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isActor(value: unknown): value is Actor {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    (ROLES as readonly unknown[]).includes(value['role']) &&
    (value['trustCode'] === undefined || typeof value['trustCode'] === 'string')
  );
}
