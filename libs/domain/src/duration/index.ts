export * from './format-duration.util';
