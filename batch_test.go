package main

// Batch export, the manifest, exit codes and sharding: what a release
// pipeline relies on.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/offprint/offprint/render/export"
)

// tree writes files (path -> content) under a new temporary folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func article(title string) string {
	return title + "\n\nBy Ann Writer\n\nThe first paragraph of " + title + " says little.\n\nThe second one says less.\n"
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestOutputNames(t *testing.T) {
	cases := []struct {
		name   string
		inputs []string
		want   []string // base names, in the order of inputs
	}{
		{"unique stems keep their names", []string{"a/war.txt", "b/peace.md"}, []string{"war", "peace"}},
		{"two index.md in different folders", []string{"a/index.md", "b/index.md"}, []string{"a-index", "b-index"}},
		{"nested folders", []string{"x/a/index.md", "x/b/c/index.md", "x/intro.md"}, []string{"a-index", "b-c-index", "intro"}},
		{"one inside the other", []string{"a/index.md", "a/b/index.md"}, []string{"index", "b-index"}},
		{"same folder, two extensions", []string{"d/x.md", "d/x.txt"}, []string{"x-md", "x-txt"}},
		{"case-insensitive file systems", []string{"p/Index.md", "q/index.md"}, []string{"p-Index", "q-index"}},
		{"a derived name taken by another input", []string{"a/index.md", "b/index.md", "c/a-index.md"}, []string{"a-index", "b-index", "a-index-2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			names := export.OutputNames(c.inputs)
			for _, in := range c.inputs {
				got = append(got, names[in])
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
			// Whatever the order on the command line, the same names.
			rev := slices.Clone(c.inputs)
			slices.Reverse(rev)
			if again := export.OutputNames(rev); !reflect.DeepEqual(again, names) {
				t.Errorf("order changed the names: %v vs %v", again, names)
			}
			seen := map[string]bool{}
			for _, n := range names {
				if seen[strings.ToLower(n)] {
					t.Errorf("two inputs named %q", n)
				}
				seen[strings.ToLower(n)] = true
			}
		})
	}
}

func TestBatchFoldersGlobsAndCollisions(t *testing.T) {
	src := tree(t, map[string]string{
		"articles/a/index.md":      "# Alpha\n\nAlpha words here.\n",
		"articles/b/index.md":      "# Beta\n\nBeta words here.\n",
		"articles/solo.txt":        article("Solo"),
		"articles/notes.json":      `{"not": "an article"}`,
		"articles/.draft/hide.txt": article("Hidden"),
		"more/one.txt":             article("One"),
		"more/two.txt":             article("Two"),
	})
	out := t.TempDir()
	code, _, stderr := offprint(t, "", "export", "--epub", "-o", out, "--jobs", "3",
		filepath.Join(src, "more", "*.txt"), filepath.Join(src, "articles"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"a-index.epub", "b-index.epub", "one.epub", "solo.epub", "two.epub"}
	if got := listDir(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("outputs %q, want %q", got, want)
	}
	// Messages come in sorted input order, whatever finished first:
	// articles/... before more/...
	want = []string{"a-index.epub", "b-index.epub", "solo.epub", "one.epub", "two.epub"}
	var wrote []string
	for _, l := range strings.Split(stderr, "\n") {
		if w, ok := strings.CutPrefix(l, "offprint: wrote "); ok {
			wrote = append(wrote, filepath.Base(w))
		}
	}
	if !reflect.DeepEqual(wrote, want) {
		t.Errorf("messages in order %q, want %q", wrote, want)
	}
}

func TestBatchFailureAndManifest(t *testing.T) {
	src := tree(t, map[string]string{
		"good.txt":  article("Good"),
		"empty.txt": "",
		"also.md":   "# Also\n\nAlso good.\n",
	})
	out := t.TempDir()
	man := filepath.Join(out, "meta", "manifest.json")
	code, _, stderr := offprint(t, "", "export", "-o", out, "--manifest", man, src)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one input is empty): %s", code, stderr)
	}
	for _, f := range []string{"good.pdf", "good.epub", "also.pdf", "also.epub"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the good inputs were not all written: %v", err)
		}
	}
	m, err := export.ReadManifest(man)
	if err != nil {
		t.Fatal(err)
	}
	var inputs, statuses []string
	for _, in := range m.Inputs {
		inputs = append(inputs, filepath.Base(in.Input))
		statuses = append(statuses, in.Status)
		if in.Status == "failed" && (in.Error == "" || len(in.Outputs) != 0) {
			t.Errorf("%s: failed without an error or with outputs: %+v", in.Input, in)
		}
		for _, o := range in.Outputs {
			path := filepath.Join(filepath.Dir(man), filepath.FromSlash(o.Path))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			if hex.EncodeToString(sum[:]) != o.SHA256 || int64(len(data)) != o.Bytes {
				t.Errorf("%s: manifest says %d bytes %s, file is %d bytes %x", o.Path, o.Bytes, o.SHA256, len(data), sum)
			}
			if o.Format == "pdf" {
				if o.Pages < 1 {
					t.Errorf("%s: %d pages", o.Path, o.Pages)
				}
				if pdfinfo, err := exec.LookPath("pdfinfo"); err == nil {
					info, _ := exec.Command(pdfinfo, path).Output()
					if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(string(info)); m == nil || m[1] != strconv.Itoa(o.Pages) {
						t.Errorf("%s: manifest says %d pages, pdfinfo:\n%s", o.Path, o.Pages, info)
					}
				}
			}
		}
	}
	if want := []string{"also.md", "empty.txt", "good.txt"}; !reflect.DeepEqual(inputs, want) {
		t.Errorf("manifest inputs %q, want %q (sorted)", inputs, want)
	}
	if want := []string{"ok", "failed", "ok"}; !reflect.DeepEqual(statuses, want) {
		t.Errorf("statuses %q, want %q", statuses, want)
	}
	raw, _ := os.ReadFile(man)
	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil || generic["schema"] != float64(export.ManifestSchema) || generic["offprint"] != version {
		t.Errorf("manifest header: %v %v", generic, err)
	}
}

