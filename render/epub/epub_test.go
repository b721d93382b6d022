package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/bmp"

	"github.com/offprint/offprint/render"
)

var modified = time.Date(2025, 5, 18, 9, 30, 0, 0, time.UTC)

func txt(s string) *render.Text { return &render.Text{Text: s} }

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{uint8(40 * x), uint8(60 * y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func bmpBytes(t testing.TB) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 3, 2))
	m.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// words makes n paragraphs of about 75 words each.
func words(n int) []render.Block {
	var bs []render.Block
	for i := 0; i < n; i++ {
		var s []string
		for j := 0; j < 11; j++ {
			s = append(s, fmt.Sprintf("Paragraph %d sentence %d says something plain.", i+1, j+1))
		}
		bs = append(bs, render.Para(strings.Join(s, " ")))
	}
	return bs
}

// richDoc uses every block and inline type of the model.
func richDoc(t testing.TB) *render.Document {
	return &render.Document{
		Meta: render.Meta{
			Title:       "Rivers & <Roads>: a \"Field\" Guide",
			Subtitle:    "Notes from the delta",
			Authors:     []render.Author{{Name: "Ada Lovelace", Bio: "Ada writes about rivers.\nShe lives by one."}, {Name: "Alan Turing", Bio: "Alan maps roads."}},
			Date:        "2024-03-09T21:15:00-05:00",
			Lang:        "en-GB",
			Source:      "https://example.org/rivers?a=1&b=2",
			SiteName:    "The Example Review",
			Description: "How rivers & roads meet.",
			Keywords:    []string{"rivers", "roads"},
		},
		Blocks: []render.Block{
			&render.Paragraph{Text: []render.Inline{
				txt("Plain, "), &render.Emphasis{Children: []render.Inline{txt("emphasis")}},
				txt(", "), &render.Strong{Children: []render.Inline{txt("strong")}},
				txt(", "), &render.Strike{Children: []render.Inline{txt("struck")}},
				txt(", "), &render.Code{Text: "x < y && z"},
				txt(", a "), &render.Link{URL: "https://example.org/a b?q=1&r=2", Children: []render.Inline{txt("web link")}},
				txt(", "), &render.Link{URL: "mailto:ada@example.org", Children: []render.Inline{txt("mail")}},
				txt(", a "), &render.Link{URL: "javascript:alert(1)", Children: []render.Inline{txt("scripted link")}},
				txt(", a "), &render.Link{URL: "/relative/page", Children: []render.Inline{txt("relative link")}},
				&render.LineBreak{}, txt("after a break\x00\x01\x0b with control characters"),
				&render.NoteRef{ID: "1"}, txt("."),
			}},
			&render.Heading{Level: 1, ID: "first", Text: []render.Inline{txt("First part")}},
			render.Para("Text of the first part."),
			&render.Heading{Level: 2, Text: []render.Inline{txt("A section "), &render.Emphasis{Children: []render.Inline{txt("inside")}}}},
			&render.Quote{
				Blocks:      []render.Block{render.Para("To be or not to be.")},
				Attribution: []render.Inline{txt("Hamlet")},
			},
			&render.Quote{Blocks: []render.Block{render.Para("An unattributed quotation.")}},
			&render.List{Items: [][]render.Block{{render.Para("apples")}, {render.Para("pears"), render.Para("second paragraph")}}},
			&render.List{Ordered: true, Start: 3, Items: [][]render.Block{{render.Para("third")}, {render.Para("fourth")}}},
			&render.Image{Src: "chart.png", Data: pngBytes(t, 6, 4), MIME: "image/png", Alt: "A chart of rainfall", Caption: []render.Inline{txt("Rainfall, 2023")}},
			&render.Image{Src: "chart-again.png", Data: pngBytes(t, 6, 4), Alt: "The same chart"},
			&render.Image{Src: "dot.bmp", Data: bmpBytes(t), Alt: "A red dot"},
			&render.Rule{},
			&render.Heading{Level: 3, Text: []render.Inline{txt("Deep section")}},
			&render.CodeBlock{Lang: "go", Text: "if a < b && c > d {\n\treturn \"x\"\n}\n"},
			&render.Table{Rows: []render.TableRow{
				{Header: true, Cells: [][]render.Inline{{txt("River")}, {txt("Length")}}},
				{Cells: [][]render.Inline{{txt("Nile")}, {txt("6650 km")}}},
				{Cells: [][]render.Inline{{txt("Amazon")}, {txt("6400 km"), &render.NoteRef{ID: "n2"}}}},
			}},
			&render.Heading{Level: 1, Text: []render.Inline{txt("Second part")}},
			&render.Paragraph{Text: []render.Inline{txt("Calls note one again"), &render.NoteRef{ID: "1"}, txt(" and a missing one"), &render.NoteRef{ID: "nope"}, txt(".")}},
			&render.Footnote{ID: "1", Blocks: []render.Block{render.Para("The first note.")}},
			&render.Footnote{ID: "n2", Blocks: []render.Block{render.Para("Measured at the mouth."), render.Para("Roughly.")}},
			&render.Footnote{ID: "orphan", Blocks: []render.Block{render.Para("A note nobody calls.")}},
		},
	}
}

