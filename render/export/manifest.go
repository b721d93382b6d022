package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"github.com/offprint/offprint/render"
)

// ManifestSchema is the version of the manifest's JSON shape. It changes
// only when a field is removed or changes meaning; new fields may be added
// under the same number.
const ManifestSchema = 1

// Manifest is what a release step needs to attach and checksum a batch's
// outputs. It holds no timestamp and no absolute path of its own making,
// so the same batch gives the same manifest.
type Manifest struct {
	Schema   int             `json:"schema"`
	Offprint string          `json:"offprint"` // offprint's version
	Inputs   []ManifestInput `json:"inputs"`   // sorted by input path
}

// ManifestInput is one input and what became of it.
type ManifestInput struct {
	Input    string           `json:"input"`
	Status   string           `json:"status"` // "ok" or "failed"
	Error    string           `json:"error,omitempty"`
	Warnings []render.Warning `json:"warnings"`
	Outputs  []Output         `json:"outputs"`
}

// Output describes one written file.
type Output struct {
	Format string `json:"format"` // renderer name: pdf, epub, html
	Path   string `json:"path"`   // relative to the manifest's folder, with forward slashes
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`          // hex
	Pages  int    `json:"pages,omitempty"` // PDF only
}

func describe(format, path string, data []byte) Output {
	sum := sha256.Sum256(data)
	o := Output{Format: format, Path: filepath.ToSlash(path), Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	if format == "pdf" {
		o.Pages = PDFPages(data)
	}
	return o
}

var pagesCount = regexp.MustCompile(`/Count\s+(\d+)`)

// PDFPages reads a PDF's page count from its page tree: the largest
// /Count of the objects of /Type /Pages (the root's counts every page).
// It reads the file as written, without asking the renderer, so it works
// for any PDF without object streams. 0 means not found.
func PDFPages(data []byte) int {
	best := 0
	for _, obj := range bytes.Split(data, []byte("endobj")) {
		if !bytes.Contains(obj, []byte("/Type /Pages")) && !bytes.Contains(obj, []byte("/Type/Pages")) {
			continue
		}
		for _, m := range pagesCount.FindAllSubmatch(obj, -1) {
			if n, err := strconv.Atoi(string(m[1])); err == nil && n > best {
				best = n
			}
		}
	}
	return best
}

// NewManifest describes a batch's results.
func NewManifest(version string, results []Result) *Manifest {
	m := &Manifest{Schema: ManifestSchema, Offprint: version, Inputs: []ManifestInput{}}
	for _, r := range results {
		in := ManifestInput{Input: filepath.ToSlash(r.Input), Status: "ok", Warnings: r.Warnings, Outputs: r.Files}
		if in.Warnings == nil {
			in.Warnings = []render.Warning{}
		}
		if in.Outputs == nil {
			in.Outputs = []Output{}
		}
		if r.Err != nil {
			in.Status, in.Error = "failed", r.Err.Error()
		}
		m.Inputs = append(m.Inputs, in)
	}
	sort.SliceStable(m.Inputs, func(i, j int) bool { return m.Inputs[i].Input < m.Inputs[j].Input })
	return m
}

// RelativeTo rewrites output paths relative to dir, the manifest's own
// folder, so the manifest does not change with the absolute location of
// the build and a release step can resolve paths from the manifest alone.
func (m *Manifest) RelativeTo(dir string) *Manifest {
	base, err := filepath.Abs(dir)
	if err != nil {
		return m
	}
	for i := range m.Inputs {
		for j, o := range m.Inputs[i].Outputs {
			abs, err := filepath.Abs(filepath.FromSlash(o.Path))
			if err != nil {
				continue
			}
			if rel, err := filepath.Rel(base, abs); err == nil {
				m.Inputs[i].Outputs[j].Path = filepath.ToSlash(rel)
			}
		}
	}
	return m
}

// Marshal is the manifest as written: indented JSON ending in a newline.
func (m *Manifest) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write puts the manifest at path atomically.
func (m *Manifest) Write(path string) error {
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
		}
	}
	return WriteAtomic(path, data)
}

// ReadManifest reads a manifest written by Write.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: not a manifest: %v", path, err)
	}
	if m.Schema != ManifestSchema {
		return nil, fmt.Errorf("%s: manifest schema %d, this offprint reads %d", path, m.Schema, ManifestSchema)
	}
	return &m, nil
}

// Merge joins the manifests of the shards of one batch. They must come
// from the same offprint version, and no input or output path may appear
// twice: that would mean overlapping shards or two batches mixed up.
func Merge(ms []*Manifest) (*Manifest, error) {
	if len(ms) == 0 {
		return nil, fmt.Errorf("no manifest to merge")
	}
	out := &Manifest{Schema: ManifestSchema, Offprint: ms[0].Offprint, Inputs: []ManifestInput{}}
	inputs, outputs := map[string]bool{}, map[string]string{}
	for _, m := range ms {
		if m.Offprint != out.Offprint {
			return nil, fmt.Errorf("manifests from different offprint versions (%s and %s)", out.Offprint, m.Offprint)
		}
		for _, in := range m.Inputs {
			if inputs[in.Input] {
				return nil, fmt.Errorf("input %s appears in more than one manifest", in.Input)
			}
			inputs[in.Input] = true
			for _, o := range in.Outputs {
				if prev, dup := outputs[o.Path]; dup {
					return nil, fmt.Errorf("output %s written for both %s and %s", o.Path, prev, in.Input)
				}
				outputs[o.Path] = in.Input
			}
			out.Inputs = append(out.Inputs, in)
		}
	}
	sort.SliceStable(out.Inputs, func(i, j int) bool { return out.Inputs[i].Input < out.Inputs[j].Input })
	return out, nil
}
