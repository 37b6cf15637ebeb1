export * from './generate';
export { Prng } from './prng';
export * from './mentorship';
export * from './adoption';
export * from './lessons';
export * from './people';
export type { DemoShowcase } from './showcase';
