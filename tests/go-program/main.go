// A Go program on the generated Go SDK (sdk/go), run through the real engine with the Automation API as an inline
// program: preview, up, preview again. tests/plugin/go-program.test.ts builds it (scripts/ensure-go-program.sh),
// runs it against the simulator and checks the simulator's request log; this program prints what the engine
// reported as one JSON document on stdout.
//
// Environment: GH_PACKAGES_WORK_DIR (project dir, state under it), GH_PACKAGES_PULUMI_ROOT (<root>/bin/pulumi),
// GH_PACKAGES_BASE_URL, GH_PACKAGES_TOKEN, GH_PACKAGES_ORG; PULUMI_HOME and the backend come from the environment.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi-github-packages/sdk/go/githubpackages"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// program: the container image policy of examples/yaml, written in Go.
func program(ctx *pulumi.Context) error {
	org := config.Require(ctx, "org")
	images, err := githubpackages.NewPackageVersionRetention(ctx, "images", &githubpackages.PackageVersionRetentionArgs{
		Org:              pulumi.StringPtr(org),
		PackageType:      pulumi.String("container"),
		Packages:         pulumi.StringArray{pulumi.String("app")},
		OlderThan:        pulumi.StringPtr("14d"),
		KeepNewestTagged: pulumi.Float64Ptr(10),
		ProtectTags:      pulumi.StringArray{pulumi.String("latest"), pulumi.String("v*")},
	})
	if err != nil {
		return err
	}
	ctx.Export("deletedCount", images.DeletedCount)
	return nil
}

type operation struct {
	Kind    string         `json:"kind"`
	Changes map[string]int `json:"changes"`
	// Per resource name: the plan a step showed (pendingDeletions of the new inputs), for previews.
	Pending map[string]any `json:"pending,omitempty"`
	Outputs map[string]any `json:"outputs,omitempty"`
}

func collect(ch <-chan events.EngineEvent, pending map[string]any, done chan<- struct{}) {
	for e := range ch {
		if e.ResourcePreEvent != nil && e.ResourcePreEvent.Metadata.New != nil {
			m := e.ResourcePreEvent.Metadata
			if p, ok := m.New.Inputs["pendingDeletions"]; ok {
				pending[m.URN] = p
			}
		}
	}
	close(done)
}

func run() ([]operation, error) {
	ctx := context.Background()
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: os.Getenv("GH_PACKAGES_PULUMI_ROOT"), SkipVersionCheck: true})
	if err != nil {
		return nil, err
	}
	project := workspace.Project{Name: "go-retention", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "go-retention", program,
		auto.Pulumi(cmd), auto.Project(project), auto.WorkDir(os.Getenv("GH_PACKAGES_WORK_DIR")))
	if err != nil {
		return nil, err
	}
	cfg := auto.ConfigMap{
		"org":                                {Value: os.Getenv("GH_PACKAGES_ORG")},
		"github-packages:baseUrl":            {Value: os.Getenv("GH_PACKAGES_BASE_URL")},
		"github-packages:registryUrl":        {Value: os.Getenv("GH_PACKAGES_BASE_URL")},
		"github-packages:mutationIntervalMs": {Value: "0"},
		"github-packages:token":              {Value: os.Getenv("GH_PACKAGES_TOKEN"), Secret: true},
	}
	if err := stack.SetAllConfig(ctx, cfg); err != nil {
		return nil, err
	}
	var ops []operation
	preview := func() error {
		ch := make(chan events.EngineEvent)
		pending := map[string]any{}
		done := make(chan struct{})
		go collect(ch, pending, done)
		res, err := stack.Preview(ctx, optpreview.EventStreams(ch))
		<-done
		if err != nil {
			return err
		}
		changes := map[string]int{}
		for k, v := range res.ChangeSummary {
			changes[string(k)] = v
		}
		ops = append(ops, operation{Kind: "preview", Changes: changes, Pending: pending})
		return nil
	}
	if err := preview(); err != nil {
		return ops, err
	}
	up, err := stack.Up(ctx, optup.SuppressOutputs())
	if err != nil {
		return ops, err
	}
	outputs := map[string]any{}
	for k, v := range up.Outputs {
		outputs[k] = v.Value
	}
	var upChanges map[string]int
	if up.Summary.ResourceChanges != nil {
		upChanges = *up.Summary.ResourceChanges
	}
	ops = append(ops, operation{Kind: "up", Changes: upChanges, Outputs: outputs})
	return ops, preview()
}

func main() {
	ops, err := run()
	out := map[string]any{"operations": ops}
	if err != nil {
		out["error"] = err.Error()
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
