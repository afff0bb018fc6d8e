import { ConfigException } from '@underpin/platform';
import { readGatewayProcessConfig } from './gateway.config';

const SUBGRAPHS = {
  SUBGRAPH_INCIDENTS_URL: 'http://incidents:3000/graphql',
  SUBGRAPH_SLA_EVALUATION_URL: 'http://sla-evaluation:3000/graphql',
  SUBGRAPH_OLA_CHAINING_URL: 'http://ola-chaining:3000/graphql',
};

describe(readGatewayProcessConfig.name, () => {
  it('listens on 127.0.0.1:4000 unless told otherwise, at the log level it is given', () => {
    expect(readGatewayProcessConfig(SUBGRAPHS)).toMatchObject({ listen: { host: '127.0.0.1', port: 4000 }, logLevel: 'log' });
    expect(readGatewayProcessConfig({ ...SUBGRAPHS, HOST: '0.0.0.0', PORT: '8080', LOG_LEVEL: 'warn' })).toMatchObject({ listen: { host: '0.0.0.0', port: 8080 }, logLevel: 'warn' });
  });

  it('lists every problem at once', () => {
    const read = () => readGatewayProcessConfig({ SUBGRAPH_INCIDENTS_URL: 'incidents:3000', PORT: 'x', LOG_LEVEL: 'chatty', HTTP_BODY_LIMIT: '1' });
    expect(read).toThrow(ConfigException);
    expect(() => read()).toThrow(
      [
        'invalid configuration:',
        '  SUBGRAPH_INCIDENTS_URL: expected an http(s) URL',
        '  SUBGRAPH_SLA_EVALUATION_URL: required (URL of the sla-evaluation subgraph, e.g. http://sla-evaluation:3000/graphql)',
        '  SUBGRAPH_OLA_CHAINING_URL: required (URL of the ola-chaining subgraph, e.g. http://ola-chaining:3000/graphql)',
        '  HTTP_BODY_LIMIT: expected a size of at least 1kb like "512kb" or "16mb", got "1"',
        '  PORT: expected a non-negative integer, got "x"',
        '  LOG_LEVEL: expected error, warn, log or debug',
      ].join('\n'),
    );
  });
});
