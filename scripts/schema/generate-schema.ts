/**
 * The provider plugin's Pulumi package schema (`schema.json`), generated from the code, never written by hand:
 * - properties and their types from the contracts (`provider/contracts/`: inputs, outputs, the read functions'
 *   arguments and results) and the settings (`provider/settings/provider-settings.ts`: the configuration);
 * - descriptions from the doc comments the TypeScript SDK shows (the SDK's classes and args), falling back to the
 *   contract's own comment; the configuration's from the settings;
 * - tokens from `provider/plugin/type-tokens.ts`.
 * `npx ts-node`-free: run the built file, `node dist/scripts/schema/generate-schema.js [--check]`.
 * tests/plugin/schema.test.ts fails when the committed schema.json differs from what this writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { FUNCTION_NAMES, PACKAGE_NAME, RESOURCE_KINDS, functionToken, resourceToken, type FunctionName } from '../../provider/plugin/type-tokens';
import type { ResourceKind } from '../../provider/resource-kind';
import { repoRoot } from '../engine/repo-paths';

type Spec = Record<string, unknown>;
interface PropertySpec extends Spec {
  description?: string;
}

/** Where each resource's facts live: the contract's types, and the SDK declarations whose comments users read. */
const RESOURCES: Record<ResourceKind, { inputs: string; outputs: string; sdkClass: string; sdkArgs: string }> = {
  PackageVersionRetention: {
    inputs: 'RetentionInputs',
    outputs: 'RetentionOutputs',
    sdkClass: 'PackageVersionRetention',
    sdkArgs: 'PackageVersionRetentionArgs',
  },
  PackageVersion: { inputs: 'PackageVersionInputs', outputs: 'PackageVersionOutputs', sdkClass: 'PackageVersion', sdkArgs: 'PackageVersionArgs' },
  PackageVersionSet: { inputs: 'VersionSetInputs', outputs: 'VersionSetOutputs', sdkClass: 'PackageVersionSet', sdkArgs: 'PackageVersionSetArgs' },
  Package: { inputs: 'PackageInputs', outputs: 'PackageOutputs', sdkClass: 'Package', sdkArgs: 'PackageArgs' },
};

/** Each read function's arguments and result; a list comes back under one property (a schema result is an object). */
const FUNCTIONS: Record<FunctionName, { args: string; result: string; listProperty?: string }> = {
  getPackage: { args: 'GetPackageArgs', result: 'PackageResult' },
  listPackages: { args: 'ListPackagesArgs', result: 'PackageResult', listProperty: 'packages' },
  listPackageVersions: { args: 'ListPackageVersionsArgs', result: 'PackageVersionResult', listProperty: 'versions' },
};

/** Settings that are secrets: the schema marks them so every SDK and the engine keep them encrypted. */
const SECRET_SETTINGS = new Set(['token']);

