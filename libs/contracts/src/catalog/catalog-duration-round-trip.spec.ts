import fc from 'fast-check';
import { formatCatalogDuration } from '@underpin/domain';
import { parseDuration } from './catalog-units.util';

/** What the platform writes as a duration (messages, settings, GraphQL targets) the catalogue reads back. */
describe(`${formatCatalogDuration.name} and the catalogue's parseDuration`, () => {
  const seconds = fc.oneof(fc.integer({ min: 0, max: 400 * 86_400 }), fc.integer({ min: 0, max: 7_200 }));

  it('reads back exactly the seconds written', () => {
    fc.assert(fc.property(seconds, (value) => expect(parseDuration(formatCatalogDuration(value))).toBe(value)));
  });

  it('reads back a fraction of a second as the nearest second', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30 * 86_400, noNaN: true }), (value) => expect(parseDuration(formatCatalogDuration(value))).toBe(Math.round(value))),
    );
  });

  it('writes any way of spelling a duration one way, each unit below the next', () => {
    const part = fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined });
    fc.assert(
      fc.property(part, part, part, part, (d, h, m, s) => {
        fc.pre([d, h, m, s].some((x) => x !== undefined));
        const text = [d, h, m, s].map((value, i) => (value === undefined ? '' : `${value}${'dhms'[i]}`)).join('');
        const written = formatCatalogDuration(parseDuration(text)!);
        expect(written).toMatch(/^(?:0s|(?:[1-9]\d*d)?(?:(?:[1-9]|1\d|2[0-3])h)?(?:[1-5]?[1-9]m|[1-5]0m)?(?:[1-5]?[1-9]s|[1-5]0s)?)$/);
        expect(parseDuration(written)).toBe(parseDuration(text));
      }),
    );
  });
});
