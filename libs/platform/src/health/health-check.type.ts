export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export interface HealthCheck {
  name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  probe(): Promise<unknown>;
}
