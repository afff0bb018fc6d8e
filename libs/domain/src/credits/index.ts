export * from './invalid-credit-input.exception';
export * from './credit.type';
export * from './tier.util';
export * from './credits.util';
export * from './exit-triggers.util';
