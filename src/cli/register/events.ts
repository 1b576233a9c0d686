import type { Command } from 'commander';
import { eventTableMarkdown } from '../../vocabulary/eventTable.js';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw events`: print the event vocabulary as a Markdown table, with CAMEO, Goldstein and PLOVER codes. */
export function registerEvents(program: Command, { write }: CommandContext): void {
  program
    .command('events')
    .description('print the event vocabulary as a Markdown table, with CAMEO, Goldstein and PLOVER codes')
    .action(() => {
      write(eventTableMarkdown());
    });
}
