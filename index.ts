// The root Pulumi program (see Pulumi.yaml): the demo. `npm run demo` runs it against the bundled GitHub
// Packages simulator; `pulumi preview` here runs it wherever the stack config points (github-packages:baseUrl).
import { demoProgram } from './scripts/demo/demo-program';

export = demoProgram();