// seedDoc is shaped like the seed article: a title, one author with a
// bio, and plain paragraphs.
func seedDoc() *render.Document {
	return &render.Document{
		Meta: render.Meta{
			Title:   "Russia and Ukraine Clash Over Ceasefire Terms",
			Authors: []render.Author{{Name: "Dr. Muhammad Abdullah", Bio: "Dr. Muhammad Abdullah is an analyst of international affairs."}},
			Lang:    "en",
		},
		Blocks: words(12),
	}
}

// rtlDoc is right to left, without English labels, and has an image
// with no alt text and one with no data.
func rtlDoc(t testing.TB) *render.Document {
	return &render.Document{
		Meta: render.Meta{Title: "عنوان المقال", Lang: "ar", Dir: "rtl", Authors: []render.Author{{Name: "كاتب"}}, Date: "2023-11"},
		Blocks: []render.Block{
			render.Para("هذه فقرة أولى."),
			&render.Image{Src: "a.png", Data: pngBytes(t, 2, 2)},
			&render.Image{Src: "https://example.org/missing.png", Alt: "missing"},
			&render.Heading{Level: 2, Text: []render.Inline{txt("قسم")}},
			render.Para("فقرة ثانية."),
		},
	}
}

func minimalDoc() *render.Document {
	return &render.Document{Meta: render.Meta{Title: "Only a title", Lang: "not a tag!"}}
}

type docCase struct {
	name string
	doc  *render.Document
	lang string // expected lang and xml:lang
}

func cases(t testing.TB) []docCase {
	return []docCase{
		{"rich", richDoc(t), "en-GB"},
		{"seed", seedDoc(), "en"},
		{"rtl", rtlDoc(t), "ar"},
		{"minimal", minimalDoc(), "en"},
	}
}

func renderDoc(t testing.TB, doc *render.Document, opt render.Options) []byte {
	t.Helper()
	if opt.Modified.IsZero() {
		opt.Modified = modified
	}
	r, ok := render.Lookup("epub")
	if !ok || r.Ext() != ".epub" {
		t.Fatal("no epub renderer registered with the .epub extension")
	}
	var buf bytes.Buffer
	if err := render.Run(r, &buf, doc, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type unzipped struct {
	names []string
	files map[string][]byte
	zr    *zip.Reader
}

func unzip(t testing.TB, data []byte) unzipped {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	b := unzipped{files: map[string][]byte{}, zr: zr}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b.names = append(b.names, f.Name)
		b.files[f.Name] = body
	}
	return b
}

// parse reads an XML file through to the end and returns the root's
// attributes; it fails on any well-formedness error.
func parse(t testing.TB, name string, data []byte) []xml.Attr {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var root []xml.Attr
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == nil {
			root = append([]xml.Attr{}, se.Attr...)
		}
	}
	return root
}

