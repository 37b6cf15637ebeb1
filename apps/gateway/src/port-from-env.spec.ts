import { GatewayConfigError, gatewayPortFromEnv } from './port-from-env';

describe('gatewayPortFromEnv', () => {
  it('is 4000 unless GATEWAY_PORT or PORT says otherwise, GATEWAY_PORT first', () => {
    expect(gatewayPortFromEnv({})).toBe(4000);
    expect(gatewayPortFromEnv({ PORT: '4100' })).toBe(4100);
    expect(gatewayPortFromEnv({ GATEWAY_PORT: ' 4200 ', PORT: '4100' })).toBe(4200);
    expect(gatewayPortFromEnv({ GATEWAY_PORT: '0' })).toBe(0);
  });

  it.each(['abc', '-1', '4000.5', '1e4', '65536'])('refuses %p, naming the variable', (raw) => {
    expect(() => gatewayPortFromEnv({ GATEWAY_PORT: raw })).toThrow(
      new GatewayConfigError(`GATEWAY_PORT must be a whole number from 0 to 65535 (got "${raw}")`),
    );
    expect(() => gatewayPortFromEnv({ PORT: raw })).toThrow(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  });
});
