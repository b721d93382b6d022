package main

// Benchmarks of the three stages, for the seed and for a long article,
// and of one whole export of the seed (read, render, write), the one to
// profile:
//
//	go test -bench . -benchmem -run '^$'
//	go test -bench Export -benchtime 100x -run '^$' -cpuprofile cpu.out
//
// The whole-process figures (time and peak memory of one `offprint
// export`) are measured outside Go, with /usr/bin/time -v; see README.

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/export"
	"github.com/offprint/offprint/render/read"
)

const seedPath = "samples/russia-ukraine-ceasefire.txt"

// longArticle is the seed's paragraphs many times over, in Markdown with
// a heading every few paragraphs: 36 pages of A4 at the time of writing.
func longArticle(b *testing.B) []byte {
	b.Helper()
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	var paras []string
	for _, l := range strings.Split(string(seed), "\n") {
		if len(strings.Fields(l)) > 20 && !strings.Contains(l, "{") {
			paras = append(paras, strings.TrimSpace(l))
		}
	}
	var md strings.Builder
	md.WriteString("---\ntitle: A Long Article\nauthor: Ann Writer\ndate: 2024-03-01\nlang: en\n---\n\n")
	for i := range 200 {
		if i%6 == 0 {
			fmt.Fprintf(&md, "## Section %d\n\n", i/6+1)
		}
		fmt.Fprintf(&md, "%s\n\n", paras[i%len(paras)])
	}
	return []byte(md.String())
}

type benchInput struct {
	name, from string
	data       []byte
}

func benchInputs(b *testing.B) []benchInput {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	return []benchInput{{"seed", "text", seed}, {"long", "markdown", longArticle(b)}}
}

func load(b *testing.B, in benchInput) *render.Document {
	b.Helper()
	doc, err := read.Bytes(in.data, in.from, read.Options{Name: in.name, Dir: "samples"})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func BenchmarkRead(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				load(b, in)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, format := range []string{"pdf", "epub", "html"} {
		r, ok := render.Lookup(format)
		if !ok {
			b.Fatalf("no %s renderer", format)
		}
		for _, in := range benchInputs(b) {
			doc := load(b, in)
			b.Run(format+"/"+in.name, func(b *testing.B) {
				var buf bytes.Buffer
				for b.Loop() {
					buf.Reset()
					if err := render.Run(r, &buf, doc, render.Options{PageSize: "a4", Modified: render.FixedEpoch}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len()), "out-bytes")
				if format == "pdf" {
					b.ReportMetric(float64(export.PDFPages(buf.Bytes())), "pages")
				}
			})
		}
	}
}

// BenchmarkExport is one `offprint export --pdf --epub` of the seed, read
// to written files, minus process start: the path the whole-process
// figures measure, for profiling it with -cpuprofile.
func BenchmarkExport(b *testing.B) {
	dir := b.TempDir()
	opt := export.Options{Formats: []string{"pdf", "epub"}, OutDir: dir}
	for b.Loop() {
		if res := export.File(seedPath, opt); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