func attr(attrs []xml.Attr, space, local string) (string, bool) {
	for _, a := range attrs {
		if a.Name.Local == local && (a.Name.Space == space || space == "xml" && a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			return a.Value, true
		}
	}
	return "", false
}

func TestContainer(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := renderDoc(t, c.doc, render.Options{})
			b := unzip(t, data)
			if b.names[0] != "mimetype" || b.zr.File[0].Method != zip.Store || string(b.files["mimetype"]) != "application/epub+zip" {
				t.Fatalf("first entry %q (method %d) %q, want mimetype stored", b.names[0], b.zr.File[0].Method, b.files[b.names[0]])
			}
			// OCF: the mimetype readable at a fixed offset, no extra field.
			if string(data[30:38]) != "mimetype" || binary.LittleEndian.Uint16(data[28:30]) != 0 || string(data[38:58]) != "application/epub+zip" {
				t.Errorf("mimetype local header is not the plain OCF one: % x", data[:60])
			}
			for _, f := range b.zr.File {
				if !f.Modified.Equal(modified) {
					t.Errorf("%s modified %v, want %v", f.Name, f.Modified, modified)
				}
			}
			for _, want := range []string{"META-INF/container.xml", "content.opf", "nav.xhtml", "toc.ncx", "style.css", "title.xhtml", "article.xhtml"} {
				if _, ok := b.files[want]; !ok {
					t.Errorf("no %s in %v", want, b.names)
				}
			}
			for _, name := range b.names {
				switch {
				case strings.HasSuffix(name, ".xhtml"):
					root := parse(t, name, b.files[name])
					lang, ok1 := attr(root, "", "lang")
					xmlLang, ok2 := attr(root, "xml", "lang")
					if !ok1 || !ok2 || lang != c.lang || xmlLang != c.lang {
						t.Errorf("%s: lang=%q xml:lang=%q, want %q on both", name, lang, xmlLang, c.lang)
					}
					dir, _ := attr(root, "", "dir")
					if (c.doc.Meta.Dir == "rtl") != (dir == "rtl") {
						t.Errorf("%s: dir=%q for a document with Dir %q", name, dir, c.doc.Meta.Dir)
					}
				case strings.HasSuffix(name, ".opf"), strings.HasSuffix(name, ".ncx"), strings.HasSuffix(name, ".xml"):
					parse(t, name, b.files[name])
				}
			}
		})
	}
}

