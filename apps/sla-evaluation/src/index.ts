// What a host (the all-in-one process) needs to run this service.
export { slaEvaluationService } from './sla-evaluation.module';
