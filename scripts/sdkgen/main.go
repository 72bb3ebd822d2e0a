// Command sdkgen writes the Go and Python SDKs of the provider plugin from its schema, offline, with Pulumi's own
// code generators (github.com/pulumi/pulumi/pkg/v3/codegen/{go,python}), the ones `pulumi package gen-sdk` runs.
//
//	sdkgen <schema.json> <out-dir>   writes <out-dir>/go and <out-dir>/python
//
// The schema references no other package, so the loader refuses every load: nothing is fetched.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-github-packages sdkgen"

type offlineLoader struct{}

func (offlineLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("sdkgen loads no other package (asked for %q)", pkg)
}

func (offlineLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("sdkgen loads no other package (asked for %q)", d.Name)
}

func (offlineLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("sdkgen loads no other package (asked for %q)", pkg)
}

func (offlineLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("sdkgen loads no other package (asked for %q)", d.Name)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	bind := func() (*schema.Package, error) {
		pkg, diags, err := schema.BindSpec(spec, offlineLoader{}, schema.ValidationOptions{})
		if err != nil {
			return nil, err
		}
		if diags.HasErrors() {
			return nil, diags
		}
		return pkg, nil
	}
	goPkg, err := bind()
	if err != nil {
		return err
	}
	goFiles, err := gogen.GeneratePackage(tool, goPkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	pyPkg, err := bind()
	if err != nil {
		return err
	}
	pyFiles, err := pygen.GeneratePackage(tool, pyPkg, nil, offlineLoader{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	// The Go files sit in the package directory under a module of their own (go.mod beside it), so a program
	// can `require` the module and `replace` it with this directory.
	goFiles["go.mod"] = []byte(goMod)
	if err := write(filepath.Join(outDir, "go"), goFiles, "githubpackages"); err != nil {
		return err
	}
	return write(filepath.Join(outDir, "python"), pyFiles, "")
}

// goMod is the generated Go SDK's module: the package's import path less its last element, on the Go SDK of
// Pulumi the CLI is built from.
const goMod = `module github.com/pulumi-github-packages/sdk/go

go 1.22

require github.com/pulumi/pulumi/sdk/v3 v3.274.1
`

// write replaces dir with exactly the generated files (a file the generator no longer writes disappears); the
// generator's files go under sub, go.mod stays at the top.
func write(dir string, files map[string][]byte, sub string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, sub, name)
		if name == "go.mod" {
			path = filepath.Join(dir, name)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
