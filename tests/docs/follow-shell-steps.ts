// Follows the shell steps of the README's Quick start as a user types them, as far as this machine allows: each
// command is turned into what the test harness does for it, and a command it does not know fails the test (so the
// README cannot gain a step that no test follows). What differs from a user's terminal, and why:
// - `pulumi new typescript`: the template's files are written from tests/compat/pulumi-template.ts (the CLI
//   downloads templates from GitHub, which no machine here reaches);
// - `npm install pulumi-github-packages`: the packed package, installed beside the repository's dependencies;
// - `pulumi preview` / `up`: the real engine through scripts/engine/ (the Node language host is not served here);
// - the simulator runs in-process on a free port; its URL replaces `http://127.0.0.1:<port>` in config values.
import type { EngineOperation } from '../../scripts/engine/engine-job';

export interface ShellSteps {
  /** From `pulumi new typescript --name <n>`. */
  projectName?: string;
  /** From `pulumi new … --stack <s>` or `pulumi stack init <s>`. */
  stackName?: string;
  /** `npm install <packages>` saw this package. */
  installsPackage: boolean;
  /** `npx github-packages-simulator --port <p> --fixture <f>`. */
  simulator?: { port: number; fixture: string };
  /** `pulumi config set [--secret] <key> <value>`, in order (keys without a namespace are the project's). */
  config: Array<{ key: string; value: string; secret: boolean }>;
  operations: EngineOperation[];
}

const HANDLED: Array<[RegExp, (m: RegExpExecArray, s: ShellSteps) => void]> = [
  [/^mkdir \S+$/, () => undefined],
  [/^cd \S+$/, () => undefined],
  // The harness gives every run its own passphrase and file backend.
  [/^export PULUMI_CONFIG_PASSPHRASE=\S+$/, () => undefined],
  [/^pulumi login --local$/, () => undefined],
  [
    /^pulumi new typescript( .*)?$/,
    (m, s) => {
      const args = m[1] ?? '';
      s.projectName = /--name (\S+)/.exec(args)?.[1];
      s.stackName = /--stack (\S+)/.exec(args)?.[1];
    },
  ],
  [/^pulumi stack init (\S+)$/, (m, s) => void (s.stackName = m[1])],
  [/^npm install (.+)$/, (m, s) => void (s.installsPackage ||= m[1].split(/\s+/).includes('pulumi-github-packages'))],
  [/^npx github-packages-simulator --port (\d+) --fixture (\S+)$/, (m, s) => void (s.simulator = { port: Number(m[1]), fixture: m[2] })],
  [/^pulumi config set (--secret )?(\S+) (\S+)$/, (m, s) => void s.config.push({ key: m[2], value: m[3], secret: m[1] !== undefined })],
  [/^pulumi preview --diff$/, (_m, s) => void s.operations.push({ kind: 'preview', diff: true })],
  [/^pulumi up --strict --diff$/, (_m, s) => void s.operations.push({ kind: 'up', previewPhase: 'strict', diff: true })],
];

/** The commands of `script` (comments and blank lines dropped, `a && b` split), each handled or refused. */
export function followShellSteps(scripts: readonly string[], into?: ShellSteps): ShellSteps {
  const steps: ShellSteps = into ?? { installsPackage: false, config: [], operations: [] };
  for (const script of scripts) {
    for (const raw of script.split('\n')) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line) continue;
      for (const command of line.split(/\s*&&\s*/)) {
        const handler = HANDLED.find(([pattern]) => pattern.test(command));
        if (!handler) throw new Error(`The Quick start test cannot follow "${command}": teach tests/docs/follow-shell-steps.ts what it does.`);
        handler[1](handler[0].exec(command)!, steps);
      }
    }
  }
  return steps;
}
