// Which folder may import which: the architecture `tests/architecture/layers.test.ts` holds the code to (run by
// hand: `npx depcruise --config .dependency-cruiser.cjs index.ts provider sdk report simulator scripts tests bench examples`).
// Type-only imports count: a type circle or an upward type import ties modules together just the same.
//
// Layers, top to bottom; each may import its own folder and what its line lists, nothing else of this repository:
//   tests/, scripts/, bench/, examples/, index.ts   anything (they drive the product)
//   report/              provider/ (it parses the lines the provider writes)
//   sdk/                 provider/ (the read functions share the provider's client); resources reach the
//                        provider only through the stub, which loads it by package name at run time
//   provider/index.ts    provider/resources, provider/settings
//   provider/plugin      resources, settings, contracts, client, validation, shared files: the provider plugin's
//                        door (gRPC, schema tokens, secrets) over the same implementations; it only adapts
//   provider/resources   contracts, planner, client, registry, validation, settings, shared files
//   provider/contracts   the planner's types (the retention rules), shared files: each resource's inputs, outputs and
//                        output keys, which the SDK, the resources and the report derive from
//   provider/registry    client, settings, the planner's manifest model (it parses into it), shared files
//   provider/settings    client (its defaults), validation (the "did you mean" of a misspelt key), shared files
//   provider/client      shared files
//   provider/planner     validation, shared types, describe-value.ts: pure decisions, no I/O, no Node built-ins
//   provider/validation  shared files: pure input checks (owner logins, names, unknown properties) that the
//                        planner, the resources and the SDK share; no Node built-ins
//   shared files         provider/*.ts but index.ts (types.ts, errors.ts, resource-kind.ts, …)
//   simulator/           nothing of provider/ or sdk/ (it stands for GitHub, not for our code)
// Shared files: the files directly in provider/ other than its entry point (types, errors, resource kinds, …).
const SHARED = ['^provider/(?!index\\.ts$)[^/]+\\.ts$'];

/** A rule: files under `from` import nothing of this repository but their own folder and `allowed`. */
function layer(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    // npm packages and Node built-ins are not layers (the rule pure-no-io refuses built-ins where it matters).
    to: { dependencyTypesNot: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'], pathNot: [from, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other in a circle cannot be understood, tested or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'product-imports-no-tests',
      comment: 'Shipped code does not depend on tests, scripts, benchmarks or examples.',
      severity: 'error',
      from: { path: '^(provider|sdk|report|simulator)/' },
      to: { path: '^((tests|scripts|bench|examples)/|index\\.ts$)' },
    },
    // The stub's run-time `require('pulumi-github-packages/dist/provider')` (by package name, see
    // sdk/provider-stub.ts) is how resources reach the provider without the SDK importing it.
    layer('sdk-layer', 'The SDK sits on top of the provider.', '^sdk/', ['^provider/', '^(pulumi-github-packages/)?dist/provider(/index\\.js)?$']),
    layer('report-layer', 'The review report reads what the provider writes; it is not part of the provider.', '^report/', ['^provider/']),
    layer('provider-entry-layer', 'The entry point wires resources to settings.', '^provider/index\\.ts$', [
      '^provider/resources/',
      '^provider/settings/',
      ...SHARED,
    ]),
    layer('plugin-layer', 'The provider plugin adapts the one implementation for the engine; nothing imports it.', '^provider/plugin/', [
      '^provider/(resources|settings|contracts|client|validation)/',
      ...SHARED,
    ]),
    layer('resources-layer', 'Resources fetch, decide (planner), act (client) and verify.', '^provider/resources/', [
      '^provider/(contracts|planner|client|registry|validation|settings)/',
      ...SHARED,
    ]),
    layer(
      'contracts-layer',
      "Contracts are types and key lists: they import the planner's option types and shared types only.",
      '^provider/contracts/',
      ['^provider/planner/retention-options\\.ts$', ...SHARED],
    ),
    layer('registry-layer', 'The container registry client is a peer of the packages client.', '^provider/registry/', [
      '^provider/(client|settings)/',
      '^provider/planner/manifest-model\\.ts$',
      ...SHARED,
    ]),
    layer('settings-layer', "Settings take the client's defaults, the pure input checks and nothing above.", '^provider/settings/', [
      '^provider/client/',
      '^provider/validation/',
      ...SHARED,
    ]),
    layer('client-layer', "The client knows GitHub's API, not the resources that use it.", '^provider/client/', SHARED),
    layer(
      'planner-layer',
      'The planner is pure: it imports nothing but the planner, the input checks, the shared types and how a bad value reads.',
      '^provider/planner/',
      ['^provider/validation/', '^provider/types\\.ts$', '^provider/describe-value\\.ts$'],
    ),
    layer('validation-layer', 'Input checks are pure and shared by the planner, the resources and the SDK.', '^provider/validation/', SHARED),
    {
      name: 'pure-no-io',
      comment: 'The planner and the input checks are pure: no Node built-ins (no network, files, clock or randomness through them).',
      severity: 'error',
      from: { path: '^provider/(planner|validation)/' },
      to: { dependencyTypes: ['core'] },
    },
    layer('shared-files-layer', 'Shared types and errors sit at the bottom.', SHARED[0], []),
    layer('simulator-layer', 'The simulator stands for GitHub: it imports nothing of the provider or the SDK.', '^simulator/', []),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      // @octokit/* are ESM-only (an `import` condition) and @octokit/openapi-types ships types only.
      conditionNames: ['require', 'import', 'node', 'types', 'default'],
      mainFields: ['main', 'types'],
    },
  },
};