// epubcheck runs EPUBCheck on data and returns its errors and warnings.
func epubcheck(t *testing.T, data []byte) []string {
	t.Helper()
	jar := ""
	if p, err := exec.LookPath("epubcheck"); err == nil {
		jar, _ = filepath.EvalSymlinks(p)
	}
	if _, err := exec.LookPath("java"); err != nil || !strings.HasSuffix(jar, ".jar") {
		if os.Getenv("CI") == "true" {
			t.Fatal("java or epubcheck missing")
		}
		t.Skip("java or epubcheck missing")
	}
	dir := t.TempDir()
	in, report := filepath.Join(dir, "book.epub"), filepath.Join(dir, "report.json")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("java", "-jar", jar, "--json", report, in).CombinedOutput()
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("epubcheck wrote no report: %v\n%s", err, out)
	}
	var rep struct {
		Messages []struct {
			ID, Severity, Message string
			Locations             []struct {
				Path         string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, m := range rep.Messages {
		if m.Severity == "FATAL" || m.Severity == "ERROR" || m.Severity == "WARNING" {
			where := ""
			if len(m.Locations) > 0 {
				where = fmt.Sprintf(" at %s:%d", m.Locations[0].Path, m.Locations[0].Line)
			}
			problems = append(problems, fmt.Sprintf("%s %s%s: %s", m.Severity, m.ID, where, m.Message))
		}
	}
	return problems
}

// TestEPUBCheck validates each document; with OFFPRINT_EPUB_DIR set, the
// books are also kept there to be looked at.
func TestEPUBCheck(t *testing.T) {
	keep := os.Getenv("OFFPRINT_EPUB_DIR")
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := renderDoc(t, c.doc, render.Options{Version: "test"})
			if keep != "" {
				if err := os.WriteFile(filepath.Join(keep, c.name+".epub"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range epubcheck(t, data) {
				t.Error(p)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			a := renderDoc(t, c.doc, render.Options{})
			b := renderDoc(t, c.doc, render.Options{})
			if !bytes.Equal(a, b) {
				t.Error("two renders of the same document differ")
			}
		})
	}
}

var identifierRE = regexp.MustCompile(`<dc:identifier id="uid">urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})</dc:identifier>`)

func bookID(t *testing.T, doc *render.Document, opt render.Options) string {
	t.Helper()
	opf := unzip(t, renderDoc(t, doc, opt)).files["content.opf"]
	m := identifierRE.FindSubmatch(opf)
	if m == nil {
		t.Fatalf("no v5 UUID identifier in\n%s", opf)
	}
	if !bytes.Contains(unzip(t, renderDoc(t, doc, opt)).files["toc.ncx"], []byte(`content="urn:uuid:`+string(m[1])+`"`)) {
		t.Error("the NCX dtb:uid differs from the package identifier")
	}
	return string(m[1])
}

func TestIdentifier(t *testing.T) {
	base := bookID(t, seedDoc(), render.Options{})
	for _, c := range []struct {
		name string
		edit func(*render.Document)
		opt  render.Options
		same bool
	}{
		{"other timestamp and version", func(*render.Document) {}, render.Options{Modified: time.Unix(0, 0), Version: "9"}, true},
		{"other date and source", func(d *render.Document) { d.Meta.Date = "2020-01-01"; d.Meta.Source = "https://x.example" }, render.Options{}, true},
		{"other title", func(d *render.Document) { d.Meta.Title += "!" }, render.Options{}, false},
		{"other author", func(d *render.Document) { d.Meta.Authors[0].Name = "Someone Else" }, render.Options{}, false},
		{"one word changed", func(d *render.Document) { d.Blocks[5] = render.Para("Changed.") }, render.Options{}, false},
		{"text moved between paragraphs", func(d *render.Document) {
			d.Blocks[0] = render.Para(render.Plain(d.Blocks[0].(*render.Paragraph).Text) + " " + render.Plain(d.Blocks[1].(*render.Paragraph).Text))
			d.Blocks = append(d.Blocks[:1], d.Blocks[2:]...)
		}, render.Options{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := seedDoc()
			c.edit(doc)
			if got := bookID(t, doc, c.opt); (got == base) != c.same {
				t.Errorf("identifier %s vs %s: same=%v, want %v", got, base, got == base, c.same)
			}
		})
	}
}

// readingText is the text of the spine's documents in order, as a reading
// system shows it (head left out).
func readingText(t *testing.T, b unzipped) string {
	t.Helper()
	opf := string(b.files["content.opf"])
	hrefs := map[string]string{}
	for _, m := range regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		hrefs[m[1]] = m[2]
	}
	var out strings.Builder
	for _, m := range regexp.MustCompile(`<itemref ([^>]*)/>`).FindAllStringSubmatch(opf, -1) {
		if strings.Contains(m[1], `linear="no"`) {
			continue
		}
		id := regexp.MustCompile(`idref="([^"]+)"`).FindStringSubmatch(m[1])[1]
		d := xml.NewDecoder(bytes.NewReader(b.files[hrefs[id]]))
		inHead, inSup := false, false
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inHead = inHead || tok.Name.Local == "head"
				inSup = inSup || tok.Name.Local == "sup"
				if !inline[tok.Name.Local] {
					out.WriteString(" ")
				}
			case xml.EndElement:
				switch tok.Name.Local {
				case "head":
					inHead = false
				case "sup":
					inSup = false
				}
			case xml.CharData:
				if !inHead && !inSup {
					out.Write(tok)
				}
			}
		}
		out.WriteString("\n")
	}
	return oneLine(out.String())
}

