package read_test

// Fuzz targets for the three readers, each followed by every renderer: an
// article is someone else's file, so no input may crash, hang or make a
// renderer write a broken file. Run one to a plateau with, e.g.:
//
//	go test -run XX -fuzz FuzzHTML -fuzztime 20m -fuzzminimizetime 1x -parallel 1 ./render/read/
//
// (An input takes tens of milliseconds through every renderer, so the
// default minute spent minimising each new input, even five seconds,
// would be most of a run: 390 of the first 480 seconds.)
//
// Crashers are kept under testdata/fuzz/FuzzX/ and replayed by go test.

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"

	_ "github.com/offprint/offprint/render/epub"
	_ "github.com/offprint/offprint/render/html"
	_ "github.com/offprint/offprint/render/pdf"
	_ "github.com/offprint/offprint/render/read/html"
	_ "github.com/offprint/offprint/render/read/markdown"
	_ "github.com/offprint/offprint/render/read/text"
)

// fuzzDeadline bounds one input through a reader and every renderer. The
// slowest seed (a bundled sample) takes under a second, a few with the
// fuzzer's instrumentation; an input that needs ten is a hang (a loop,
// or work growing faster than the input).
const fuzzDeadline = 10 * time.Second

func FuzzText(f *testing.F)     { fuzzReader(f, "text", textSeeds) }
func FuzzMarkdown(f *testing.F) { fuzzReader(f, "markdown", markdownSeeds) }
func FuzzHTML(f *testing.F)     { fuzzReader(f, "html", htmlSeeds) }

func fuzzReader(f *testing.F, reader string, seeds []string) {
	for _, s := range append(seeds, hardSeeds(reader)...) {
		f.Add([]byte(s))
	}
	exts := map[string][]string{"text": {".txt"}, "markdown": {".md"}, "html": {".html", ".htm"}}[reader]
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*"+ext))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	// An empty folder: relative images resolve to nothing, and nothing
	// outside it may be read.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan string, 1)
		go func() { done <- readAndRender(data, reader, dir) }()
		select {
		case failure := <-done:
			if failure != "" {
				t.Fatal(failure)
			}
		case <-time.After(fuzzDeadline):
			t.Fatalf("%s input of %d bytes: no result within %s", reader, len(data), fuzzDeadline)
		}
	})
}

// readAndRender returns "" when the input was read and rendered (or
// refused with an error), else what went wrong. A panic anywhere is a
// failure, with its stack.
func readAndRender(data []byte, reader, dir string) (failure string) {
	defer func() {
		if p := recover(); p != nil {
			failure = "panic: " + stringify(p) + "\n" + string(debug.Stack())
		}
	}()
	doc, err := read.Bytes(data, reader, read.Options{Name: "fuzz", Dir: dir})
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			return "reader error is more than one line: " + err.Error()
		}
		return ""
	}
	if doc == nil {
		return "reader returned neither a document nor an error"
	}
	// one print layout for the PDF and the EPUB's page list, as an
	// export shares it
	shared := render.NewShared()
	for _, name := range render.Names() {
		r, _ := render.Lookup(name)
		var buf bytes.Buffer
		opt := render.Options{Modified: render.FixedEpoch, Version: "fuzz", Shared: shared}
		err := render.Run(r, &buf, doc, opt)
		if err != nil && strings.Contains(err.Error(), " renderer failed: ") {
			// Run recovered a panic: replay without Run for the stack.
			buf.Reset()
			r.Render(&buf, doc, opt)
			return "recovered panic: " + err.Error()
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				return name + " error is more than one line: " + err.Error()
			}
			continue
		}
		if msg := validate(name, buf.Bytes()); msg != "" {
			return name + ": " + msg
		}
	}
	return ""
}

func stringify(p any) string {
	if e, ok := p.(error); ok {
		return e.Error()
	}
	if s, ok := p.(string); ok {
		return s
	}
	return "non-string panic value"
}

// validate is a cheap check that an output is the whole file of its kind.
func validate(name string, out []byte) string {
	switch name {
	case "pdf":
		if !bytes.HasPrefix(out, []byte("%PDF-")) {
			return "does not start with %PDF-"
		}
		if !bytes.HasSuffix(bytes.TrimRight(out, "\r\n"), []byte("%%EOF")) {
			return "does not end with %%EOF"
		}
	case "epub":
		z, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			return "not a zip: " + err.Error()
		}
		if len(z.File) == 0 || z.File[0].Name != "mimetype" || z.File[0].Method != zip.Store {
			return "mimetype is not the first, stored entry"
		}
		for _, f := range z.File {
			if !strings.HasSuffix(f.Name, ".xhtml") {
				continue
			}
			r, err := f.Open()
			if err != nil {
				return f.Name + ": " + err.Error()
			}
			doc, err := html.Parse(r)
			r.Close()
			if err != nil {
				return f.Name + " does not parse: " + err.Error()
			}
			if msg := activeContent(doc); msg != "" {
				return f.Name + ": " + msg
			}
		}
	case "html":
		doc, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			return "does not parse: " + err.Error()
		}
		if msg := activeContent(doc); msg != "" {
			return msg
		}
	default:
		if len(out) == 0 {
			return "empty output"
		}
	}
	return ""
}

