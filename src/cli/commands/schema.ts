import { scenarioJsonSchema } from '../../scenario/schema.js';
import { whatIfJsonSchema } from '../../whatif/whatIfFile.js';

/** `thaw schema [--what-if]`: prints the scenario (or what-if) format as JSON Schema. */
export function schemaCommand(write: (text: string) => void, options: { whatIf?: boolean } = {}): number {
  write(JSON.stringify(options.whatIf ? whatIfJsonSchema() : scenarioJsonSchema(), null, 2));
  return 0;
}