var inline = map[string]bool{"em": true, "strong": true, "s": true, "code": true, "a": true, "sup": true, "time": true, "span": true}

func TestReadingOrder(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			b := unzip(t, renderDoc(t, c.doc, render.Options{}))
			text := readingText(t, b)
			title := c.doc.Meta.Title
			if n := strings.Count(text, title); n != 1 {
				t.Errorf("title %q appears %d times in the reading order", title, n)
			}
			for _, a := range c.doc.Meta.Authors {
				if !strings.Contains(text, a.Name) {
					t.Errorf("author %q missing", a.Name)
				}
				for _, p := range paragraphs(a.Bio) {
					if !strings.Contains(text, p) {
						t.Errorf("bio %q missing", p)
					}
				}
			}
			var plain func([]render.Block)
			plain = func(bs []render.Block) {
				for _, bl := range bs {
					switch bl := bl.(type) {
					case *render.Paragraph:
						if s := oneLine(render.Plain(bl.Text)); !strings.Contains(text, s) {
							t.Errorf("paragraph %q missing", s)
						}
					case *render.Footnote:
						plain(bl.Blocks)
					}
				}
			}
			plain(c.doc.Blocks)
			if strings.Contains(string(b.files["content.opf"]), `idref="nav"`) {
				t.Error("the navigation document is in the spine")
			}
		})
	}
}

