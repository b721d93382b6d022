package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Settings come from the flag, else OFFPRINT_*, else offprint.yaml beside
// the inputs (or --config), else the default.
func TestConfigPrecedence(t *testing.T) {
	cases := []struct {
		name     string
		yaml     string // offprint.yaml beside the input; "" for none
		env      map[string]string
		flags    []string
		wantDir  string // folder (under the test's root) the outputs land in
		wantExts []string
		wantCode int
	}{
		{"defaults", "", nil, nil, ".", []string{".epub", ".pdf"}, 0},
		{"project file", "output: fromfile\nformats: [html, epub]\n", nil, nil, "fromfile", []string{".epub", ".html"}, 0},
		{"environment beats the file", "output: fromfile\nformats: [html]\n", map[string]string{"OFFPRINT_OUTPUT": "fromenv", "OFFPRINT_EPUB": "true"}, nil, "fromenv", []string{".epub"}, 0},
		{"flag beats the environment", "output: fromfile\n", map[string]string{"OFFPRINT_OUTPUT": "fromenv"}, []string{"-o", "fromflag", "--html"}, "fromflag", []string{".html"}, 0},
		{"--config names another file", "output: fromfile\n", nil, []string{"--config", "other.yaml"}, "fromother", []string{".epub", ".pdf"}, 0},
		{"a misspelt setting", "ouptut: x\n", nil, nil, "", nil, 2},
		{"a bad value", "jobs: many\n", nil, nil, "", nil, 2},
		{"an unknown format", "formats: [docx]\n", nil, nil, "", nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			t.Chdir(root)
			if err := os.MkdirAll("in", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile("in/story.txt", []byte(article("Story")), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.yaml != "" {
				if err := os.WriteFile("in/offprint.yaml", []byte(c.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile("other.yaml", []byte("output: fromother\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			args := append(append([]string{"export"}, c.flags...), "in/story.txt")
			code, _, stderr := offprint(t, "", args...)
			if code != c.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, c.wantCode, stderr)
			}
			if c.wantCode != 0 {
				return
			}
			var exts []string
			for _, e := range []string{".epub", ".html", ".pdf"} {
				if _, err := os.Stat(filepath.Join(c.wantDir, "story"+e)); err == nil {
					exts = append(exts, e)
				}
			}
			if !reflect.DeepEqual(exts, c.wantExts) {
				t.Errorf("in %s: %v, want %v", c.wantDir, exts, c.wantExts)
			}
		})
	}
}

func TestShellCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, stdout, stderr := offprint(t, "", "completion", shell)
		if code != 0 || !strings.Contains(stdout, "offprint") {
			t.Errorf("completion %s: exit %d, %d bytes of script, stderr %q", shell, code, len(stdout), stderr)
		}
	}
}
