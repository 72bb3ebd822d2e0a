import type * as pulumi from '@pulumi/pulumi';
import type { ResourceKind } from '../provider/resource-kind';

/**
 * The provider object Pulumi serializes into the state of every dynamic resource.
 *
 * It captures nothing but `kind`: each method loads the implementation from the installed package at run time,
 * so the serialized code stays under a kilobyte, upgrading the package upgrades behaviour without rewriting
 * every resource, and no setting (least of all the token) is ever captured into state in clear text.
 * The engine's dynamic-provider host resolves `pulumi-github-packages` as seen from its own `@pulumi/pulumi`,
 * i.e. from the user's `node_modules`, where this package is installed beside it.
 */
export function providerStub(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      return require('pulumi-github-packages/dist/provider').configure(req.config);
    },
    async check(olds, news) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).check(olds, news);
    },
    async diff(id, olds, news) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).diff(id, olds, news);
    },
    async create(inputs) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).create(inputs);
    },
    async read(id, props) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).read(id, props);
    },
    async update(id, olds, news) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).update(id, olds, news);
    },
    async delete(id, props) {
      return require('pulumi-github-packages/dist/provider').resourceProvider(kind).delete(id, props);
    },
  };
}
