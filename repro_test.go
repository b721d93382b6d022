package main

// Reproducibility as a user meets it: the built binary, run in different
// environments, must write the same bytes.

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildDir  string
)

// binary builds offprint once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			buildErr = err
			return
		}
		buildDir, buildErr = os.MkdirTemp("", "offprint-bin")
		if buildErr != nil {
			return
		}
		builtBin = filepath.Join(buildDir, "offprint")
		out, err := exec.Command(goTool, "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			builtBin = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building offprint: %v %s", buildErr, builtBin)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// hashes runs the binary with env and args, exporting into a new folder,
// and returns file name -> sha256 of everything written there.
func hashes(t *testing.T, env []string, args ...string) map[string]string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command(binary(t), append([]string{"export", "--html", "-o", out, "--manifest", filepath.Join(out, "manifest.json")}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %v: %v\n%s", env, args, err, msg)
	}
	sums := map[string]string{}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		sums[e.Name()] = hex.EncodeToString(sum[:])
	}
	return sums
}

func TestReproducibleEverywhere(t *testing.T) {
	files := samples(t)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	args := func(jobs string, inputs ...string) []string {
		return append([]string{"--pdf", "--epub", "--jobs", jobs}, inputs...)
	}
	base := hashes(t, []string{"TZ=UTC", "LC_ALL=C", "GOMAXPROCS=1"}, args("1", "samples")...)
	if len(base) < 2*len(files)+1 {
		t.Fatalf("only %d files written for %d samples", len(base), len(files))
	}
	runs := []struct {
		name string
		env  []string
		args []string
	}{
		{"another time zone and locale, 4 jobs", []string{"TZ=Asia/Kolkata", "LC_ALL=de_DE.UTF-8", "LANG=de_DE.UTF-8"}, args("4", files...)},
		{"files in reverse order, GOMAXPROCS=2", []string{"TZ=America/St_Johns", "GOMAXPROCS=2"}, args("2", reversed...)},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			got := hashes(t, r.env, r.args...)
			for name, sum := range base {
				if got[name] != sum {
					t.Errorf("%s: %s, want %s", name, got[name], sum)
				}
			}
			if len(got) != len(base) {
				t.Errorf("%d files, want %d", len(got), len(base))
			}
		})
	}
}

func TestSourceDateEpoch(t *testing.T) {
	seed := "samples/russia-ukraine-ceasefire.txt"
	a := hashes(t, []string{"SOURCE_DATE_EPOCH=1700000000"}, "--pdf", "--epub", seed)
	b := hashes(t, []string{"SOURCE_DATE_EPOCH=1700000000", "TZ=Pacific/Chatham"}, "--pdf", "--epub", seed)
	c := hashes(t, []string{"SOURCE_DATE_EPOCH=1800000000"}, "--pdf", "--epub", seed)
	for _, name := range []string{"russia-ukraine-ceasefire.pdf", "russia-ukraine-ceasefire.epub"} {
		if a[name] == "" || a[name] != b[name] {
			t.Errorf("%s: same epoch, different bytes (%s vs %s)", name, a[name], b[name])
		}
		if a[name] == c[name] {
			t.Errorf("%s: a different SOURCE_DATE_EPOCH did not change the output", name)
		}
	}
}
