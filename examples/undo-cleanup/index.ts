// `pulumi up` entry point: the program itself is in program.ts (the repository's tests run the same function).
import { undoCleanup } from './program';

export = undoCleanup();