func TestRichMarkup(t *testing.T) {
	var warnings []render.Warning
	b := unzip(t, renderDoc(t, richDoc(t), render.Options{Warn: func(w render.Warning) { warnings = append(warnings, w) }}))
	article := string(b.files["article.xhtml"])
	all := "" // every text file
	for _, name := range b.names {
		if !strings.HasPrefix(name, "images/") {
			all += string(b.files[name])
		}
	}
	for _, c := range []struct{ what, want string }{
		{"emphasis", "<em>emphasis</em>"},
		{"strong", "<strong>strong</strong>"},
		{"strike", "<s>struck</s>"},
		{"code escaped", "<code>x &lt; y &amp;&amp; z</code>"},
		{"http link escaped", `<a href="https://example.org/a%20b?q=1&amp;r=2">web link</a>`},
		{"mailto link", `<a href="mailto:ada@example.org">mail</a>`},
		{"line break", "<br/>after a break with control characters"},
		{"note call", `<sup><a href="#fn-1" id="fnref-1" epub:type="noteref" role="doc-noteref">1</a></sup>`},
		{"second call of the same note", `<a href="#fn-1" id="fnref-1-2" epub:type="noteref" role="doc-noteref">1</a>`},
		{"note", `<aside id="fn-1" epub:type="footnote" role="doc-footnote">`},
		{"back-link", `<a href="#fnref-1" role="doc-backlink">1.</a> The first note.`},
		{"uncalled note numbered last", "<p>3. A note nobody calls.</p>"},
		{"heading keeps its id, level 1 becomes h2", `<h2 id="first">First part</h2>`},
		{"level 2 becomes h3", `<h3 id="sec-2">A section <em>inside</em></h3>`},
		{"level 3 becomes h4", `<h4 id="sec-3">Deep section</h4>`},
		{"attribution", "<figcaption>— Hamlet</figcaption>"},
		{"plain blockquote", "<blockquote>\n<p>An unattributed quotation.</p>"},
		{"tight list item", "<li>apples</li>"},
		{"loose list item", "<li><p>pears</p>\n<p>second paragraph</p>"},
		{"ordered list start", `<ol class="numbered" start="3">`},
		{"ordered list numbers are text, from its start", `<li><span class="num">3.</span> third</li>` + "\n" + `<li><span class="num">4.</span> fourth</li>`},
		{"image", `<img src="images/img1.png" alt="A chart of rainfall" width="6" height="4"/>`},
		{"caption", "<figcaption>Rainfall, 2023</figcaption>"},
		{"same image stored once", `<img src="images/img1.png" alt="The same chart"`},
		{"bmp converted", `<img src="images/img2.png" alt="A red dot" width="3" height="2"/>`},
		{"rule", "<hr/>"},
		{"code block", "<pre><code class=\"language-go\">if a &lt; b &amp;&amp; c &gt; d {\n\treturn \"x\"\n}</code></pre>"},
		{"table header", `<thead>` + "\n" + `<tr>` + "\n" + `<th scope="col">River</th>`},
		{"table cell", "<td>Nile</td>"},
		{"notes section", `<h2 id="notes">Notes</h2>`},
	} {
		if !strings.Contains(article, c.want) {
			t.Errorf("%s: no %q in article.xhtml", c.what, c.want)
		}
	}
	for _, bad := range []string{"javascript:", "/relative/page", "\x00", "\x01", "\x0b"} {
		if strings.Contains(all, bad) {
			t.Errorf("%q reached the output", bad)
		}
	}
	for _, kept := range []string{"scripted link", "relative link"} {
		if !strings.Contains(article, kept) {
			t.Errorf("the words %q of an unsafe link were lost", kept)
		}
	}
	if strings.Contains(article, "Rivers &amp; &lt;Roads&gt;") && strings.Contains(article, "<h1") {
		t.Error("article.xhtml repeats the title as a heading")
	}
	if n := strings.Count(strings.Join(b.names, " "), "images/img"); n != 2 {
		t.Errorf("%d image files, want 2 (one PNG stored once, one converted BMP): %v", n, b.names)
	}
	var missing bool
	for _, w := range warnings {
		missing = missing || w.Code == "model" && strings.Contains(w.Message, `"nope"`)
	}
	if !missing {
		t.Errorf("no warning for the call of a missing note: %v", warnings)
	}

	title := string(b.files["title.xhtml"])
	for _, want := range []string{
		`<h1>Rivers &amp; &lt;Roads&gt;: a "Field" Guide</h1>`,
		"By Ada Lovelace and Alan Turing",
		`<time datetime="2024-03-09">9 March 2024</time>`, // as written, not moved to UTC
		"The Example Review",
		`<a href="https://example.org/rivers?a=1&amp;b=2">`,
	} {
		if !strings.Contains(title, want) {
			t.Errorf("title page lacks %q:\n%s", want, title)
		}
	}
	about := string(b.files["article.xhtml"])
	for _, want := range []string{"About the authors", "<h3>Ada Lovelace</h3>", "<p>She lives by one.</p>", "<h3>Alan Turing</h3>"} {
		if !strings.Contains(about, want) {
			t.Errorf("about page lacks %q", want)
		}
	}
	nav := string(b.files["nav.xhtml"])
	nested := regexp.MustCompile(`(?s)<a href="article.xhtml#first">First part</a>\s*<ol>\s*<li><a href="article.xhtml#sec-2">A section inside</a>\s*<ol>\s*<li><a href="article.xhtml#sec-3">Deep section</a>`)
	if !nested.MatchString(nav) {
		t.Errorf("nav does not nest the headings by level:\n%s", nav)
	}
	for _, want := range []string{`epub:type="landmarks"`, `epub:type="titlepage" href="title.xhtml"`, `epub:type="bodymatter" href="article.xhtml"`, `href="article.xhtml#about">About the authors`, `href="article.xhtml#notes">Notes`} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav lacks %q", want)
		}
	}
}