export function generateSchema(root = repoRoot()): Spec {
  const files = ['provider/contracts/index.ts', 'provider/settings/provider-settings.ts', 'sdk/index.ts'].map((f) => path.join(root, f));
  const program = ts.createProgram(files, {
    strict: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const types: Record<string, Spec> = {};

  const declared = new Map<string, ts.Declaration>();
  for (const file of program.getSourceFiles()) {
    const rel = path.relative(root, file.fileName);
    if (rel.startsWith('..') || rel.includes('node_modules')) continue;
    ts.forEachChild(file, (node) => {
      if (
        (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node)) &&
        node.name
      ) {
        if (!declared.has(node.name.text)) declared.set(node.name.text, node);
      }
    });
  }
  const decl = (name: string): ts.Declaration => {
    const d = declared.get(name);
    if (!d) throw new Error(`generate-schema: no declaration named ${name}`);
    return d;
  };
  const typeOf = (name: string): ts.Type => {
    const d = decl(name) as ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration;
    return checker.getTypeAtLocation(d.name!);
  };
  const docOf = (symbol: ts.Symbol | undefined): string | undefined => {
    const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
    return text ? text.replace(/\s*\n\s*/g, ' ') : undefined;
  };
  const docOfDecl = (name: string): string | undefined => {
    const d = decl(name) as ts.NamedDeclaration;
    return d.name ? docOf(checker.getSymbolAtLocation(d.name)) : undefined;
  };
  /** Property comments of the SDK declarations (an args interface, a class), inherited ones included. */
  const sdkDocs = (...names: string[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const name of names) {
      for (const prop of checker.getPropertiesOfType(typeOf(name))) {
        const doc = docOf(prop);
        if (doc && !out.has(prop.name)) out.set(prop.name, doc);
      }
    }
    return out;
  };

  const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  function typeSpec(type: ts.Type, contextName: string): Spec {
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
      if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return { type: 'string' };
      if (parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { type: 'number' };
      if (parts.length === 1) return typeSpec(parts[0], contextName);
      throw new Error(`generate-schema: ${contextName} has a union the schema cannot express: ${checker.typeToString(type)}`);
    }
    if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
    if (type.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (type.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: typeSpec(item, `${contextName}Item`) };
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index && checker.getPropertiesOfType(type).length === 0) {
      return { type: 'object', additionalProperties: typeSpec(index.type, `${contextName}Value`) };
    }
    if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
      const named = type.aliasSymbol?.name ?? (type.symbol && !type.symbol.name.startsWith('__') ? type.symbol.name : undefined);
      const name = named ?? contextName;
      const token = `${PACKAGE_NAME}:index:${name}`;
      if (!types[token]) {
        types[token] = {}; // reserve (recursive types)
        const { properties, required } = objectProperties(type, name, new Map());
        types[token] = {
          type: 'object',
          ...(docOfSymbol(type) ? { description: docOfSymbol(type) } : {}),
          properties,
          ...(required.length ? { required } : {}),
        };
      }
      return { $ref: `#/types/${token}` };
    }
    throw new Error(`generate-schema: ${contextName}: no schema type for ${checker.typeToString(type)}`);
  }
  const docOfSymbol = (type: ts.Type) => docOf(type.aliasSymbol ?? type.symbol);

  function objectProperties(
    type: ts.Type,
    contextName: string,
    docs: Map<string, string>,
  ): { properties: Record<string, PropertySpec>; required: string[] } {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
      const description = docs.get(prop.name) ?? docOf(prop);
      properties[prop.name] = { ...typeSpec(propType, `${contextName}${pascal(prop.name)}`), ...(description ? { description } : {}) };
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
    }
    return { properties, required: required.sort() };
  }

  const resources: Record<string, Spec> = {};
  for (const kind of RESOURCE_KINDS) {
    const r = RESOURCES[kind];
    const inputs = objectProperties(typeOf(r.inputs), kind, sdkDocs(r.sdkArgs));
    const outputs = objectProperties(typeOf(r.outputs), kind, sdkDocs(r.sdkClass));
    // The stored state holds the inputs as written (or as check resolved them) and what the provider adds.
    const properties = { ...inputs.properties, ...outputs.properties };
    const required = [...new Set([...inputs.required, ...outputs.required])].sort();
    resources[resourceToken(kind)] = {
      description: docOfDecl(r.sdkClass),
      properties,
      required,
      inputProperties: inputs.properties,
      requiredInputs: inputs.required,
    };
  }

  const functions: Record<string, Spec> = {};
  for (const name of FUNCTION_NAMES) {
    const f = FUNCTIONS[name];
    const args = objectProperties(typeOf(f.args), pascal(name), new Map());
    const result = f.listProperty
      ? { properties: { [f.listProperty]: { type: 'array', items: typeSpec(typeOf(f.result), f.result) } }, required: [f.listProperty] }
      : objectProperties(typeOf(f.result), f.result, new Map());
    functions[functionToken(name)] = {
      description: docOfDecl(name),
      inputs: { properties: args.properties, ...(args.required.length ? { required: args.required } : {}) },
      outputs: { properties: result.properties, required: result.required },
    };
  }

  const settings = objectProperties(typeOf('ProviderSettingsInput'), 'Provider', new Map());
  const variables: Record<string, PropertySpec> = {};
  for (const [key, spec] of Object.entries(settings.properties)) variables[key] = SECRET_SETTINGS.has(key) ? { ...spec, secret: true } : spec;

  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return {
    name: PACKAGE_NAME,
    displayName: 'GitHub Packages',
    description:
      'Declare which GitHub Packages package versions to keep, delete and restore; review the exact list in `pulumi preview`, apply it with `pulumi up`.',
    keywords: ['pulumi', 'github', 'packages', 'retention', 'category/utility'],
    license: 'Apache-2.0',
    meta: { moduleFormat: '(.*)' },
    language: {
      go: {
        importBasePath: 'github.com/pulumi-github-packages/sdk/go/githubpackages',
        rootPackageName: 'githubpackages',
        generateResourceContainerTypes: false,
      },
      python: { packageName: 'pulumi_github_packages', pyproject: { enabled: true } },
      nodejs: { packageName: '@pulumi-github-packages/plugin-sdk' },
      csharp: { rootNamespace: 'PulumiGitHubPackages' },
    },
    config: { variables },
    provider: { description: 'The github-packages provider: where the API is, which token to use, how fast to mutate.', inputProperties: variables },
    resources,
    functions,
    types: sortKeys(types),
  };
}

function main(): void {
  const out = path.join(repoRoot(), 'schema.json');
  const text = `${JSON.stringify(generateSchema(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error('schema.json is out of date: run `npm run schema`.');
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(out, text);
  console.log(`wrote ${out}`);
}

if (require.main === module) main();
