import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttributeRowsWriter } from './attribute-rows.writer';
import { TransactionRunner } from './transaction-runner';

/** Database access and the clock, available to every module. */
@Global()
@Module({ providers: [TransactionRunner, Clock, AttributeRowsWriter], exports: [TransactionRunner, Clock, AttributeRowsWriter] })
export class DatabaseModule {}
