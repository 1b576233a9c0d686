import { exportDiagram, type ExportFormat } from '../../export/formats.js';
import { machineGraph } from '../../export/machineGraph.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { writeOutputFile } from '../outputFile.js';

/** `thaw export`: writes the statechart's diagram in a format, to stdout or a file. */
export function exportCommand(options: { format: ExportFormat; output: string | undefined; write: (text: string) => void }): number {
  const text = exportDiagram(machineGraph(), options.format);
  if (options.output === undefined) {
    options.write(text);
    return EXIT.ok;
  }
  try {
    writeOutputFile(options.output, `${text}\n`);
  } catch (error) {
    throw new UsageError(`--output: cannot write "${options.output}": ${(error as Error).message}`, EXIT.outputFailed);
  }
  return EXIT.ok;
}
