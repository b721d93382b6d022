package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/offprint/offprint/render"
	_ "github.com/offprint/offprint/render/read/text"
)

// stall is a renderer that does not finish until released: a very long
// render in progress when the user presses Ctrl-C.
type stall struct{ started, release chan struct{} }

func (s stall) Name() string { return "stall" }
func (s stall) Ext() string  { return ".stall" }
func (s stall) Render(w io.Writer, doc *render.Document, opt render.Options) error {
	close(s.started)
	<-s.release
	_, err := io.WriteString(w, "done")
	return err
}

// Ctrl-C does not wait for a render in progress: Batch returns, the
// input is reported as interrupted, and its output is never written,
// even once the render ends.
func TestBatchDoesNotWaitForRenders(t *testing.T) {
	st := stall{started: make(chan struct{}), release: make(chan struct{})}
	render.Register(st)
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(in, []byte("Title\n\nA paragraph of text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	returned := make(chan []Result)
	go func() {
		returned <- Batch(ctx, []string{in}, nil, Options{Formats: []string{"stall"}, OutDir: out}, 1, nil)
	}()
	<-st.started
	cancel()
	var res []Result
	select {
	case res = <-returned:
	case <-time.After(30 * time.Second):
		t.Fatal("Batch still waiting for a render 30 s after it was cancelled")
	}
	close(st.release)
	if len(res) != 1 || res[0].Err == nil || !strings.Contains(res[0].Err.Error(), in+": interrupted") {
		t.Fatalf("results %+v, want the input reported as interrupted", res)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files in the output folder after an interrupted batch", len(entries))
	}
}

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"64MiB", 64 << 20}, {"64M", 64 << 20}, {"64 MB", 64 << 20}, {"512kib", 512 << 10},
		{"1.5GiB", 3 << 29}, {"1048576", 1 << 20}, {"100B", 100},
		{"0", 0}, {"-1M", 0}, {"lots", 0}, {"", 0}, {"64XB", 0},
	} {
		got, err := ParseSize(c.in)
		if c.want == 0 {
			if err == nil {
				t.Errorf("ParseSize(%q) = %d, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
		if back, err := ParseSize(Size(got)); err != nil || back != got {
			t.Errorf("Size(%d) = %q does not read back (%d, %v)", got, Size(got), back, err)
		}
	}
}

// A cancelled batch starts nothing: every input is reported as not
// exported, and nothing is written.
func TestBatchCancelled(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, []byte("Title\n\nA paragraph of text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := Batch(ctx, inputs, OutputNames(inputs), Options{Formats: []string{}, OutDir: out}, 2, nil)
	for i, r := range res {
		if r.Err == nil || !strings.Contains(r.Err.Error(), inputs[i]+": interrupted") {
			t.Errorf("input %d: err %v, want it named as interrupted", i, r.Err)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files written by a cancelled batch", len(entries))
	}
}

// The input limit is checked before reading, and again while reading
// standard input, whose size is not known.
func TestInputLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(p, []byte(strings.Repeat("word ", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		input string
		limit int64
		err   string
	}{
		{"a file over the limit", p, 1 << 10, p + ": the file is 2.0 KiB, larger than the 1 KiB limit (--max-input-size)"},
		{"a file under the limit", p, 4 << 10, ""},
		{"standard input over the limit", "-", 1 << 10, "standard input: larger than the 1 KiB limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Load(c.input, Options{MaxInputSize: c.limit, Stdin: strings.NewReader(strings.Repeat("word ", 400))})
			switch {
			case c.err == "" && err != nil && strings.Contains(err.Error(), "limit"):
				// No reader is registered here: only the limit matters.
				t.Errorf("refused: %v", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("err %v, want %q", err, c.err)
			}
		})
	}
}
