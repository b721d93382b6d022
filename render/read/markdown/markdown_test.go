package markdown

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

type warning struct{ code, msg string }

// parse reads src with a folder holding pic.png (4×3 pixels) beside it.
func parse(t *testing.T, src string) (*render.Document, []warning) {
	t.Helper()
	dir := t.TempDir()
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.White)
	f, err := os.Create(filepath.Join(dir, "pic.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var ws []warning
	opt := read.Options{Name: "t.md", Dir: dir, Warn: func(w render.Warning) { ws = append(ws, warning{w.Code, w.Message}) }}
	doc, err := reader{}.Read(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	return doc, ws
}

func blocksJSON(t *testing.T, bs []render.Block) string {
	t.Helper()
	if bs == nil {
		bs = []render.Block{}
	}
	b, err := json.Marshal(bs)
	if err != nil {
		t.Fatal(err)
	}
	return compact(t, string(b))
}

// compact normalises a hand-written JSON expectation.
func compact(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad expectation %s: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestNodeMapping(t *testing.T) {
	// Each source starts with a paragraph so that no heading becomes the
	// title; the expectation is the JSON of the blocks after it.
	const p = `{"type":"paragraph","text":[{"type":"text","text":"Intro."}]}`
	tests := []struct {
		name, md, want string
		warn           string // a warning code that must be given ("" = none at all)
	}{
		{"soft break is a space", "Intro.\n\none\ntwo", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"one two"}]}]`, ""},
		{"hard break", "Intro.\n\none\\\ntwo", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"one"},{"type":"break"},{"type":"text","text":"two"}]}]`, ""},
		{"headings keep level and get ids", "Intro.\n\n## Über uns\n\n### Über uns", `[` + p + `,{"type":"heading","level":2,"id":"über-uns","text":[{"type":"text","text":"Über uns"}]},{"type":"heading","level":3,"id":"über-uns-2","text":[{"type":"text","text":"Über uns"}]}]`, ""},
		{"setext heading", "Intro.\n\nSection\n-------", `[` + p + `,{"type":"heading","level":2,"id":"section","text":[{"type":"text","text":"Section"}]}]`, ""},
		{"emphasis strong code strike", "Intro.\n\n*a* **b** `c  d` ~~e~~", `[` + p + `,{"type":"paragraph","text":[{"type":"emphasis","children":[{"type":"text","text":"a"}]},{"type":"text","text":" "},{"type":"strong","children":[{"type":"text","text":"b"}]},{"type":"text","text":" "},{"type":"code","text":"c  d"},{"type":"text","text":" "},{"type":"strike","children":[{"type":"text","text":"e"}]}]}]`, ""},
		{"quote", "Intro.\n\n> said\n> twice", `[` + p + `,{"type":"quote","blocks":[{"type":"paragraph","text":[{"type":"text","text":"said twice"}]}]}]`, ""},
		{"quote attribution, own paragraph", "Intro.\n\n> Words.\n>\n> — Ada Lovelace", `[` + p + `,{"type":"quote","blocks":[{"type":"paragraph","text":[{"type":"text","text":"Words."}]}],"attribution":[{"type":"text","text":"Ada Lovelace"}]}]`, ""},
		{"quote attribution, last line", "Intro.\n\n> Words.\n> -- *Ada*", `[` + p + `,{"type":"quote","blocks":[{"type":"paragraph","text":[{"type":"text","text":"Words."}]}],"attribution":[{"type":"emphasis","children":[{"type":"text","text":"Ada"}]}]}]`, ""},
		{"tight list", "Intro.\n\n* one\n* two", `[` + p + `,{"type":"list","ordered":false,"items":[[{"type":"paragraph","text":[{"type":"text","text":"one"}]}],[{"type":"paragraph","text":[{"type":"text","text":"two"}]}]]}]`, ""},
		{"ordered list with start, nested", "Intro.\n\n3. three\n   - inner\n4. four", `[` + p + `,{"type":"list","ordered":true,"start":3,"items":[[{"type":"paragraph","text":[{"type":"text","text":"three"}]},{"type":"list","ordered":false,"items":[[{"type":"paragraph","text":[{"type":"text","text":"inner"}]}]]}],[{"type":"paragraph","text":[{"type":"text","text":"four"}]}]]}]`, ""},
		{"task list", "Intro.\n\n- [ ] todo\n- [x] done", `[` + p + `,{"type":"list","ordered":false,"items":[[{"type":"paragraph","text":[{"type":"text","text":"☐ todo"}]}],[{"type":"paragraph","text":[{"type":"text","text":"☒ done"}]}]]}]`, ""},
		{"fenced code", "Intro.\n\n```go title=x\nfunc f() {\n\treturn\n}\n```", `[` + p + `,{"type":"code","lang":"go","text":"func f() {\n\treturn\n}"}]`, ""},
		{"indented code", "Intro.\n\n    a  b\n    c", `[` + p + `,{"type":"code","text":"a  b\nc"}]`, ""},
		{"rule", "Intro.\n\n***", `[` + p + `,{"type":"rule"}]`, ""},
		{"links", "Intro.\n\n[a](https://x.org/a \"t\") <http://y.org> www.z.org [m](mailto:q@r.org) [h](#top) <q@r.org>",
			`[` + p + `,{"type":"paragraph","text":[{"type":"link","url":"https://x.org/a","children":[{"type":"text","text":"a"}]},{"type":"text","text":" "},{"type":"link","url":"http://y.org","children":[{"type":"text","text":"http://y.org"}]},{"type":"text","text":" "},{"type":"link","url":"http://www.z.org","children":[{"type":"text","text":"www.z.org"}]},{"type":"text","text":" "},{"type":"link","url":"mailto:q@r.org","children":[{"type":"text","text":"m"}]},{"type":"text","text":" "},{"type":"link","url":"#top","children":[{"type":"text","text":"h"}]},{"type":"text","text":" "},{"type":"link","url":"mailto:q@r.org","children":[{"type":"text","text":"q@r.org"}]}]}]`, ""},
		{"javascript: link is text", "Intro.\n\n[click **me**](javascript:alert(1)) now", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"click "},{"type":"strong","children":[{"type":"text","text":"me"}]},{"type":"text","text":" now"}]}]`, "link"},
		{"JavaScript: in capitals is text", "Intro.\n\n[x](JavaScript:void(0))", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"x"}]}]`, "link"},
		{"relative link is text", "Intro.\n\n[notes](notes.md)", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"notes"}]}]`, "link"},
		{"inline <br> is a break", "Intro.\n\na<br/>b", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"a"},{"type":"break"},{"type":"text","text":"b"}]}]`, ""},
		{"inline HTML dropped, words kept", "Intro.\n\na <span class=\"x\">b</span> c", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"a b c"}]}]`, "html"},
		{"HTML block kept as text", "Intro.\n\n<div class=\"box\">\n<p>Hello &amp; <b>bye</b></p>\n<script>x()</script>\n</div>", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"Hello & bye"}]}]`, "html"},
		{"HTML comment is silent", "Intro.\n\n<!-- note to self -->\n\nx <!-- y --> z", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"x  z"}]}]`, ""},
		{"image alone", "Intro.\n\n![A grid](pic.png \"The page grid\")", `[` + p + `,{"type":"image","src":"pic.png","mime":"image/png","alt":"A grid","caption":[{"type":"text","text":"The page grid"}],"width":4,"height":3}]`, ""},
		{"image in text is hoisted", "Intro.\n\nsee ![A grid](pic.png) here", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"see  here"}]},{"type":"image","src":"pic.png","mime":"image/png","alt":"A grid","width":4,"height":3}]`, "image"},
		{"image in a list item stays in it", "Intro.\n\n- ![A](pic.png)", `[` + p + `,{"type":"list","ordered":false,"items":[[{"type":"image","src":"pic.png","mime":"image/png","alt":"A","width":4,"height":3}]]}]`, ""},
		{"missing image with caption keeps caption", "Intro.\n\n![A](nope.png \"Caption words\")", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"Caption words"}]}]`, "image"},
		{"missing image, alt only, dropped", "Intro.\n\n![A](nope.png)", `[` + p + `]`, "image"},
		{"linked image loses the link", "Intro.\n\n[![A](pic.png)](https://x.org)", `[` + p + `,{"type":"image","src":"pic.png","mime":"image/png","alt":"A","width":4,"height":3}]`, "model"},
		{"table", "Intro.\n\n| a | *b* |\n|---|:-:|\n| 1 | 2 |", `[` + p + `,{"type":"table","rows":[{"header":true,"cells":[[{"type":"text","text":"a"}],[{"type":"emphasis","children":[{"type":"text","text":"b"}]}]]},{"cells":[[{"type":"text","text":"1"}],[{"type":"text","text":"2"}]]}]}]`, ""},
		{"escapes and entities", "Intro.\n\n\\*not\\* &amp; &#8212; &copy; &bogus;", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"*not* & — © &bogus;"}]}]`, ""},
		{"typographer off", "Intro.\n\n\"quoted\" 'single' -- ... ’curly’", `[` + p + `,{"type":"paragraph","text":[{"type":"text","text":"\"quoted\" 'single' -- ... ’curly’"}]}]`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, ws := parse(t, tc.md)
			if got, want := blocksJSON(t, doc.Blocks), compact(t, tc.want); got != want {
				t.Errorf("blocks:\n got %s\nwant %s", got, want)
			}
			if doc.Title != "" {
				t.Errorf("title %q, want none", doc.Title)
			}
			found := false
			for _, w := range ws {
				found = found || w.code == tc.warn
			}
			if tc.warn == "" && len(ws) > 0 {
				t.Errorf("unexpected warnings %v", ws)
			}
			if tc.warn != "" && !found {
				t.Errorf("no %q warning in %v", tc.warn, ws)
			}
		})
	}
}

