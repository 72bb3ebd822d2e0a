/** The provider's package and version records, mapped to the read functions' public results. */
import type { PackageInfo, PackageVersionInfo } from '../provider/types';
import type { PackageResult, PackageVersionResult } from './read-results';

export function packageResult(info: PackageInfo): PackageResult {
  return {
    packageId: info.id,
    packageName: info.name,
    packageType: info.packageType,
    visibility: info.visibility,
    versionCount: info.versionCount,
    ownerLogin: info.ownerLogin,
    ...(info.repository !== undefined ? { repository: info.repository } : {}),
    ...(info.htmlUrl !== undefined ? { htmlUrl: info.htmlUrl } : {}),
    ...(info.createdAt !== undefined ? { createdAt: info.createdAt } : {}),
    ...(info.updatedAt !== undefined ? { updatedAt: info.updatedAt } : {}),
  };
}

export function packageVersionResult(version: PackageVersionInfo): PackageVersionResult {
  return {
    versionId: version.id,
    versionName: version.name,
    tags: [...version.tags],
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
    ...(version.deletedAt !== undefined ? { deletedAt: version.deletedAt } : {}),
    ...(version.htmlUrl !== undefined ? { htmlUrl: version.htmlUrl } : {}),
    currentState: version.state,
  };
}
