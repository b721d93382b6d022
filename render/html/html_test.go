package html_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/export"
	ohtml "github.com/offprint/offprint/render/html"
	_ "github.com/offprint/offprint/render/read/markdown"
	_ "github.com/offprint/offprint/render/read/text"
)

func renderDoc(t *testing.T, doc *render.Document) (string, []render.Warning) {
	t.Helper()
	var buf bytes.Buffer
	var warns []render.Warning
	err := render.Run(ohtml.Renderer{}, &buf, doc, render.Options{Version: "test", Warn: func(w render.Warning) { warns = append(warns, w) }})
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), warns
}

// parse returns the page's tree, failing on markup the parser had to
// repair badly (no <html> root, no body).
func parse(t *testing.T, page string) *xhtml.Node {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// visibleText is the text a reader sees, in document order.
func visibleText(root *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.Data == "style" || n.Data == "title" || n.Data == "head") {
			return
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(root)
	return b.String()
}

func words(s string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(s)) {
		k := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, f)
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// blockText is the article's text in reading order as the HTML places
// it: the flow first, then the notes, then the authors' bios.
func blockText(doc *render.Document) string {
	var flow, notes strings.Builder
	var walkBlocks func(out *strings.Builder, bs []render.Block)
	walkBlocks = func(out *strings.Builder, bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Heading:
				out.WriteString(render.Plain(b.Text) + "\n")
			case *render.Paragraph:
				out.WriteString(render.Plain(b.Text) + "\n")
			case *render.Quote:
				walkBlocks(out, b.Blocks)
				out.WriteString(render.Plain(b.Attribution) + "\n")
			case *render.List:
				for _, it := range b.Items {
					walkBlocks(out, it)
				}
			case *render.CodeBlock:
				out.WriteString(b.Text + "\n")
			case *render.Image:
				out.WriteString(render.Plain(b.Caption) + "\n")
			case *render.Table:
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						out.WriteString(render.Plain(c) + "\n")
					}
				}
			case *render.Footnote:
				walkBlocks(&notes, b.Blocks)
			}
		}
	}
	walkBlocks(&flow, doc.Blocks)
	s := doc.Title + "\n" + doc.Subtitle + "\n" + doc.AuthorNames() + "\n" + flow.String() + notes.String()
	for _, a := range doc.Authors {
		s += a.Bio + "\n"
	}
	return s
}

func TestSamplesEveryWordInOrder(t *testing.T) {
	for _, sample := range []string{"russia-ukraine-ceasefire.txt", "typesetting-notes.md"} {
		t.Run(sample, func(t *testing.T) { everyWord(t, "../../samples/"+sample) })
	}
}

func everyWord(t *testing.T, path string) {
	doc, _, err := export.Load(path, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := renderDoc(t, doc)
	again, _ := renderDoc(t, doc)
	if page != again {
		t.Error("two renders of the same document differ")
	}
	root := parse(t, page)
	got := words(visibleText(root))
	want := words(blockText(doc))
	i := 0
	for _, w := range got {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	if i != len(want) {
		t.Errorf("only %d of %d words found in order; first missing: %q", i, len(want), want[i])
	}
	walk(root, func(n *xhtml.Node) {
		if n.Type != xhtml.ElementNode {
			return
		}
		if n.Data == "script" || n.Data == "iframe" || n.Data == "link" {
			t.Errorf("<%s> in a self-contained page", n.Data)
		}
		if n.Data == "html" && (attr(n, "lang") != doc.Lang || attr(n, "dir") == "") {
			t.Errorf("<html lang=%q dir=%q>, want lang %q", attr(n, "lang"), attr(n, "dir"), doc.Lang)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("event handler %s on <%s>", a.Key, n.Data)
			}
		}
	})
	for _, want := range []string{doc.Title, "By " + doc.Authors[0].Name, "About the author"} {
		if !strings.Contains(visibleText(root), want) {
			t.Errorf("masthead or author block lacks %q", want)
		}
	}
}

func TestEscapesEverything(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nfake")
	doc := &render.Document{
		Meta: render.Meta{Title: `</title><script>alert(1)</script>`, Lang: `en" onload="x`, Dir: "rtl",
			Authors: []render.Author{{Name: `<b>Eve</b>`, Bio: `"quoted" & <i>bold</i>`}}, Source: "javascript:alert(1)"},
		Blocks: []render.Block{
			render.Para(`<img src=x onerror=alert(1)>`),
			&render.Paragraph{Text: []render.Inline{&render.Link{URL: "javascript:alert(2)", Children: []render.Inline{&render.Text{Text: "click"}}}}},
			&render.Paragraph{Text: []render.Inline{&render.Link{URL: "https://example.org/?a=1&b=2", Children: []render.Inline{&render.Text{Text: "safe"}}}}},
			&render.Image{Src: "p.png", Data: png, MIME: "image/png", Alt: `"><script>`},
			&render.Image{Src: "remote.png", Alt: "gone"},
			&render.CodeBlock{Lang: `x"><script>`, Text: "</code></pre><script>"},
		},
	}
	page, warns := renderDoc(t, doc)
	root := parse(t, page)
	var links []string
	imgs := 0
	walk(root, func(n *xhtml.Node) {
		if n.Type != xhtml.ElementNode {
			return
		}
		switch n.Data {
		case "script":
			t.Error("a <script> element came through")
		case "a":
			links = append(links, attr(n, "href"))
		case "img":
			imgs++
			if !strings.HasPrefix(attr(n, "src"), "data:image/png;base64,") {
				t.Errorf("image not inline: %q", attr(n, "src"))
			}
		case "html":
			if attr(n, "dir") != "rtl" || attr(n, "lang") != "und" {
				t.Errorf("<html dir=%q lang=%q>", attr(n, "dir"), attr(n, "lang"))
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("event handler %s on <%s>", a.Key, n.Data)
			}
		}
	})
	if len(links) != 1 || links[0] != "https://example.org/?a=1&b=2" {
		t.Errorf("links %q: want only the https one", links)
	}
	if imgs != 1 || len(warns) != 1 || warns[0].Code != "image" {
		t.Errorf("%d images, warnings %v: want the one with data inline and a warning for the other", imgs, warns)
	}
	text := visibleText(root)
	for _, want := range []string{"<img src=x onerror=alert(1)>", "</code></pre><script>", `"quoted" & <i>bold</i>`, "click"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q not shown as text", want)
		}
	}
}

func TestHeadingRanks(t *testing.T) {
	h := func(level int, text string) *render.Heading {
		return &render.Heading{Level: level, Text: []render.Inline{&render.Text{Text: text}}}
	}
	cases := []struct {
		name   string
		levels []int
		want   []string
	}{
		{"sections from level 1", []int{1, 2, 1}, []string{"h2", "h3", "h2"}},
		{"Markdown starting at ##", []int{2, 3, 2}, []string{"h2", "h3", "h2"}},
		{"deep levels stop at h6", []int{1, 7}, []string{"h2", "h6"}},
	}
	for _, c := range cases {
		doc := &render.Document{Meta: render.Meta{Title: "T", Lang: "en"}}
		for i, l := range c.levels {
			doc.Blocks = append(doc.Blocks, h(l, string(rune('a'+i))))
		}
		page, _ := renderDoc(t, doc)
		var got []string
		walk(parse(t, page), func(n *xhtml.Node) {
			if n.Type == xhtml.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data != "h1" && n.Data != "hr" {
				got = append(got, n.Data)
			}
		})
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
