package export

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b/2.md", "b/1.txt", "b/skip.json", "b/.hidden/x.txt", "b/sub/3.HTML", "a.txt", "empty/.keep"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(s string) string { return filepath.Join(dir, s) }
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"a folder is walked, sorted, hidden and non-articles skipped", []string{j("b")}, []string{j("b/1.txt"), j("b/2.md"), j("b/sub/3.HTML")}},
		{"order and duplicates do not matter", []string{j("b/2.md"), j("a.txt"), j("b"), j("a.txt")}, []string{j("a.txt"), j("b/1.txt"), j("b/2.md"), j("b/sub/3.HTML")}},
		{"a pattern", []string{j("b/*.md")}, []string{j("b/2.md")}},
		{"names that match nothing are kept, to fail by name", []string{j("nope.txt"), j("none/*.md"), j("empty")}, []string{j("empty"), j("none/*.md"), j("nope.txt")}},
		{"standard input comes last", []string{"-", j("a.txt")}, []string{j("a.txt"), "-"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Expand(c.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestPDFPages(t *testing.T) {
	for _, c := range []struct {
		pdf  string
		want int
	}{
		{"1 0 obj\n<</Type /Pages\n/Kids [3 0 R 4 0 R]\n/Count 2\n>>\nendobj\n5 0 obj\n<</Type /Outlines /Count 7>>\nendobj", 2},
		{"2 0 obj <</Type/Pages/Kids[]/Count 12>> endobj 3 0 obj <</Type /Page /Parent 2 0 R>> endobj", 12},
		{"no pages here", 0},
	} {
		if got := PDFPages([]byte(c.pdf)); got != c.want {
			t.Errorf("PDFPages(%.30q…) = %d, want %d", c.pdf, got, c.want)
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	m := func(version string, inputs ...string) *Manifest {
		out := &Manifest{Schema: ManifestSchema, Offprint: version}
		for _, in := range inputs {
			out.Inputs = append(out.Inputs, ManifestInput{Input: in, Status: "ok", Outputs: []Output{{Format: "pdf", Path: strings.TrimSuffix(filepath.Base(in), ".txt") + ".pdf"}}})
		}
		return out
	}
	cases := []struct {
		name string
		ms   []*Manifest
		err  string
	}{
		{"the same input twice", []*Manifest{m("1", "a.txt"), m("1", "a.txt")}, "more than one manifest"},
		{"the same output twice", []*Manifest{m("1", "x/a.txt"), m("1", "y/a.txt")}, "written for both"},
		{"different versions", []*Manifest{m("1", "a.txt"), m("2", "b.txt")}, "different offprint versions"},
		{"nothing", nil, "no manifest"},
	}
	for _, c := range cases {
		if _, err := Merge(c.ms); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.err)
		}
	}
	got, err := Merge([]*Manifest{m("1", "c.txt", "a.txt"), m("1", "b.txt")})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, in := range got.Inputs {
		order = append(order, in.Input)
	}
	if want := []string{"a.txt", "b.txt", "c.txt"}; !reflect.DeepEqual(order, want) {
		t.Errorf("merged order %q, want %q", order, want)
	}
}
