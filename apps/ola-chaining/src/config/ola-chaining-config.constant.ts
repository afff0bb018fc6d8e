/** Injection token of the service's `OlaChainingConfig`. */
export const OLA_CHAINING_CONFIG = Symbol('OLA_CHAINING_CONFIG');
