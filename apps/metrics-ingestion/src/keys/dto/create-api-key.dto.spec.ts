import { checkCreateApiKey } from './create-api-key.dto';

describe(checkCreateApiKey.name, () => {
  it('takes a name, services and regions, each once', () => {
    expect(checkCreateApiKey({ name: ' probes ', services: ['video-meetings', 'video-meetings'], regions: ['eu-north'] })).toEqual({
      ok: true,
      input: { name: 'probes', services: ['video-meetings'], regions: ['eu-north'] },
    });
    expect(checkCreateApiKey({ name: 'all regions', services: ['video-meetings'] })).toEqual({ ok: true, input: { name: 'all regions', services: ['video-meetings'], regions: [] } });
  });

  it('names every problem by its field', () => {
    expect(checkCreateApiKey({ name: '', services: [], regions: ['eu north'], service: 'x' })).toEqual({
      ok: false,
      problems: [
        { path: 'name', message: 'must not be empty' },
        { path: 'services', message: 'must have at least 1 item(s)' },
        { path: 'regions[0]', message: 'must be an id: letters, digits, . _ : - and no spaces, got "eu north"' },
        { path: 'service', message: 'unknown field; expected name, services, regions' },
      ],
    });
    expect(checkCreateApiKey({ name: '  ', services: ['s'] })).toEqual({ ok: false, problems: [{ path: 'name', message: 'must not be blank' }] });
    expect(checkCreateApiKey('key please')).toEqual({ ok: false, problems: [{ path: '', message: 'must be an object, got "key please"' }] });
  });
});
