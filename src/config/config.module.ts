import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * @nestjs/config loads an optional .env file into process.env; AppConfig then validates everything
 * into typed sections and refuses to build (so the service refuses to start) on a bad value.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ envFilePath: ['.env'], cache: true })],
  providers: [{ provide: AppConfig, useFactory: () => new AppConfig(process.env) }],
  exports: [AppConfig],
})
export class ConfigModule {}
