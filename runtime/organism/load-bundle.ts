// Loading a bundled organism (`<Name>.js` as `smalt build` writes it, or as a data
// directory keeps it) into this process as a StateMachine, without writing anything.
import { importBundle } from "../../compiler/scenario/load-emitted.js";
import { emittedMachine, type EmittedMachine } from "./emitted-machine.js";

export async function loadBundledMachine(js: string): Promise<EmittedMachine> {
  return emittedMachine(await importBundle(js));
}