func TestJavascriptNeverALink(t *testing.T) {
	for _, src := range []string{
		"[x](javascript:alert(1))",
		"[x]( javascript:alert(1) )",
		"[x](<javascript:alert(1)>)",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"[x](java&#115;cript:alert(1))",
		"[x](data:text/html;base64,AAAA)",
	} {
		doc, _ := parse(t, "Intro.\n\n"+src)
		var walk func([]render.Inline)
		walk = func(rs []render.Inline) {
			for _, r := range rs {
				switch r := r.(type) {
				case *render.Link:
					t.Errorf("%q became a link to %q", src, r.URL)
				case *render.Emphasis:
					walk(r.Children)
				case *render.Strong:
					walk(r.Children)
				}
			}
		}
		for _, b := range doc.Blocks {
			if p, ok := b.(*render.Paragraph); ok {
				walk(p.Text)
			}
		}
	}
}

func TestFootnoteRoundTrip(t *testing.T) {
	doc, ws := parse(t, "Intro.\n\nFirst[^a] and second[^b], first again[^a].\n\n[^b]: The second note.\n[^a]: The first note,\n    with *two* lines.\n")
	if len(ws) > 0 {
		t.Errorf("warnings %v", ws)
	}
	notes := doc.Footnotes()
	var refs []string
	for _, r := range doc.Blocks[1].(*render.Paragraph).Text {
		if n, ok := r.(*render.NoteRef); ok {
			refs = append(refs, n.ID)
		}
	}
	if len(refs) != 3 || refs[0] != refs[2] || refs[0] == refs[1] {
		t.Fatalf("note refs %v: want three, the first and last the same", refs)
	}
	for i, want := range map[int]string{0: "The first note, with two lines.", 1: "The second note."} {
		fn, ok := notes[refs[i]]
		if !ok {
			t.Errorf("no footnote with ID %q (have %v)", refs[i], notes)
			continue
		}
		if len(fn.Blocks) != 1 {
			t.Errorf("footnote %q has %d blocks", refs[i], len(fn.Blocks))
			continue
		}
		if got := render.Plain(fn.Blocks[0].(*render.Paragraph).Text); got != want {
			t.Errorf("footnote %q = %q, want %q", refs[i], got, want)
		}
	}
}