// activeContent finds what would run in a browser: a script element, an
// on* attribute, a javascript: link.
func activeContent(n *html.Node) string {
	if n.Type == html.ElementNode {
		if n.Data == "script" {
			return "a <script> element in the output"
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				return "an " + a.Key + " attribute in the output"
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				return "a javascript: URL in the output"
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if msg := activeContent(c); msg != "" {
			return msg
		}
	}
	return ""
}

// Seeds: the shapes the readers' own tests exercise, small so the fuzzer
// mutates them quickly.
var textSeeds = []string{
	"Title\n\nBy Jane Roe\n\nFirst paragraph of the article.\n\nSecond paragraph.\n",
	"Title\r\nAuthor\r\n• Dr. Someone\r\n  A bio line.\r\nBody text here.\r\n",
	"Headline\n\n    code block line\n    more code\n\n- item one\n- item two\n\n1. first\n2. second\n\n> quoted\n",
	"Share this\nAdvertisement\nThe real text.\n#pf-body #pf-header-img{max-height:100%;}\n",
	"العنوان\n\nنص المقال باللغة العربية.\n",
	"标题\n\n这是文章的正文。\n",
	"Title\n\nA line with a footnote[1].\n\n[1] The note.\n",
	"Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	"Title\n\n" + strings.Repeat("word ", 300) + "\n",
	"Title\n\n🙂🙃😀\n",
}

var markdownSeeds = []string{
	"---\ntitle: T\nauthor: A\ndate: 2024-01-02\nlang: fr\n---\n# Heading\n\nText *em* **strong** ~~del~~ `code` [link](http://x.example).\n",
	"# T\n\n> quote\n> more\n\n- a\n  - nested\n- b\n\n1. one\n2. two\n\n---\n\n```go\nfunc main() {}\n```\n",
	"# T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n| x |\n",
	"# T\n\nNote[^1].\n\n[^1]: The note *text*.\n",
	"# T\n\n![alt](pic.png \"title\")\n\n![data](data:image/png;base64,iVBORw0KGgo=)\n",
	"# T\n\n<script>alert(1)</script>\n\n<div onclick=\"x\">raw</div>\n\n[js](javascript:alert(1))\n",
	"Setext\n======\n\nSub\n---\n\nline  \nbreak\\\nhere\n",
	"# T\n\n- [ ] task\n- [x] done\n\nhttp://auto.link.example\n",
	"+++\ntitle = \"toml\"\n+++\n# T\n\nText.\n",
	"# T\n\n" + strings.Repeat("> ", 50) + "deep\n",
}

var htmlSeeds = []string{
	`<!doctype html><html lang="en"><head><title>T</title><meta name="author" content="A"><meta property="article:published_time" content="2024-03-05"></head><body><article><h1>T</h1><p>Text <em>em</em> <strong>s</strong> <a href="https://x.example">l</a>.</p></article></body></html>`,
	`<h1>T</h1><blockquote><p>q</p></blockquote><ul><li>a<ul><li>b</li></ul></li></ul><ol start="3"><li>c</li></ol><hr><pre><code class="language-go">x := 1</code></pre>`,
	`<table><caption>C</caption><thead><tr><th>a</th><th colspan="2">b</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td><td>3</td></tr></tbody></table>`,
	`<p>Note<sup><a href="#fn1" id="r1">1</a></sup></p><ol class="footnotes"><li id="fn1">The note <a href="#r1">↩</a></li></ol>`,
	`<figure><img src="pic.png" alt="a"><figcaption>cap</figcaption></figure><img src="data:image/png;base64,iVBORw0KGgo="><img src="../../etc/passwd"><picture><source srcset="x.webp"><img src="y.png"></picture>`,
	`<p onclick="x()">t<script>alert(1)</script><a href="javascript:alert(1)">js</a><iframe src="x"></iframe><style>p{}</style></p>`,
	`<html dir="rtl" lang="ar"><body><p>نص عربي</p></body></html>`,
	`<p>a<br>b<s>c</s><del>d</del><code>e</code><sub>2</sub><sup>3</sup><kbd>k</kbd></p><dl><dt>t</dt><dd>d</dd></dl>`,
	`<svg><text>vector</text></svg><math><mi>x</mi></math><template><p>hidden</p></template><noscript>ns</noscript>`,
	strings.Repeat("<div>", 200) + "deep words" + strings.Repeat("</div>", 200),
}
