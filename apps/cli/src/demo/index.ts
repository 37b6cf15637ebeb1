export * from './generate';
export { Prng } from './prng';
export * from './mentorship';
export * from './lessons';
