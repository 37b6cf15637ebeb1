import net from 'node:net';

/** A port another process holds: the message is the one line a user sees, with the flag that moves it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';

  constructor(
    readonly port: number,
    readonly service: string,
    readonly flag: string,
    readonly host: string,
  ) {
    super(
      `port ${port} (${service}) is already in use on ${host}; choose another with ${flag} N` + (flag === '--port' ? '' : ' (or --port N to move all three)'),
    );
  }
}

export interface PortClaim {
  readonly port: number;
  readonly service: string;
  /** The command-line flag that changes this port. */
  readonly flag: string;
}

/**
 * Checks that each port can be bound on `host` before anything is started, so a port in use is
 * reported as one line instead of a listen error half-way through starting the services.
 * Port 0 (any free port) always passes.
 */
export async function assertPortsFree(host: string, claims: readonly PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (claim.port === 0) continue;
    if (!(await canListen(host, claim.port))) throw new PortInUseError(claim.port, claim.service, claim.flag, host);
  }
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Runs a listen step; an EADDRINUSE (a port taken since the check) becomes a PortInUseError. */
export async function listening<T>(host: string, claim: PortClaim, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(claim.port, claim.service, claim.flag, host);
    throw error;
  }
}
