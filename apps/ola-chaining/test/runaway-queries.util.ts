/**
 * Queries whose answers explode on the example catalogue: every hop from an objective to its
 * agreement and back to that agreement's objectives multiplies the result by about seven.
 * Both stay valid whatever pagination the catalogue's lists gain, so they reach the guard.
 */

/** The 228-byte anonymous query that ran ola-chaining out of memory: nine hops deep. */
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
