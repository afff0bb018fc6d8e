import type { AgreementSpec, Catalog } from '../catalog/catalog.model';
import type { Finding } from './finding.type';

/**
 * A component the agreement's service depends on that no OLA or UC covers (the LAN/Wi-Fi
 * gap): when it fails, the failure is nobody's contractual fault.
 */
export function checkMissingUnderpinning(agreement: AgreementSpec, catalog: Catalog): Finding[] {
  if (!agreement.service) return [];
  const service = catalog.services.find((candidate) => candidate.id === agreement.service);
  if (!service) return [];
  const covered = new Set(
    catalog.agreements
      .filter((other) => other.kind !== 'SLA' && other.id !== agreement.id && other.service)
      .map((other) => other.service as string),
  );
  const objective = agreement.objectives.find((candidate) => candidate.metric === 'availability')?.id ?? null;
  return service.dependsOn
    .filter((component) => !covered.has(component))
    .map((component) => {
      const name = catalog.services.find((candidate) => candidate.id === component)?.name;
      return {
        agreement: agreement.id,
        objective,
        kind: 'missing-underpinning' as const,
        detail:
          `${service.id} depends on ${component}${name ? ` (${name})` : ''}, ` +
          "which no OLA or UC covers: its failures are nobody's commitment",
      };
    });
}
