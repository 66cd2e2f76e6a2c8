import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { InvalidEnvironmentError } from '../config/validate-env';
import { COMMAND_GROUPS } from './command-registry';

function printHelp(): void {
  const width = Math.max(...COMMAND_GROUPS.map((g) => g.name.length));
  process.stdout.write('Usage: npm run cli -- <command> [subcommand] [options]\n\nCommands:\n');
  for (const group of COMMAND_GROUPS) process.stdout.write(`  ${group.name.padEnd(width)}  ${group.description}\n`);
  process.stdout.write('\nRun `npm run cli -- <command> --help` for the subcommands of one command.\n');
}

async function main(argv: string[]): Promise<void> {
  const [name] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return;
  }
  const group = COMMAND_GROUPS.find((g) => g.name === name);
  if (!group) {
    process.stderr.write(`Unknown command "${name}".\n\n`);
    printHelp();
    process.exitCode = 2;
    return;
  }
  const module = await group.load();
  await CommandFactory.run(module, {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof InvalidEnvironmentError ? 78 : 1);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof InvalidEnvironmentError ? 78 : 1);
    },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
