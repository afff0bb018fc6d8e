/**
 * GraphQL queries whose answers explode on the example catalogue (examples/meetings), for the
 * specs that show a service refuses them: every hop from an objective to its agreement and
 * back to that agreement's objectives multiplies the answer by about seven. They use no
 * paginated field, so they stay valid as the lists gain pages, and reach the guard.
 */

/** The 228-byte anonymous query that ran ola-chaining out of memory: eight such hops, 18 levels deep. */
export function deepRunawayQuery(): string {
  let inner = 'id service';
  for (let hop = 0; hop < 8; hop++) inner = `objectives{agreement{${inner}}}`;
  return `{agreement(id:"sla-acme-video"){${inner}}}`;
}

/** Shallow enough for any depth limit of 15, but each fragment doubles its objectives by aliases. */
export function wideRunawayQuery(): string {
  const levels = 6;
  const fragments: string[] = [];
  for (let level = 1; level <= levels; level++) {
    const next = level === levels ? 'id' : `...L${level + 1}`;
    fragments.push(`fragment L${level} on Objective{agreement{a:objectives{${next}}b:objectives{${next}}}}`);
  }
  return `{agreement(id:"sla-acme-video"){objectives{...L1}}}${fragments.join('')}`;
}
