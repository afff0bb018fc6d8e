// What a host (the all-in-one process) needs to run this service.
export { olaChainingService } from './ola-chaining.module';
