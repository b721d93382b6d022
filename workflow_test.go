package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

const releaseWorkflow = ".github/workflows/release.yml"

// The release workflow, and the sharded workflow the README shows, must
// pass actionlint (syntax, expressions, action inputs, shell scripts when
// shellcheck is installed) with no error.
func TestWorkflowsLint(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "A GitHub Actions matrix")
	_, block, ok2 := strings.Cut(after, "```yaml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no GitHub Actions matrix example")
	}
	data, err := os.ReadFile(releaseWorkflow)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{releaseWorkflow: data, "README.md (matrix example)": []byte(block)} {
		t.Run(name, func(t *testing.T) { lint(t, name, content) })
	}
}

func lint(t *testing.T, name string, content []byte) {
	var out bytes.Buffer
	opts := &actionlint.LinterOptions{Oneline: true}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(name, content, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", name, e.Line, e.Column, e.Message, e.Kind)
	}
}

// And it must do what the README says: run on version tags, export with
// the commit's time as SOURCE_DATE_EPOCH and a manifest, and attach the
// PDFs, the EPUBs and the manifest.
func TestReleaseWorkflowDoesTheRelease(t *testing.T) {
	data, err := os.ReadFile(releaseWorkflow)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if len(wf.On.Push.Tags) != 1 || wf.On.Push.Tags[0] != "v*" {
		t.Errorf("triggers on tags %q, want [v*]", wf.On.Push.Tags)
	}
	var runs, files string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			runs += s.Run + "\n"
			if strings.HasPrefix(s.Uses, "softprops/action-gh-release@") {
				files += s.With["files"]
			}
		}
	}
	for _, want := range []string{"-X main.version=", "SOURCE_DATE_EPOCH=\"$(git log -1 --format=%ct", "export SOURCE_DATE_EPOCH", "--manifest dist/manifest.json", "samples/"} {
		if !strings.Contains(runs, want) {
			t.Errorf("no step runs %q", want)
		}
	}
	for _, want := range []string{"dist/*.pdf", "dist/*.epub", "dist/manifest.json"} {
		if !strings.Contains(files, want) {
			t.Errorf("the release does not attach %s", want)
		}
	}
}
