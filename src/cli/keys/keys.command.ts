import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { KeyRotationService } from '../../modules/credentials/crypto/key-rotation.service';

@SubCommand({ name: 'status', description: 'show the configured key versions and how many credentials each wraps' })
export class KeysStatusCommand extends CommandRunner {
  constructor(private readonly rotation: KeyRotationService) {
    super();
  }

  async run(): Promise<void> {
    const status = await this.rotation.status();
    process.stdout.write(`Keys from: ${status.source}${status.path ? ` (${status.path})` : ''}\n`);
    process.stdout.write(`Current: ${status.current}; configured: ${status.versions.join(', ')}\n`);
    const versions = Object.keys(status.records);
    if (versions.length === 0) process.stdout.write('No stored credentials\n');
    for (const version of versions) process.stdout.write(`  ${version.padEnd(6)} ${status.records[version]} credential(s)${version === status.current ? '' : '  (waiting for re-wrap)'}\n`);
  }
}

@SubCommand({ name: 'rotate', description: 'add a key version (embedded) and re-wrap every data key under the newest key; resumable' })
export class KeysRotateCommand extends CommandRunner {
  constructor(private readonly rotation: KeyRotationService) {
    super();
  }

  @Option({ flags: '--batch-size <n>', description: 'records re-wrapped per committed batch (default 100)' })
  parseBatchSize(value: string): number {
    const size = Number.parseInt(value, 10);
    if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new Error('--batch-size must be an integer between 1 and 10000');
    return size;
  }

  async run(_params: string[], options: { batchSize?: number }): Promise<void> {
    const result = await this.rotation.rotate({ batchSize: options.batchSize });
    for (const note of result.notes) process.stdout.write(`${note}\n`);
    process.stdout.write(`Re-wrapped ${result.rewrapped} data key(s); every credential is now on ${result.current}\n`);
  }
}

@Command({ name: 'keys', description: 'credential master keys', subCommands: [KeysStatusCommand, KeysRotateCommand] })
export class KeysCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
