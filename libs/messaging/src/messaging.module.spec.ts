import 'reflect-metadata';
import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { sequenceEnvelopes, sequenceTopic } from '../test/support/sequence-topic.util';
import type { EventBus } from './core/event-bus.type';
import { BusStoppedException } from './core/messaging.exception';
import { silentLogger } from './core/messaging-logger.type';
import { InProcessEventBus } from './in-process/in-process-event-bus.service';
import { EVENT_BUS, MessagingModule } from './messaging.module';

const topic = sequenceTopic('test.module.v1', 2);
const handled: number[] = [];

@Injectable()
class StepConsumer implements OnModuleInit {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({ topic, group: 'steps', handler: async (envelope) => void handled.push(envelope.payload.seq) });
  }
}

@Module({ providers: [StepConsumer] })
class StepsModule {}

describe(MessagingModule.name, () => {
  it('provides the bus, starts it after subscriptions are made and stops it on close', async () => {
    const app = await NestFactory.createApplicationContext(
      { module: class AppModule {}, imports: [MessagingModule.forRoot({ useFactory: () => new InProcessEventBus({ topics: [topic], logger: silentLogger }) }), StepsModule] },
      { logger: false },
    );
    await app.init();
    const bus = app.get<EventBus>(EVENT_BUS);
    await bus.publish(topic, sequenceEnvelopes(topic, 1, 3));
    expect(handled).toEqual([1, 2, 3]);
    await app.close();
    await expect(bus.publish(topic, sequenceEnvelopes(topic, 1, 1))).rejects.toBeInstanceOf(BusStoppedException);
  });
});
