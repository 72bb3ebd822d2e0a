// Declare which GitHub Packages package versions to keep, delete and restore; review the exact list in `pulumi preview`, apply it with `pulumi up`.
package githubpackages
