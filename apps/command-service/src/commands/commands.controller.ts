import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandAccepted } from '@longview/contracts';
import { COMMAND_ROUTES, type Actor, type LongviewCommandType } from '@longview/domain';
import { CredentialActor, ServiceCredentialGuard } from '../auth/service-credential.guard';
import { IdGenerator } from '../clock';
import { BadRequestError, UnauthenticatedError, UnknownCommandError } from './request-errors';
import { ExecuteDomainCommand } from './execute-domain-command.command';

/**
 * POST /commands/:type — the only write endpoint. Shape checks here; domain rules in the deciders.
 * Who acts is the service credential's actor (ServiceCredentialGuard), never the body's.
 */
@Controller('commands')
@UseGuards(ServiceCredentialGuard)
export class CommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':type')
  @HttpCode(200)
  async execute(@Param('type') type: string, @Body() body: unknown, @CredentialActor() actor: Actor | null): Promise<CommandAccepted> {
    if (!actor) throw new UnauthenticatedError(`Sign in to run commands: ${type} needs a signed-in user, and this request is for a public viewer`);
    if (!Object.hasOwn(COMMAND_ROUTES, type)) throw new UnknownCommandError(type, Object.keys(COMMAND_ROUTES));
    const request = parseRequest(body);
    return this.commandBus.execute(
      new ExecuteDomainCommand(type as LongviewCommandType, request.data, request.commandId ?? this.ids.newId(), actor, request.expectedVersion),
    );
  }
}

interface ParsedRequest {
  data: Record<string, unknown>;
  commandId?: string;
  expectedVersion?: number;
}

function parseRequest(body: unknown): ParsedRequest {
  const fields: { path: string; message: string }[] = [];
  if (!isRecord(body)) throw new BadRequestError('The request body must be a JSON object { data, commandId?, expectedVersion? }', []);
  if (Object.hasOwn(body, 'actor')) {
    throw new BadRequestError('The actor comes from the service credential (the Authorization header), never from the request body: remove "actor"', [
      { path: 'actor', message: 'not allowed: the actor comes from the service credential' },
    ]);
  }
  const { data, commandId, expectedVersion } = body;
  if (!isRecord(data)) fields.push({ path: 'data', message: 'data must be an object with the command fields' });
  if (commandId !== undefined && (typeof commandId !== 'string' || commandId.length < 1 || commandId.length > 200)) {
    fields.push({ path: 'commandId', message: 'commandId must be a non-empty string of at most 200 characters' });
  }
  if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && (expectedVersion as number) >= 0)) {
    fields.push({ path: 'expectedVersion', message: 'expectedVersion must be a whole number >= 0' });
  }
  if (fields.length > 0) throw new BadRequestError('The command request is invalid', fields);
  return {
    data: data as Record<string, unknown>,
    ...(typeof commandId === 'string' ? { commandId } : {}),
    ...(typeof expectedVersion === 'number' ? { expectedVersion } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
