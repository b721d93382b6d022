package html

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

type warning struct{ code, msg string }

// folder makes an input folder holding pic.png (4×3), wide.jpg (6×2) and
// small.png (3×3).
func folder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, w, h int, enc func(*os.File, image.Image) error) {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		img.Set(1, 1, color.NRGBA{G: 200, A: 255})
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := enc(f, img); err != nil {
			t.Fatal(err)
		}
	}
	pngEnc := func(f *os.File, m image.Image) error { return png.Encode(f, m) }
	write("pic.png", 4, 3, pngEnc)
	write("small.png", 3, 3, pngEnc)
	write("wide.jpg", 6, 2, func(f *os.File, m image.Image) error { return jpeg.Encode(f, m, nil) })
	return dir
}

func readWith(t *testing.T, src string, opt read.Options) (*render.Document, []warning) {
	t.Helper()
	if opt.Dir == "" {
		opt.Dir = folder(t)
	}
	var ws []warning
	opt.Warn = func(w render.Warning) { ws = append(ws, warning{w.Code, w.Message}) }
	doc, err := reader{}.Read(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	return doc, ws
}

// sketch writes blocks in a terse notation, so that expectations stay
// readable: P{…} paragraph, H2#id{…} heading, Q[…]—{…} quote with
// attribution, UL[{…};{…}] / OL3[…] lists, IMG(src alt WxH){caption},
// CODE(lang){…}, HR, T[H|a|b;|1|2] table (H marks a header row),
// FN(id)[…]; inside text: _em_ *strong* ~strike~ `code` [text](url) ⏎
// for a line break, ^id for a note call.
func sketch(bs []render.Block) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, sketchBlock(b))
	}
	return strings.Join(parts, " ")
}

func sketchBlock(b render.Block) string {
	switch b := b.(type) {
	case *render.Paragraph:
		return "P{" + runs(b.Text) + "}"
	case *render.Heading:
		id := ""
		if b.ID != "" {
			id = "#" + b.ID
		}
		return fmt.Sprintf("H%d%s{%s}", b.Level, id, runs(b.Text))
	case *render.Quote:
		s := "Q[" + sketch(b.Blocks) + "]"
		if b.Attribution != nil {
			s += "—{" + runs(b.Attribution) + "}"
		}
		return s
	case *render.List:
		kind := "UL"
		if b.Ordered {
			kind = "OL"
			if b.Start != 0 {
				kind += fmt.Sprint(b.Start)
			}
		}
		var items []string
		for _, it := range b.Items {
			items = append(items, "{"+sketch(it)+"}")
		}
		return kind + "[" + strings.Join(items, ";") + "]"
	case *render.Image:
		s := fmt.Sprintf("IMG(%s %q %dx%d)", b.Src, b.Alt, b.Width, b.Height)
		if b.Caption != nil {
			s += "{" + runs(b.Caption) + "}"
		}
		if len(b.Data) == 0 || b.MIME == "" {
			s += "!nodata"
		}
		return s
	case *render.CodeBlock:
		return "CODE(" + b.Lang + "){" + b.Text + "}"
	case *render.Rule:
		return "HR"
	case *render.Table:
		var rows []string
		for _, r := range b.Rows {
			s := ""
			if r.Header {
				s = "H"
			}
			for _, c := range r.Cells {
				s += "|" + runs(c)
			}
			rows = append(rows, s)
		}
		return "T[" + strings.Join(rows, ";") + "]"
	case *render.Footnote:
		return "FN(" + b.ID + ")[" + sketch(b.Blocks) + "]"
	}
	return fmt.Sprintf("?%T", b)
}

func runs(rs []render.Inline) string {
	var b strings.Builder
	for _, r := range rs {
		switch r := r.(type) {
		case *render.Text:
			b.WriteString(r.Text)
		case *render.Emphasis:
			b.WriteString("_" + runs(r.Children) + "_")
		case *render.Strong:
			b.WriteString("*" + runs(r.Children) + "*")
		case *render.Strike:
			b.WriteString("~" + runs(r.Children) + "~")
		case *render.Code:
			b.WriteString("`" + r.Text + "`")
		case *render.Link:
			b.WriteString("[" + runs(r.Children) + "](" + r.URL + ")")
		case *render.LineBreak:
			b.WriteString("⏎")
		case *render.NoteRef:
			b.WriteString("^" + r.ID)
		default:
			fmt.Fprintf(&b, "?%T", r)
		}
	}
	return b.String()
}

