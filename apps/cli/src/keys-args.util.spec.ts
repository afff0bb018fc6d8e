import { parseKeysArgs } from './keys-args.util';

const config = { kafkaBrokers: '127.0.0.1:9092', kafkaNamespace: '' };
const TOKEN = 'x'.repeat(40);

describe(parseKeysArgs.name, () => {
  it('reads create with its services and regions, repeated or comma-separated, each once', () => {
    expect(
      parseKeysArgs(['create', '--url', 'http://127.0.0.1:4100/', '--name', 'office probes', '--service', 'video-meetings,telephony', '--service', 'video-meetings', '--region', 'eu-north', '--admin-token', TOKEN], config),
    ).toEqual({
      action: 'create',
      target: { url: 'http://127.0.0.1:4100', token: TOKEN },
      json: false,
      input: { name: 'office probes', services: ['video-meetings', 'telephony'], regions: ['eu-north'] },
    });
  });

  it('takes the admin token from INGESTION_ADMIN_TOKEN unless --admin-token is given', () => {
    expect(parseKeysArgs(['list', '--url', 'https://ingest.example.com', '--json'], { ...config, ingestionAdminToken: 'from-env' })).toEqual({
      action: 'list',
      target: { url: 'https://ingest.example.com', token: 'from-env' },
      json: true,
    });
    expect(() => parseKeysArgs(['list', '--url', 'http://127.0.0.1:4100'], config)).toThrow('the admin token is missing: give --admin-token or set INGESTION_ADMIN_TOKEN');
  });

  it('reads revoke with the key id', () => {
    expect(parseKeysArgs(['revoke', 'key-3f9a1c2b7d4e', '--url', 'http://127.0.0.1:4100', '--admin-token', TOKEN], config)).toMatchObject({ action: 'revoke', id: 'key-3f9a1c2b7d4e' });
  });

  it.each([
    [['create', '--url', 'http://h:1', '--service', 's'], '--name is required'],
    [['create', '--url', 'http://h:1', '--name', 'n', '--service', 'video meetings'], '--service "video meetings" is not an id: letters, digits, . _ : - and no spaces'],
    [['list'], '--url is required'],
    [['list', '--url', 'not a url'], '--url "not a url" is not a URL like http://127.0.0.1:4100'],
    [['revoke', '--url', 'http://h:1'], 'revoke needs the id of the key (as keys list prints it)'],
    [['revoke', 'a/b', '--url', 'http://h:1'], '"a/b" is not a key id (an id: letters, digits, . _ : - and no spaces), like key-3f9a1c2b7d4e'],
    [['revoke', 'key-1', 'key-2', '--url', 'http://h:1'], 'unexpected argument "key-2"'],
    [['--url', 'http://h:1'], 'give a subcommand first: create, list, revoke'],
    [['list', '--url', 'http://h:1', '--brokers', 'x'], 'unknown option --brokers'],
  ])('refuses %j', (args, message) => {
    expect(() => parseKeysArgs(args, { ...config, ingestionAdminToken: TOKEN })).toThrow(message);
  });
});