func TestMetadata(t *testing.T) {
	for _, c := range []struct {
		name   string
		doc    *render.Document
		want   []string
		refuse []string
	}{
		{"rich", richDoc(t), []string{
			`<dc:title>Rivers &amp; &lt;Roads&gt;: a "Field" Guide</dc:title>`,
			`<dc:creator id="creator1">Ada Lovelace</dc:creator>`,
			`<dc:creator id="creator2">Alan Turing</dc:creator>`,
			`<dc:language>en-GB</dc:language>`,
			`<dc:date>2024-03-09</dc:date>`,
			`<dc:publisher>The Example Review</dc:publisher>`,
			`<dc:source>https://example.org/rivers?a=1&amp;b=2</dc:source>`,
			`<dc:description>How rivers &amp; roads meet.</dc:description>`,
			`<dc:subject>rivers</dc:subject>`,
			`<meta property="dcterms:modified">2025-05-18T09:30:00Z</meta>`,
			`<meta property="schema:accessMode">visual</meta>`,
			`<meta property="schema:accessModeSufficient">textual</meta>`,
			`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
			`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
			`<meta name="generator" content="offprint test"/>`,
			`media-type="image/png"`,
		}, []string{"a11y:certifiedBy", "prefix="}},
		{"image without alt", rtlDoc(t), []string{
			`<meta property="schema:accessModeSufficient">textual,visual</meta>`,
			`page-progression-direction="rtl"`,
			`<dc:date>2023-11</dc:date>`,
		}, []string{`dcterms:conformsTo`, `alternativeText`, `<meta property="schema:accessModeSufficient">textual</meta>`}},
		{"description from the first paragraph", seedDoc(), []string{
			`<dc:description>Paragraph 1 sentence 1 says something plain.`,
			`…</dc:description>`,
			`<meta property="schema:accessibilityHazard">none</meta>`,
		}, []string{`schema:accessMode">visual`, "<dc:date>"}},
		{"bad language tag", minimalDoc(), []string{`<dc:language>en</dc:language>`}, []string{"<dc:creator", "not a tag"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opf := string(unzip(t, renderDoc(t, c.doc, render.Options{Version: "test"})).files["content.opf"])
			for _, w := range c.want {
				if !strings.Contains(opf, w) {
					t.Errorf("no %q in\n%s", w, opf)
				}
			}
			for _, r := range c.refuse {
				if strings.Contains(opf, r) {
					t.Errorf("%q should not be in the package document", r)
				}
			}
		})
	}
}

func TestImageWithoutDataWarns(t *testing.T) {
	var warnings []render.Warning
	b := unzip(t, renderDoc(t, rtlDoc(t), render.Options{Warn: func(w render.Warning) { warnings = append(warnings, w) }}))
	// rtlDoc's a.png has no alt text and missing.png no data: one warning each.
	want := map[string]string{"a.png": "no alt text", "missing.png": "no data"}
	if len(warnings) != len(want) {
		t.Errorf("warnings %v, want %d", warnings, len(want))
	}
	for _, w := range warnings {
		matched := false
		for src, why := range want {
			if strings.Contains(w.Message, src) && strings.Contains(w.Message, why) {
				matched = true
			}
		}
		if w.Code != "image" || !matched {
			t.Errorf("unexpected warning %v", w)
		}
	}
	if n := strings.Count(string(b.files["article.xhtml"]), "<img "); n != 1 {
		t.Errorf("%d <img> elements, want 1", n)
	}
}

func TestTimestampClamped(t *testing.T) {
	early := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	b := unzip(t, renderDoc(t, seedDoc(), render.Options{Modified: early}))
	for _, f := range b.zr.File {
		if want := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); !f.Modified.Equal(want) {
			t.Errorf("%s: zip time %v, want %v", f.Name, f.Modified, want)
		}
	}
	if !bytes.Contains(b.files["content.opf"], []byte(">1970-01-01T00:00:00Z<")) {
		t.Error("dcterms:modified does not carry the requested time")
	}
}

