export * from './http';
export * from './events/common';
export * from './events/trust';
export * from './events/intervention';
export * from './events/metric-series';
export * from './registry';
export * from './codec';
export * from './topics';
