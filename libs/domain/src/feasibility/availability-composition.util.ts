import type { CheckContext } from './feasibility-context.type';
import { formatPercent } from './feasibility-format.util';
import type { Finding } from './finding.type';

/**
 * Serial dependencies multiply: if any one is down, the service is down, so the best the
 * service can promise is the product of what its underpinning availability objectives promise.
 */
export function checkAvailabilityComposition(context: CheckContext): Finding[] {
  const { agreement, objective } = context;
  if (objective.metric !== 'availability' || objective.target.unit !== 'ratio') return [];
  const serial = context.underpinnings.filter(
    (underpinning) => underpinning.objective.metric === 'availability' && underpinning.objective.target.unit === 'ratio',
  );
  if (serial.length === 0) return [];
  const product = serial.reduce((result, underpinning) => result * underpinning.objective.target.value, 1);
  const target = objective.target.value;
  if (product >= target) return [];
  const factors = serial
    .map((underpinning) => `${formatPercent(underpinning.objective.target.value)} (${underpinning.ref})`)
    .join(' × ');
  return [
    {
      agreement: agreement.id,
      objective: objective.id,
      kind: 'availability-composition',
      detail: `serial dependencies ${factors} = ${formatPercent(product, 2)} at best, below the target of ${formatPercent(target)}`,
    },
  ];
}
