/** The review as the renderers see it: what `up` will delete and restore, per resource and package. */

export type ResourceKind = 'PackageVersionRetention' | 'PackageVersion' | 'PackageVersionSet' | 'Package';

export interface VersionChange {
  readonly action: 'delete' | 'restore';
  readonly packageName: string;
  /** Absent when a whole package is deleted or restored. */
  readonly versionId?: string;
  readonly versionName?: string;
  /** Absent for package types without tags (npm, maven, rubygems, nuget). */
  readonly tags?: readonly string[];
  /** `created` (or `updated`, with `timeBasis: 'updated'`) time, as the engine wrote it. */
  readonly time?: string;
  readonly timeBasis?: 'created' | 'updated';
  /** The deciding rule in the policy's words, or the desired state of a PackageVersion/Package. */
  readonly rule: string;
}

/** A container image the image graph deletes whole, as the lines of its tree (root first). */
export interface ImageTree {
  readonly packageName: string;
  readonly rootId: string;
  readonly lines: readonly string[];
}

export interface ResourceReview {
  readonly urn: string;
  readonly name: string;
  readonly kind: ResourceKind;
  /** The engine's step for the resource. */
  readonly op: string;
  /** Whether `up` calls the provider for this resource at all (a `same` step deletes and restores nothing). */
  readonly acts: boolean;
  readonly owner: string;
  readonly packageType: string;
  readonly changes: readonly VersionChange[];
  readonly images: readonly ImageTree[];
  /** Per package: versions the rules would delete that this run will not, by reason (`deferred-by-cap`, ...). */
  readonly heldBack: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Deletions left for later runs by `maxDeletionsPerRun`. */
  readonly remainingForNextRun: number;
  /** How long the deletions take at the configured pace. */
  readonly estimate?: string;
  readonly warnings: readonly string[];
  /** Properties that decide deletions but were not known when the engine wrote the document. */
  readonly unknownProperties: readonly string[];
  /** Planned-deletion lines the report could not read: shown as they are. */
  readonly unreadableLines: readonly string[];
}

export interface Review {
  readonly source: 'preview' | 'plan';
  readonly project?: string;
  readonly stack?: string;
  /** This package's resources, in the engine's order. */
  readonly resources: readonly ResourceReview[];
  /** Engine warnings and errors (a failed check names the property here). */
  readonly messages: ReadonlyArray<{ severity: string; message: string; resource?: string }>;
}
