// What a host (the all-in-one process) needs to run this service.
export { olaChainingService, olaChainingServiceWith } from './ola-chaining.module';
export { OLA_CHAINING_SETTINGS, readOlaChainingConfig, type OlaChainingConfig } from './config/ola-chaining.config';