func TestExitStatusAndStrict(t *testing.T) {
	src := tree(t, map[string]string{
		"clean.txt":  article("Clean"),
		"latin1.txt": "Caf\xe9 society\n\nThe caf\xe9 opened at dawn.\n", // decoded, with a warning
	})
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{filepath.Join(src, "clean.txt")}, 0},
		{"warnings without --strict", []string{filepath.Join(src, "latin1.txt")}, 0},
		{"warnings with --strict", []string{"--strict", filepath.Join(src, "latin1.txt")}, 3},
		{"a failure outranks warnings", []string{"--strict", filepath.Join(src, "latin1.txt"), filepath.Join(src, "missing.txt")}, 1},
		{"bad --shard", []string{"--shard", "3/2", src}, 2},
		{"bad --jobs", []string{"--jobs", "0", src}, 2},
		{"--manifest naming an input", []string{"--manifest", filepath.Join(src, "clean.txt"), src}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"export", "--epub", "-o", t.TempDir()}, c.args...)
			if code, _, stderr := offprint(t, "", args...); code != c.want {
				t.Errorf("exit %d, want %d: %s", code, c.want, stderr)
			}
		})
	}
	// --quiet: errors only.
	code, _, stderr := offprint(t, "", "export", "--epub", "-q", "-o", t.TempDir(), filepath.Join(src, "latin1.txt"), filepath.Join(src, "missing.txt"))
	if code != 1 || strings.Contains(stderr, "wrote") || strings.Contains(stderr, "warning") || !strings.Contains(stderr, "missing.txt") {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
}

func TestShardsPartitionTheInputs(t *testing.T) {
	var inputs []string
	for i := range 11 {
		inputs = append(inputs, fmt.Sprintf("dir/in%02d.txt", i))
	}
	for n := 1; n <= 5; n++ {
		seen := map[string]int{}
		for k := 1; k <= n; k++ {
			for _, in := range export.Shard(inputs, k, n) {
				seen[in]++
			}
		}
		for _, in := range inputs {
			if seen[in] != 1 {
				t.Errorf("n=%d: %s in %d shards", n, in, seen[in])
			}
		}
	}
	for _, bad := range []string{"0/2", "3/2", "1/0", "a/b", "1/2/3", "1"} {
		if _, _, err := export.ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

// Shards written on different machines name files as one run would, and
// their manifests merge into the one-run manifest; overlaps are refused.
func TestShardedRunMatchesOneRun(t *testing.T) {
	src := tree(t, map[string]string{
		"a/index.md": "# A\n\nAlpha.\n", "b/index.md": "# B\n\nBeta.\n",
		"c.txt": article("Cee"), "d.txt": article("Dee"), "e.md": "# E\n\nEe.\n",
	})
	dir := t.TempDir()
	one := filepath.Join(dir, "one.json")
	if code, _, stderr := offprint(t, "", "export", "--epub", "-o", filepath.Join(dir, "one"), "--manifest", one, src); code != 0 {
		t.Fatal(stderr)
	}
	var parts []string
	for k := 1; k <= 3; k++ {
		p := filepath.Join(dir, fmt.Sprintf("shard%d.json", k))
		parts = append(parts, p)
		if code, _, stderr := offprint(t, "", "export", "--epub", "-o", filepath.Join(dir, "sharded"), "--manifest", p, "--shard", fmt.Sprintf("%d/3", k), src); code != 0 {
			t.Fatal(stderr)
		}
	}
	merged := filepath.Join(dir, "merged.json")
	if code, _, stderr := offprint(t, "", append([]string{"manifest", "merge", "-o", merged}, parts...)...); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(merged)
	if got, want := strings.ReplaceAll(string(b), `"sharded/`, `"one/`), string(a); got != want {
		t.Errorf("merged shards differ from one run:\n%s\nvs\n%s", got, want)
	}
	if code, _, _ := offprint(t, "", "manifest", "merge", "-o", filepath.Join(dir, "dup.json"), parts[0], parts[0]); code != 1 {
		t.Errorf("merging a manifest with itself: exit %d, want 1", code)
	}
}
