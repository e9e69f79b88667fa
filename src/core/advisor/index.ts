export * from './settings';
export * from './reasons';
export * from './prompt';
export * from './task';
export * from './toolErrors';
export * from './planning';