func TestTitleRule(t *testing.T) {
	tests := []struct {
		name, md, title string
		first           string // JSON type and level of the first block
	}{
		{"first h1 becomes the title", "# The Title\n\nBody.\n\n# Part", "The Title", "paragraph"},
		{"h1 after a subtitle heading still counts", "## Kicker\n\n# The Title\n\nBody.", "The Title", "heading2"},
		{"h1 after a paragraph is a section", "Body.\n\n# Part\n\nMore.", "", "paragraph"},
		{"front matter title keeps the h1", "---\ntitle: From Front Matter\n---\n# Part\n\nBody.", "From Front Matter", "heading1"},
		{"no heading, no title", "Body only.", "", "paragraph"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := parse(t, tc.md)
			if doc.Title != tc.title {
				t.Errorf("title %q, want %q", doc.Title, tc.title)
			}
			first := ""
			switch b := doc.Blocks[0].(type) {
			case *render.Paragraph:
				first = "paragraph"
			case *render.Heading:
				first = "heading" + string(rune('0'+b.Level))
			}
			if first != tc.first {
				t.Errorf("first block %s, want %s", first, tc.first)
			}
			for _, b := range doc.Blocks {
				if h, ok := b.(*render.Heading); ok && tc.title != "" && render.Plain(h.Text) == tc.title {
					t.Errorf("the title is also a heading in the body")
				}
			}
		})
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, md string
		want     render.Meta
		warn     bool
	}{
		{"YAML, everything", `---
title: Notes on Type
subtitle: A short guide
author: Jane Roe
bio: Jane sets type.
date: 2024-03-05
lang: de
canonical_url: https://example.org/notes
site_name: Example
summary: About type.
keywords: [type, print]
cover: cover.png
layout: post
draft: false
---
Body.`, render.Meta{Title: "Notes on Type", Subtitle: "A short guide", Authors: []render.Author{{Name: "Jane Roe", Bio: "Jane sets type."}}, Date: "2024-03-05", Lang: "de", Source: "https://example.org/notes", SiteName: "Example", Description: "About type.", Keywords: []string{"type", "print"}, Cover: "cover.png"}, false},
		{"TOML", `+++
title = "Toml Title"
authors = ["A. One", "B. Two"]
date = 2023-11-02T10:30:00+01:00
language = "fr-CA"
tags = "alpha, beta ,gamma"
url = "https://example.org/t"
+++
Body.`, render.Meta{Title: "Toml Title", Authors: []render.Author{{Name: "A. One"}, {Name: "B. Two"}}, Date: "2023-11-02T10:30:00+01:00", Lang: "fr-CA", Keywords: []string{"alpha", "beta", "gamma"}, Source: "https://example.org/t"}, false},
		{"TOML local date and author tables", `+++
title = "T"
date = 2022-01-09
[[authors]]
name = "Ann"
bio = "Ann's bio."
[[authors]]
name = "Bob"
+++
Body.`, render.Meta{Title: "T", Date: "2022-01-09", Authors: []render.Author{{Name: "Ann", Bio: "Ann's bio."}, {Name: "Bob"}}}, false},
		{"YAML author maps", `---
title: T
authors:
  - name: Ann
    bio: Ann writes.
  - name: Bob
---
Body.`, render.Meta{Title: "T", Authors: []render.Author{{Name: "Ann", Bio: "Ann writes."}, {Name: "Bob"}}}, false},
		{"YAML single author map", "---\ntitle: T\nauthor:\n  name: Ann\n  bio: Ann writes.\n---\nBody.", render.Meta{Title: "T", Authors: []render.Author{{Name: "Ann", Bio: "Ann writes."}}}, false},
		{"YAML author list of names, quoted RFC 3339 date", "---\ntitle: T\nauthor: [Ann, Bob]\ndate: \"2021-06-01T08:00:00Z\"\n---\nBody.", render.Meta{Title: "T", Authors: []render.Author{{Name: "Ann"}, {Name: "Bob"}}, Date: "2021-06-01T08:00:00Z"}, false},
		{"YAML timestamp with time", "---\ntitle: T\ndate: 2021-06-01 08:30:00\n---\nBody.", render.Meta{Title: "T", Date: "2021-06-01T08:30:00Z"}, false},
		{"numbers are still titles", "---\ntitle: 1984\n---\nBody.", render.Meta{Title: "1984"}, false},
		{"capitalised keys", "---\nTitle: Big\nAuthor: Ann\n---\nBody.", render.Meta{Title: "Big", Authors: []render.Author{{Name: "Ann"}}}, false},
		{"bad date warns and is left out", "---\ntitle: T\ndate: last Tuesday\n---\nBody.", render.Meta{Title: "T"}, true},
		{"broken YAML warns", "---\ntitle: [unclosed\n---\nBody text here.", render.Meta{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, ws := parse(t, tc.md)
			got := doc.Meta
			if tc.want.Lang == "" {
				got.Lang = "" // detection's business, tested below
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("meta\n got %+v\nwant %+v", got, tc.want)
			}
			if tc.warn != (len(ws) > 0) {
				t.Errorf("warnings %v, want some: %v", ws, tc.warn)
			}
			if len(doc.Blocks) != 1 || render.Plain(doc.Blocks[0].(*render.Paragraph).Text) == "" {
				t.Errorf("body not kept: %s", blocksJSON(t, doc.Blocks))
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		lo, hi float64
	}{
		{"front matter", "---\ntitle: x\n---\nHello.", 0.8, 0.8},
		{"TOML front matter", "+++\ntitle = \"x\"\n+++\nHello.", 0.8, 0.8},
		{"heading only", "# Title\n\nSome words here.", 0.3, 0.3},
		{"several signals", "# Title\n\nA [link](https://x.org) and **bold**.\n\n* item\n\n```\ncode\n```", 0.6, 0.6},
		{"plain text", "Just a scraped article.\nBy Someone\n\nIt said things.", 0, 0},
		{"HTML", "<!DOCTYPE html><html><body># not a heading</body></html>", 0, 0},
		{"HTML after blank lines", "\n\n  <html>**x** [a](b)", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := (reader{}).Sniff(tc.text); got < tc.lo || got > tc.hi {
				t.Errorf("Sniff = %v, want %v..%v", got, tc.lo, tc.hi)
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	r, ok := read.Lookup("markdown")
	if !ok {
		t.Fatal("markdown reader not registered")
	}
	for _, name := range []string{"a.md", "B.MARKDOWN", "c.mdown", "d.mkd"} {
		if got, err := read.Detect(name, "plain words"); err != nil || got != r {
			t.Errorf("%s: reader %v, %v", name, got, err)
		}
	}
}

// A document using every construct at once loses no word.
func TestNoWordLost(t *testing.T) {
	src := "# T\n\nOne *two* **three** `four` ~~five~~ [six](https://x.org) <b>seven</b>\n\n> eight\n\n1. nine\n\n| ten |\n|-----|\n| eleven |\n\ntwelve[^n]\n\n[^n]: thirteen\n"
	doc, _ := parse(t, src)
	var all strings.Builder
	var walk func([]render.Block)
	walk = func(bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Paragraph:
				all.WriteString(render.Plain(b.Text) + " ")
			case *render.Quote:
				walk(b.Blocks)
			case *render.List:
				for _, it := range b.Items {
					walk(it)
				}
			case *render.Table:
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						all.WriteString(render.Plain(c) + " ")
					}
				}
			case *render.Footnote:
				walk(b.Blocks)
			}
		}
	}
	walk(doc.Blocks)
	for _, w := range strings.Fields("One two three four five six seven eight nine ten eleven twelve thirteen") {
		if !strings.Contains(all.String(), w) {
			t.Errorf("%q lost; text: %s", w, all.String())
		}
	}
}

// Nodes of kinds the model has no place for keep their text, with a
// warning naming the kind. No extension we enable makes one, so the test
// parses with one we do not (definition lists).
func TestUnknownNodeKeptAsText(t *testing.T) {
	src := []byte("Term\n: The definition.\n")
	root := goldmark.New(goldmark.WithExtensions(extension.DefinitionList)).Parser().Parse(text.NewReader(src))
	var ws []warning
	c := newConverter(src, read.Options{Warn: func(w render.Warning) { ws = append(ws, warning{w.Code, w.Message}) }})
	blocks := c.blocks(root)
	spaces(blocks)
	want := compact(t, `[{"type":"paragraph","text":[{"type":"text","text":"Term"}]},{"type":"paragraph","text":[{"type":"text","text":"The definition."}]}]`)
	if got := blocksJSON(t, blocks); got != want {
		t.Errorf("blocks:\n got %s\nwant %s", got, want)
	}
	named := false
	for _, w := range ws {
		named = named || (w.code == "model" && strings.Contains(w.msg, "DefinitionList") && strings.Contains(w.msg, "kept as text"))
	}
	if !named {
		t.Errorf("no model warning naming DefinitionList: %v", ws)
	}
}

func TestUnreferencedFootnoteWarns(t *testing.T) {
	_, ws := parse(t, "Intro[^used].\n\n[^used]: Kept.\n[^lonely]: Nobody calls me.\n\n```\n[^code]: not a note\n```\n")
	var got []string
	for _, w := range ws {
		got = append(got, w.msg)
	}
	if len(got) != 1 || !strings.Contains(got[0], "[^lonely]") {
		t.Errorf("warnings %q, want one about [^lonely]", got)
	}
}

// An image that cannot be loaded is named once in its warning, and a
// remote one is not fetched unless asked.
func TestImageWarnings(t *testing.T) {
	for _, tc := range []struct{ md, src string }{
		{"![A](nope.png)", "nope.png"},
		{"![A](https://example.org/a.png)", "https://example.org/a.png"},
	} {
		doc, ws := parse(t, "Intro.\n\n"+tc.md)
		if len(doc.Blocks) != 1 {
			t.Errorf("%s: blocks %s, want the intro alone", tc.md, blocksJSON(t, doc.Blocks))
		}
		if len(ws) != 1 || ws[0].code != "image" || strings.Count(ws[0].msg, tc.src) != 1 {
			t.Errorf("%s: warnings %v, want one image warning naming %s once", tc.md, ws, tc.src)
		}
	}
}