func TestLabelsFollowLanguage(t *testing.T) {
	doc := seedDoc()
	doc.Meta.Lang = "fr-CA"
	doc.Meta.Date = "2024-08-01"
	b := unzip(t, renderDoc(t, doc, render.Options{}))
	for name, want := range map[string]string{
		"title.xhtml":   "1 août 2024",
		"article.xhtml": "À propos de l’auteur",
		"nav.xhtml":     "Sommaire",
	} {
		if !strings.Contains(string(b.files[name]), want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	if !strings.Contains(string(b.files["title.xhtml"]), "Par Dr. Muhammad Abdullah") {
		t.Error("byline not in French")
	}
}

// TestSize keeps the book small: a 12-paragraph article of about 900
// words should cost little more than its compressed text.
func TestSize(t *testing.T) {
	data := renderDoc(t, seedDoc(), render.Options{})
	var text int
	for _, b := range seedDoc().Blocks {
		text += len(render.Plain(b.(*render.Paragraph).Text))
	}
	// The cover is a picture, not the book's overhead: count it apart,
	// with its zip header and central directory entry.
	size, cover := len(data), 0
	for _, f := range unzip(t, data).zr.File {
		if f.Name == "images/cover.png" {
			cover = int(f.CompressedSize64) + 30 + 46 + 2*len(f.Name)
		}
	}
	if cover == 0 {
		t.Error("no cover")
	}
	t.Logf("12 paragraphs, %d bytes of text: EPUB of %d bytes, %d without its cover", text, size, size-cover)
	if size-cover > 7500 {
		t.Errorf("EPUB of %d bytes less its cover for a 12-paragraph article; pandoc's is 7.5 KB", size-cover)
	}
	if cover > 60_000 {
		t.Errorf("cover of %d bytes", cover)
	}
}

func TestCover(t *testing.T) {
	jpeg := append([]byte("\xff\xd8\xff\xe0"), make([]byte, 64)...)
	for _, c := range []struct {
		name, href, mediaType string
		cover                 []byte
	}{
		{"generated", "images/cover.png", "image/png", nil},
		{"given JPEG", "images/cover.jpg", "image/jpeg", jpeg},
		{"not an image falls back", "images/cover.png", "image/png", []byte("GIF89a")},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := unzip(t, renderDoc(t, richDoc(t), render.Options{Cover: c.cover}))
			opf := string(b.files["content.opf"])
			want := `<item id="cover" href="` + c.href + `" media-type="` + c.mediaType + `" properties="cover-image"/>`
			if !strings.Contains(opf, want) {
				t.Errorf("no %s in\n%s", want, opf)
			}
			if strings.Contains(opf, `idref="cover"`) {
				t.Error("the cover image is in the spine")
			}
			if len(b.files[c.href]) == 0 {
				t.Errorf("no %s in the zip", c.href)
			}
			if c.cover != nil && strings.HasPrefix(string(c.cover), "\xff") && !bytes.Equal(b.files[c.href], c.cover) {
				t.Error("the given cover was not kept as it is")
			}
		})
	}
}

// TestEmbeddedFonts: --epub-fonts ships the four body faces and points
// the body at them; without it the book carries no font.
func TestEmbeddedFonts(t *testing.T) {
	plain := renderDoc(t, seedDoc(), render.Options{})
	data := renderDoc(t, seedDoc(), render.Options{EPUBFonts: true})
	b := unzip(t, data)
	css := string(b.files["style.css"])
	for _, face := range []string{"NotoSerif-Regular.ttf", "NotoSerif-Italic.ttf", "NotoSerif-Bold.ttf", "NotoSerif-BoldItalic.ttf"} {
		if len(b.files["fonts/"+face]) == 0 {
			t.Errorf("no %s in the book", face)
		}
		if !strings.Contains(css, "url(fonts/"+face+")") {
			t.Errorf("no @font-face for %s", face)
		}
	}
	if i, j := strings.LastIndex(css, "Georgia"), strings.LastIndex(css, `"offprint serif",serif`); j < i {
		t.Error("the default font stack overrides the embedded faces")
	}
	if strings.Contains(strings.Join(unzip(t, plain).names, " "), "fonts/") {
		t.Error("fonts embedded without being asked for")
	}
	t.Logf("fonts cost %d bytes", len(data)-len(plain))
	for _, p := range epubcheck(t, data) {
		t.Error(p)
	}
}
