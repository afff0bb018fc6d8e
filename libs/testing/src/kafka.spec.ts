import { testKafkaBrokers, uniqueTopicName } from './kafka.util';

describe(testKafkaBrokers.name, () => {
  it('splits KAFKA_BROKERS on commas and ignores blanks', () => {
    expect(testKafkaBrokers({ KAFKA_BROKERS: ' 127.0.0.1:9092, 127.0.0.1:9094 ,' })).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
  });

  it('names the variable when it is missing or blank', () => {
    expect(() => testKafkaBrokers({})).toThrow('KAFKA_BROKERS is not set');
    expect(() => testKafkaBrokers({ KAFKA_BROKERS: ' , ' })).toThrow('KAFKA_BROKERS is not set');
  });
});

describe(uniqueTopicName.name, () => {
  it('produces legal, distinct topic names', () => {
    const names = Array.from({ length: 100 }, () => uniqueTopicName('agreements/evaluated v1'));
    expect(new Set(names).size).toBe(100);
    for (const name of names) {
      expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
      expect(name.length).toBeLessThanOrEqual(249);
      expect(name.startsWith('agreements-evaluated-v1.')).toBe(true);
    }
  });
});
