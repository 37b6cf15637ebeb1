export * from './generate';
export { Prng } from './prng';
