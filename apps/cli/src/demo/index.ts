export * from './generate';
export { Prng } from './prng';
export * from './mentorship';
export * from './adoption';
export * from './lessons';
export * from './programmes';
export * from './sustainability';
export * from './people';
export * from './driver-diagrams';
