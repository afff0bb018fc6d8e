import { Module } from '@nestjs/common';
import { IncidentModule } from '../incident/incident.module';
import { IntakeController } from './intake.controller';

/** The ITSM intake: batches of timeline events from the tools that hold incidents today. */
@Module({
  imports: [IncidentModule],
  controllers: [IntakeController],
})
export class IntakeModule {}