func TestMapping(t *testing.T) {
	// Fragments that open with a paragraph, so no heading becomes the
	// title. warn is a warning code that must be given ("" = none).
	tests := []struct {
		name, html, want, warn string
	}{
		{"paragraphs and inline formatting",
			`<p>a <em>b</em> <i>c</i> <strong>d</strong> <b>e</b> <s>f</s> <del>g</del> <strike>h</strike> <code>i</code> <kbd>j</kbd> <samp>k</samp> <tt>l</tt></p>`,
			"P{a _b_ _c_ *d* *e* ~f~ ~g~ ~h~ `i` `j` `k` `l`}", ""},
		{"headings shift so the highest is level 1, ids kept",
			`<p>x</p><h2 id="one">One</h2><h3>Two</h3><h4>Three</h4>`,
			"P{x} H1#one{One} H2{Two} H3{Three}", ""},
		{"links: http, https, mailto and # kept",
			`<p><a href="http://a.org/">a</a> <a href="https://b.org/x?y=1">b</a> <a href="mailto:c@d.org">c</a> <a href="#sec">d</a></p><h2 id="sec">S</h2>`,
			"P{[a](http://a.org/) [b](https://b.org/x?y=1) [c](mailto:c@d.org) [d](#sec)} H1#sec{S}", ""},
		{"in-page links land on headings (an anchor inside, the section's id) or are text",
			`<p><a href="#h1">a</a> <a href="#s2">b</a> <a href="#nowhere">c</a></p><h2><span id="h1">One</span></h2><section id="s2"><h2>Two</h2></section><h2 id="h1">Again</h2>`,
			"P{[a](#h1) [b](#s2) c} H1#h1{One} H1#s2{Two} H1{Again}", ""},
		{"links: javascript:, data:, ftp: and unresolvable relative become text",
			`<p><a href="javascript:alert(1)">a</a> <a href=" JavaScript:void(0)">b</a> <a href="data:text/html,hi">c</a> <a href="ftp://e.org">d</a> <a href="page.html">e</a> <a name="x">f</a></p>`,
			"P{a b c d e f}", ""},
		{"line breaks; a blank line of breaks splits paragraphs",
			`<p>one<br>two<br><br>three<br></p>`,
			"P{one⏎two} P{three}", ""},
		{"sup and sub are kept as text",
			`<p>E=mc<sup>2</sup> and H<sub>2</sub>O</p>`,
			"P{E=mc2 and H2O}", ""},
		{"quote with footer attribution",
			`<p>x</p><blockquote><p>Words.</p><footer>— <cite>Ada</cite></footer></blockquote>`,
			"P{x} Q[P{Words.}]—{Ada}", ""},
		{"quote with a last cite",
			`<p>x</p><blockquote><p>Words.</p><cite>Ada Lovelace</cite></blockquote>`,
			"P{x} Q[P{Words.}]—{Ada Lovelace}", ""},
		{"quote in a figure takes the caption as attribution",
			`<p>x</p><figure><blockquote><p>Words.</p></blockquote><figcaption>—Ada</figcaption></figure>`,
			"P{x} Q[P{Words.}]—{Ada}", ""},
		{"lists: ordered with start, nested, items with paragraphs",
			`<p>x</p><ol start="3"><li>three<ul><li>inner</li></ul></li><li><p>four a</p><p>four b</p></li></ol>`,
			"P{x} OL3[{P{three} UL[{P{inner}}]};{P{four a} P{four b}}]", ""},
		{"a list written straight into a list joins the item before",
			`<p>x</p><ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>`,
			"P{x} UL[{P{a} UL[{P{b}}]};{P{c}}]", ""},
		{"pre keeps its whitespace and language",
			"<p>x</p><pre class=\"language-go\">func f() {\n\treturn  1\n}\n</pre><pre><code class=\"lang-py\">a  =  1</code></pre>",
			"P{x} CODE(go){func f() {\n\treturn  1\n}} CODE(py){a  =  1}", ""},
		{"rule", `<p>x</p><hr><p>y</p>`, "P{x} HR P{y}", ""},
		{"table with header, spans and caption",
			`<p>x</p><table><caption>Figures</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td colspan="2"><em>wide</em></td></tr><tr><td>1</td><td>2</td></tr></tbody></table>`,
			"P{x} P{Figures} T[H|a|b;|_wide_|;|1|2]", ""},
		{"a header row of th without thead",
			`<p>x</p><table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>b</td></tr></table>`,
			"P{x} T[H|k|v;|a|b]", ""},
		{"a layout table is read as its blocks",
			`<p>x</p><table><tr><td><h2>Side</h2><p>one</p></td><td><p>two</p></td></tr></table>`,
			"P{x} H1{Side} P{one} P{two}", ""},
		{"figure with image and caption",
			`<p>x</p><figure><img src="pic.png" alt="A grid"><figcaption>The <b>grid</b></figcaption></figure>`,
			`P{x} IMG(pic.png "A grid" 4x3){The *grid*}`, ""},
		{"figure whose image fails keeps the caption",
			`<p>x</p><figure><img src="gone.png" alt="A"><figcaption>Caption words</figcaption></figure>`,
			"P{x} P{Caption words}", "image"},
		{"lone image", `<p>x</p><img src="wide.jpg" alt="W">`, `P{x} IMG(wide.jpg "W" 6x2)`, ""},
		{"image inside a paragraph follows it",
			`<p>see <img src="pic.png" alt="P"> here</p>`,
			`P{see here} IMG(pic.png "P" 4x3)`, ""},
		{"image before text in a container keeps its place",
			`<p>x</p><div><img src="pic.png" alt="P"> after</div>`,
			`P{x} IMG(pic.png "P" 4x3) P{after}`, ""},
		{"lazy image: data-src over a placeholder",
			`<p>x</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="pic.png" alt="L">`,
			`P{x} IMG(pic.png "L" 4x3)`, ""},
		{"lazy image: data-lazy-src and data-original",
			`<p>x</p><img data-lazy-src="pic.png"><img data-original="wide.jpg">`,
			`P{x} IMG(pic.png "" 4x3) IMG(wide.jpg "" 6x2)`, ""},
		{"srcset: the widest usable candidate",
			`<p>x</p><img srcset="huge.avif 4000w, small.png 300w, wide.jpg 1200w, pic.png 800w">`,
			`P{x} IMG(wide.jpg "" 6x2)`, ""},
		{"picture: sources of an unusable type are skipped",
			`<p>x</p><picture><source srcset="a.avif 2000w" type="image/avif"><source srcset="pic.png 1x, wide.jpg 2x" type="image/jpeg"><img alt="Pic"></picture>`,
			`P{x} IMG(wide.jpg "Pic" 6x2)`, ""},
		{"noscript twin of a lazy image",
			`<p>x</p><img class="lazy" alt="N"><noscript><img src="pic.png"></noscript>`,
			`P{x} IMG(pic.png "N" 4x3)`, ""},
		{"tracking pixel is silent",
			`<p>x</p><img src="https://t.example/p.gif" width="1" height="1">`,
			"P{x}", ""},
		{"remote image without --fetch-images is left out with a warning",
			`<p>x</p><img src="https://img.example/a.png">`,
			"P{x}", "image"},
		{"footnotes: calls and bodies, backlinks dropped",
			`<p>Claim<sup id="fnref1"><a href="#fn1">[1]</a></sup> and more<sup><a href="#fn2" class="footnote-ref">2</a></sup>.</p>` +
				`<section class="footnotes"><ol><li id="fn1"><p>First note. <a href="#fnref1">↩</a></p></li><li id="fn2"><p>Second. <a href="#r2" class="footnote-back">↩</a></p></li></ol></section>`,
			"P{Claim^fn1 and more^fn2.} FN(fn1)[P{First note.}] FN(fn2)[P{Second.}]", ""},
		{"footnotes: doc-noteref calls, an aside note, a bare arrow back",
			`<p>Claim<a href="#n1" role="doc-noteref">1</a>.</p><aside id="n1" role="doc-footnote"><p>Aside note. <a href="#top">↩︎</a></p></aside>`,
			"P{Claim^n1.} FN(n1)[P{Aside note.}]", ""},
		{"an uncalled numbered list stays a list",
			`<p>x</p><ol><li id="fn9">item</li></ol>`,
			"P{x} OL[{P{item}}]", ""},
		{"a reference list not marked as notes stays a list, calls stay text",
			`<p>Fact<sup class="reference"><a href="#cite_note-1">[1]</a></sup>.</p><ol class="references"><li id="cite_note-1"><a href="#cite_ref-1">^</a> Source.</li></ol>`,
			"P{Fact[1].} OL[{P{^ Source.}}]", ""},
		{"whitespace collapses like a browser's; entities decoded; no-break spaces kept",
			"<p>  a \n\t b&nbsp;&nbsp;c <em> d </em> e&amp;f &#8212; &lt;g&gt;  </p>",
			"P{a b\u00a0\u00a0c _d _e&f — <g>}", ""},
		{"text straight inside containers becomes paragraphs",
			`<div>loose <b>text</b><div>inner</div>tail</div><section>more</section>`,
			"P{loose *text*} P{inner} P{tail} P{more}", ""},
		{"inline element wrapping blocks is a container",
			`<a href="javascript:x()"><p>abc</p><p>def</p>ghi</a>`,
			"P{abc} P{def} P{ghi}", ""},
		{"definition list",
			`<p>x</p><dl><dt>Term</dt><dd>Meaning</dd></dl>`,
			"P{x} P{*Term*} P{Meaning}", ""},
		{"hidden elements are not read",
			`<p>a<span hidden>b</span><span aria-hidden="true">c</span><span style="display: none">d</span><span style="visibility:hidden">e</span>f</p>`,
			"P{af}", ""},
		{"code, controls and embeds are not read",
			`<p>a</p><script>var s = "script";</script><style>p{color:red}</style><noscript>noscript</noscript><template><p>template</p></template>` +
				`<form><input value="input"><button>button</button><select><option>option</option></select><textarea>textarea</textarea></form>` +
				`<iframe>iframe</iframe><object>object</object><embed><svg><text>svg</text></svg><canvas>canvas</canvas><p>b</p>`,
			"P{a} P{b}", ""},
		{"a form around the whole page is a container",
			`<form id="aspnetForm"><p>Article text.</p><input name="x"></form>`,
			"P{Article text.}", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, ws := readWith(t, tc.html, read.Options{})
			if got := sketch(doc.Blocks); got != tc.want {
				t.Errorf("blocks:\n got %s\nwant %s", got, tc.want)
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

// allText gathers every string the model holds that a renderer could
// show or link to: inline text, link targets, captions, alt text, code,
// and the masthead.
func allText(doc *render.Document) string {
	var b strings.Builder
	m := doc.Meta
	b.WriteString(strings.Join([]string{m.Title, m.Subtitle, m.AuthorNames(), m.Date, m.Source, m.SiteName, m.Description, strings.Join(m.Keywords, " ")}, "\n"))
	var inl func([]render.Inline)
	inl = func(rs []render.Inline) {
		for _, r := range rs {
			switch r := r.(type) {
			case *render.Text:
				b.WriteString(r.Text + "\n")
			case *render.Code:
				b.WriteString(r.Text + "\n")
			case *render.Emphasis:
				inl(r.Children)
			case *render.Strong:
				inl(r.Children)
			case *render.Strike:
				inl(r.Children)
			case *render.Link:
				b.WriteString(r.URL + "\n")
				inl(r.Children)
			case *render.NoteRef:
				b.WriteString(r.ID + "\n")
			}
		}
	}
	var blk func([]render.Block)
	blk = func(bs []render.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *render.Paragraph:
				inl(bl.Text)
			case *render.Heading:
				inl(bl.Text)
			case *render.Quote:
				blk(bl.Blocks)
				inl(bl.Attribution)
			case *render.List:
				for _, it := range bl.Items {
					blk(it)
				}
			case *render.Image:
				b.WriteString(bl.Src + "\n" + bl.Alt + "\n")
				inl(bl.Caption)
			case *render.CodeBlock:
				b.WriteString(bl.Text + "\n")
			case *render.Table:
				for _, r := range bl.Rows {
					for _, c := range r.Cells {
						inl(c)
					}
				}
			case *render.Footnote:
				blk(bl.Blocks)
			}
		}
	}
	blk(doc.Blocks)
	return b.String()
}

func TestScriptsNeverReachTheModel(t *testing.T) {
	const page = `<!doctype html><html><head><title>Safe</title>
<script>document.write("SCRIPTED")</script><style>body { color: STYLED }</style></head>
<body onload="ONLOAD()"><article>
<h1 onclick="ONCLICK()">Safe</h1>
<p onmouseover="ONMOUSE()">Plain words, <a href="javascript:JSLINK()">a link</a>, <a href="JAVASCRIPT:JSUPPER()">another</a>,
<a href="  javascript:JSSPACE()">a third</a>, <a href="java&#x09;script:JSTAB()">a fourth</a>, <a href="vbscript:VBS()">a fifth</a>,
<a href="data:text/html;base64,REFUQQ==">a sixth</a>.</p>
<p>More words <img src="x.png" onerror="ONERROR()"> and <span style="display:none">HIDDEN</span>.</p>
<noscript>NOSCRIPT</noscript><script type="module">MODULE()</script><iframe srcdoc="IFRAME"></iframe>
<svg><script>SVGSCRIPT()</script><text>SVGTEXT</text></svg>
<p>Enough prose to be an article. Enough prose to be an article. Enough prose to be an article. Enough prose to be an article. Enough prose to be an article.</p>
</article></body></html>`
	for _, noExtract := range []bool{false, true} {
		doc, _ := readWith(t, page, read.Options{NoExtract: noExtract})
		text := allText(doc)
		for _, bad := range []string{"SCRIPTED", "STYLED", "ONLOAD", "ONCLICK", "ONMOUSE", "JSLINK", "JSUPPER", "JSSPACE", "JSTAB", "VBS", "REFUQQ", "ONERROR", "HIDDEN", "NOSCRIPT", "MODULE", "IFRAME", "SVGSCRIPT", "SVGTEXT", "javascript", "JAVASCRIPT", "data:"} {
			if strings.Contains(text, bad) {
				t.Errorf("noExtract=%v: %q reached the model:\n%s", noExtract, bad, text)
			}
		}
		for _, want := range []string{"Plain words", "a link", "a sixth", "More words", "Enough prose"} {
			if !strings.Contains(text, want) {
				t.Errorf("noExtract=%v: %q lost:\n%s", noExtract, want, text)
			}
		}
	}
}

func TestDeepNesting(t *testing.T) {
	// x/net/html sets no depth limit, so the tree really is 10,000 deep;
	// the page form also goes past Readability's depth bound.
	const depth = 10000
	deep := func(open, close string) string {
		return strings.Repeat(open, depth) + "deep words" + strings.Repeat(close, depth)
	}
	tests := []struct{ name, html string }{
		{"divs", deep("<div>", "</div>")},
		{"spans", deep("<span>", "</span>")},
		{"blockquotes", deep("<blockquote>", "</blockquote>")},
		{"lists", deep("<ul><li>", "</li></ul>")},
		{"unclosed formatting", strings.Repeat("<b><i>", depth) + "deep words"},
		{"page of divs", "<!doctype html><html><body>" + deep("<div>", "</div>") + "</body></html>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := readWith(t, tc.html, read.Options{})
			if !strings.Contains(allText(doc), "deep words") {
				t.Errorf("the words at the bottom were lost")
			}
		})
	}
}

// A news page as sites make them: navigation, a share bar, an ad, the
// article, related links, comments, a footer.
const newsPage = `<!DOCTYPE html>
<html lang="en_US" dir="ltr">
<head>
<title>Rivers Return to the Valley | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://news.example/2024/rivers">
<meta name="author" content="Jane Roe">
<meta name="description" content="Water is back.">
<meta name="keywords" content="rivers, valley, water">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
</head>
<body>
<header class="site-header"><a href="/">The Daily Example</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="share-bar"><a href="https://twitter.example/share">Share on Twitter</a> <a href="https://facebook.example/share">Share on Facebook</a></div>
<div class="ad advertisement sponsored"><p>BUY MORE SOCKS today, the best socks in town, cheap socks for everyone.</p></div>
<main><article>
<h1>Rivers Return to the Valley</h1>
<p class="byline">By Jane Roe</p>
<p>After a decade of drought, the rivers of the valley are running again, and the farmers who stayed are planting for the first time in years.</p>
<p>The change began in the spring, when the snow in the mountains was heavier than anyone could remember, and the old channels filled within weeks.</p>
<h2>What the farmers say</h2>
<p>“We waited a long time,” said one of them, standing at the edge of a field that had been dust the summer before, “and now we have to learn it all again.”</p>
<p>Engineers from the regional office say the water table will need several wet years to recover fully, but the early signs are good, they said.</p>
<figure><img src="pic.png" alt="The river"><figcaption>The river at dawn.</figcaption></figure>
<p>For now, the valley is green again, and the school has reopened its doors to children who had left with their families years ago.</p>
</article></main>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ten facts about dams</a></li><li><a href="/b">Quiz: which river are you?</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>COMMENTER ONE wrote: great story, thanks for sharing it with us all.</p></div>
<div class="comment"><p>COMMENTER TWO wrote: I grew up there, it is good to read this.</p></div></section>
<footer class="site-footer"><p>© The Daily Example. All rights reserved. Privacy. Terms.</p></footer>
<script>trackEverything()</script>
</body></html>`

func TestExtraction(t *testing.T) {
	article := []string{"After a decade of drought", "The change began", "What the farmers say", "We waited a long time", "Engineers from the regional office", "The river at dawn.", "For now, the valley is green"}
	chrome := []string{"World", "Sport", "Share on Twitter", "BUY MORE SOCKS", "Ten facts about dams", "COMMENTER ONE", "All rights reserved", "trackEverything"}

	doc, ws := readWith(t, newsPage, read.Options{})
	text := allText(doc)
	for _, w := range article {
		if !strings.Contains(text, w) {
			t.Errorf("extracted: article text %q lost", w)
		}
	}
	for _, w := range chrome {
		if strings.Contains(text, w) {
			t.Errorf("extracted: page chrome %q kept", w)
		}
	}
	for _, w := range ws {
		if w.code == "extract" {
			t.Errorf("extraction gave up: %v", w)
		}
	}
	if got := sketch(doc.Blocks); !strings.HasPrefix(got, "P{After a decade") {
		t.Errorf("the article should open with its first paragraph (title and byline in Meta), got %s", got)
	}

	// --no-extract: the whole body, comments and ads included; only
	// navigation, page banners and footers, and code stay out.
	doc, _ = readWith(t, newsPage, read.Options{NoExtract: true})
	text = allText(doc)
	for _, w := range append(article, "BUY MORE SOCKS", "COMMENTER ONE", "COMMENTER TWO", "Share on Twitter") {
		if !strings.Contains(text, w) {
			t.Errorf("no-extract: %q lost", w)
		}
	}
	for _, w := range []string{"Weather", "All rights reserved", "trackEverything"} {
		if strings.Contains(text, w) {
			t.Errorf("no-extract: %q kept", w)
		}
	}
	if doc.Title != "Rivers Return to the Valley" || strings.Contains(sketch(doc.Blocks), "{Rivers Return") {
		t.Errorf("no-extract: title %q, blocks %s: want the title once, in Meta", doc.Title, sketch(doc.Blocks))
	}
}

func TestMeta(t *testing.T) {
	doc, _ := readWith(t, newsPage, read.Options{})
	m := doc.Meta
	checks := []struct{ field, got, want string }{
		{"title", m.Title, "Rivers Return to the Valley"},
		{"authors", m.AuthorNames(), "Jane Roe"},
		{"lang", m.Lang, "en-US"},
		{"date", m.Date, "2024-03-05"},
		{"site", m.SiteName, "The Daily Example"},
		{"source", m.Source, "https://news.example/2024/rivers"},
		{"description", m.Description, "Water is back."},
		{"keywords", strings.Join(m.Keywords, "|"), "rivers|valley|water"},
		{"dir", m.Dir, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if n := strings.Count(allText(doc), "Rivers Return to the Valley"); n != 1 {
		t.Errorf("the title appears %d times in the model, want once", n)
	}
}

func TestMetaFallbacks(t *testing.T) {
	const body = `<p>` + "Some words of the article body that go on for a while. " + `</p>`
	tests := []struct {
		name, head, body string
		title, authors   string
		lang, dir, date  string
		source           string
	}{
		{"JSON-LD", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"From LD","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Park"}],"datePublished":"2021-07-09T10:00:00Z","inLanguage":"de-DE","publisher":{"name":"Pub"}}]}</script>`,
			body, "From LD", "Ann Lee and Bo Park", "de-DE", "", "2021-07-09", ""},
		{"title minus the site's name, in a fragment", `<title>The Story - Example Site</title><meta property="og:site_name" content="Example Site">`,
			body, "The Story", "", "", "", "", ""},
		{"byline split and By dropped", `<title>T</title><meta name="author" content="By Ann Lee and Bo Park">`,
			body, "T", "Ann Lee and Bo Park", "", "", "", ""},
		{"a date run into the name is cut off", `<title>T</title><meta name="author" content="by Lucas Nolan22 Dec 2016651">`,
			body, "T", "Lucas Nolan", "", "", "", ""},
		{"surname-first byline kept whole", `<title>T</title><meta name="author" content="Jong, Michiel de">`,
			body, "T", "Jong, Michiel de", "", "", "", ""},
		{"citation metadata", `<meta name="citation_title" content="A Paper"><meta name="citation_author" content="Ann Lee"><meta name="citation_author" content="Bo Park"><meta name="citation_publication_date" content="2019/05/02">`,
			body, "A Paper", "Ann Lee and Bo Park", "", "", "2019-05-02", ""},
		{"canonical link is the source", `<title>T</title><link rel="canonical" href="https://ex.example/a"><meta property="og:url" content="https://other.example/">`,
			body, "T", "", "", "", "", "https://ex.example/a"},
		{"right-to-left language", `<title>T</title>`, body, "T", "", "ar", "rtl", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lang := ""
			if tc.lang == "ar" {
				lang = ` lang="ar"`
			}
			page := "<!doctype html><html" + lang + "><head>" + tc.head + "</head><body>" + tc.body + "</body></html>"
			if strings.Contains(tc.name, "fragment") {
				page = tc.head + tc.body
			}
			doc, _ := readWith(t, page, read.Options{})
			m := doc.Meta
			for _, c := range []struct{ f, got, want string }{
				{"title", m.Title, tc.title}, {"authors", m.AuthorNames(), tc.authors}, {"dir", m.Dir, tc.dir},
				{"date", m.Date, tc.date}, {"source", m.Source, tc.source},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.f, c.got, c.want)
				}
			}
			if tc.lang != "" && m.Lang != tc.lang {
				t.Errorf("lang = %q, want %q", m.Lang, tc.lang)
			}
		})
	}
}

func TestNormLang(t *testing.T) {
	for in, want := range map[string]string{"en_US": "en-US", "en-us": "en-US", "EN": "en", "zh-hant-tw": "zh-Hant-TW", "pt-BR": "pt-BR", "es-419": "es-419", "not a tag!": "", "": ""} {
		if got := normLang(in); got != want {
			t.Errorf("normLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleNotDuplicated(t *testing.T) {
	tests := []struct{ name, html, title string }{
		{"fragment's h1 becomes the title", `<h1>Only Once</h1><p>Text.</p><h2>Part</h2><p>More.</p>`, "Only Once"},
		{"page title equal to the article's h1", `<!doctype html><html><head><title>Only Once</title></head><body><article><h1>Only Once</h1><p>` + strings.Repeat("Words of the article. ", 40) + `</p></article></body></html>`, "Only Once"},
		{"page without a title element", `<!doctype html><html><body><article><h2>Only Once</h2><p>` + strings.Repeat("Words of the article. ", 40) + `</p></article></body></html>`, "Only Once"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, noExtract := range []bool{false, true} {
				doc, _ := readWith(t, tc.html, read.Options{NoExtract: noExtract})
				if doc.Title != tc.title {
					t.Errorf("noExtract=%v: title %q, want %q", noExtract, doc.Title, tc.title)
				}
				if n := strings.Count(allText(doc), tc.title); n != 1 {
					t.Errorf("noExtract=%v: title appears %d times: %s", noExtract, n, sketch(doc.Blocks))
				}
			}
		})
	}
}

func TestRelativeImageOnAWebPage(t *testing.T) {
	// Saved beside the page, an image is read from there; otherwise it is
	// looked for at the page's address, which needs --fetch-images.
	page := `<!doctype html><html><head><base href="https://site.example/posts/"></head><body><p>Text.</p><img src="pic.png"><img src="photos/gone.png"></body></html>`
	doc, ws := readWith(t, page, read.Options{NoExtract: true})
	if got := sketch(doc.Blocks); got != `P{Text.} IMG(pic.png "" 4x3)` {
		t.Errorf("blocks %s", got)
	}
	if len(ws) != 1 || ws[0].code != "image" || !strings.Contains(ws[0].msg, "https://site.example/posts/photos/gone.png") || !strings.Contains(ws[0].msg, "--fetch-images") {
		t.Errorf("warnings %v: want one naming the resolved address and --fetch-images", ws)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		text string
		sure bool
	}{
		{"<!DOCTYPE html><html><body>x</body></html>", true},
		{"\ufeff  <!-- saved --> <html lang=en>", true},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"<div class=x><p>Hello</p></div>", true},
		{"<p>Hello", true},
		{"# A Markdown title\n\nWith a <div> in the text.", false},
		{"Plain text mentioning <p> tags.", false},
		{"<b>bold</b> but no structure", false},
	}
	for _, tc := range tests {
		got := reader{}.Sniff(tc.text)
		if (got >= 0.9) != tc.sure || (!tc.sure && got != 0) {
			t.Errorf("Sniff(%q) = %v, want sure=%v", tc.text, got, tc.sure)
		}
	}
}

func TestRegistered(t *testing.T) {
	r, ok := read.Lookup("html")
	if !ok {
		t.Fatal("html reader not registered")
	}
	for _, name := range []string{"a.html", "b.HTM", "c.xhtml"} {
		if got, err := read.Detect(name, "anything"); err != nil || got.Name() != r.Name() {
			t.Errorf("Detect(%q) = %v, %v", name, got, err)
		}
	}
}

// TestBylineBioAndNotes covers what a page says about its author and its
// notes when its classes are gone (Readability strips them).
func TestBylineBioAndNotes(t *testing.T) {
	body := strings.Repeat("The article's own words, long enough to be the article. ", 30)
	page := func(head, article string) string {
		return `<!doctype html><html><head><title>Locks</title>` + head + `</head><body><nav><a href="/">Home</a></nav><article><h1>Locks</h1>` + article + `</article></body></html>`
	}
	author := `<meta name="author" content="Jane Roe">`
	dated := author + `<meta property="article:published_time" content="2024-09-03">`
	tests := []struct {
		name, html string
		want       string // sketch of the blocks
		bio        string
	}{
		{"byline with its date goes when the date is known", page(dated, `<p>By Jane Roe, 3 September 2024</p><p>`+body+`</p>`), "P{" + strings.TrimSpace(body) + "}", ""},
		{"byline with a US date", page(dated, `<p>Jane Roe | September 3, 2024</p><p>`+body+`</p>`), "P{" + strings.TrimSpace(body) + "}", ""},
		{"byline with a date stays when the page has no date", page(author, `<p>By Jane Roe, 3 September 2024</p><p>`+body+`</p>`), "P{By Jane Roe, 3 September 2024} P{" + strings.TrimSpace(body) + "}", ""},
		{"a closing bio becomes the author's", page(author, `<p>`+body+`</p><p><b>Jane Roe</b> writes about canals.</p>`), "P{" + strings.TrimSpace(body) + "}", "Jane Roe writes about canals."},
		{"a closing line naming the author as subject stays", page(author, `<p>`+body+`</p><p>Jane Roe, we learnt later, had left.</p>`), "P{" + strings.TrimSpace(body) + "} P{Jane Roe, we learnt later, had left.}", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := readWith(t, tc.html, read.Options{})
			if got := sketch(doc.Blocks); got != tc.want {
				t.Errorf("blocks\n %s\nwant\n %s", got, tc.want)
			}
			if len(doc.Authors) != 1 || doc.Authors[0].Bio != tc.bio {
				t.Errorf("authors %+v, want one with bio %q", doc.Authors, tc.bio)
			}
		})
	}
	t.Run("a quote's footer survives extraction as its attribution", func(t *testing.T) {
		doc, _ := readWith(t, page("", `<p>`+body+`</p><blockquote><p>Side pond first.</p><footer>— the keeper</footer></blockquote><p>`+body+`</p>`), read.Options{})
		var got string
		for _, b := range doc.Blocks {
			if q, ok := b.(*render.Quote); ok {
				got = render.Plain(q.Attribution)
			}
		}
		if got != "the keeper" {
			t.Errorf("attribution %q, want %q: %s", got, "the keeper", sketch(doc.Blocks))
		}
	})
	t.Run("call and note linked both ways are a footnote without classes", func(t *testing.T) {
		doc, _ := readWith(t, `<p>Text with a note.<sup id="r1"><a href="#n1">1</a></sup></p><ol><li id="n1">The note. <a href="#r1">↩</a></li></ol>`, read.Options{})
		var notes int
		for _, b := range doc.Blocks {
			if _, ok := b.(*render.Footnote); ok {
				notes++
			}
		}
		if notes != 1 {
			t.Errorf("%d footnotes, want 1: %s", notes, sketch(doc.Blocks))
		}
	})
	t.Run("a bracketed citation stays in the text with its reference list", func(t *testing.T) {
		doc, _ := readWith(t, `<p>Text with a citation.<sup id="r1"><a href="#n1">[1]</a></sup></p><ol><li id="n1"><a href="#r1">^</a> A book.</li></ol>`, read.Options{})
		for _, b := range doc.Blocks {
			if _, ok := b.(*render.Footnote); ok {
				t.Errorf("a [1] citation became a footnote: %s", sketch(doc.Blocks))
			}
		}
		if !strings.Contains(allText(doc), "[1]") {
			t.Errorf("the citation mark is gone: %s", sketch(doc.Blocks))
		}
	})
}
