import fc from 'fast-check';
import type { Catalog } from '@underpin/domain';
import { catalogFromYaml, meetingsCatalogText } from '@underpin/testing';
import { agreementChanges, agreementRevision, canonicalJson, catalogRevision } from './catalog-revision.util';

const load = catalogFromYaml;

describe(canonicalJson.name, () => {
  it('gives the same text whatever the key order and leaves undefined fields out', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});

describe(catalogRevision.name, () => {
  const text = meetingsCatalogText();

  it('ignores comments and layout but not meaning', () => {
    const base = catalogRevision(load(text));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogRevision(load(`# reviewed in PR 42\n${text.replace(/^# .*\n/gm, '')}`))).toBe(base);
    expect(catalogRevision(load(text.replace('target: 4h\n', 'target: 5h\n')))).not.toBe(base);
  });
});

describe(agreementChanges.name, () => {
  const catalog = load(meetingsCatalogText());

  it('lists every agreement of a first catalogue as published and none retired', () => {
    const changes = agreementChanges(undefined, catalog);
    expect(changes.published.map((p) => p.agreement.id)).toEqual(catalog.agreements.map((a) => a.id));
    expect(changes.retired).toEqual([]);
  });

  it('lists changed and new agreements as published and missing ones as retired', () => {
    const [acme, ...others] = catalog.agreements;
    const roomtech = catalog.agreements.find((a) => a.id === 'uc-roomtech')!;
    const next: Catalog = {
      ...catalog,
      agreements: [
        { ...acme, objectives: acme.objectives.map((o) => (o.id === 'p1-resolution' ? { ...o, target: { unit: 'seconds', value: 5 * 3600 } } : o)) },
        ...others.filter((a) => a.id !== 'uc-roomtech'),
        { ...roomtech, id: 'uc-roomtech-2' },
      ],
    };
    const changes = agreementChanges(catalog, next);
    expect(changes.published.map((p) => p.agreement.id)).toEqual(['sla-acme-video', 'uc-roomtech-2']);
    expect(changes.published[0].revision).toBe(agreementRevision(next.agreements[0]));
    expect(changes.retired).toEqual([{ id: 'uc-roomtech', revision: agreementRevision(roomtech) }]);
  });
});
