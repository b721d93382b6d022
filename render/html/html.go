// Package html renders the document model as one self-contained HTML
// file: inline CSS, images as data: URIs, no script, nothing fetched. It
// is the third renderer, and the proof that renderers are pluggable: it
// registers itself and knows nothing of the PDF or EPUB packages.
package html

import (
	"bufio"
	"encoding/base64"
	"html"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
)

func init() { render.Register(Renderer{}) }

// Renderer writes HTML5.
type Renderer struct{}

func (Renderer) Name() string { return "html" }
func (Renderer) Ext() string  { return ".html" }

// Render writes the whole page to w. Every piece of text and every
// attribute value goes through html.EscapeString: the model's text is
// untrusted (scraped pages), and nothing of it may become markup.
func (Renderer) Render(w io.Writer, doc *render.Document, opt render.Options) error {
	bw := bufio.NewWriter(w)
	p := &page{w: bw, doc: doc, opt: opt, lab: labels.For(doc.Lang), notes: doc.Footnotes()}
	p.shift = highestLevel(doc.Blocks) - 1
	p.write()
	return bw.Flush()
}

type page struct {
	w     *bufio.Writer
	doc   *render.Document
	opt   render.Options
	lab   labels.Set
	notes map[string]*render.Footnote
	order []string // note IDs in the order first called
	num   map[string]int
	shift int // subtracted from heading levels so the highest used is <h2>
}

func (p *page) s(parts ...string) {
	for _, s := range parts {
		p.w.WriteString(s)
	}
}

func esc(s string) string { return html.EscapeString(s) }

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func (p *page) write() {
	m := p.doc.Meta
	lang := m.Lang
	if !langTag.MatchString(lang) {
		lang = "und"
	}
	p.s("<!DOCTYPE html>\n<html lang=\"", esc(lang), "\"")
	if m.Dir == "rtl" {
		p.s(" dir=\"rtl\"")
	} else {
		p.s(" dir=\"ltr\"")
	}
	p.s(">\n<head>\n<meta charset=\"utf-8\">\n")
	p.s("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	p.s("<title>", esc(m.Title), "</title>\n")
	if a := m.AuthorNames(); a != "" {
		p.s("<meta name=\"author\" content=\"", esc(a), "\">\n")
	}
	if m.Description != "" {
		p.s("<meta name=\"description\" content=\"", esc(m.Description), "\">\n")
	}
	if len(m.Keywords) > 0 {
		p.s("<meta name=\"keywords\" content=\"", esc(strings.Join(m.Keywords, ", ")), "\">\n")
	}
	gen := "offprint"
	if p.opt.Version != "" {
		gen += " " + p.opt.Version
	}
	p.s("<meta name=\"generator\" content=\"", esc(gen), "\">\n")
	// No referrer leaks from a file read offline, and a CSP that forbids
	// every script and every remote load: the file is self-contained.
	p.s("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
	p.s("<style>", css, "</style>\n</head>\n<body>\n<article>\n")
	p.masthead()
	p.blocks(p.doc.Blocks)
	p.endNotes()
	p.about()
	p.s("</article>\n</body>\n</html>\n")
}

func (p *page) masthead() {
	m := p.doc.Meta
	p.s("<header class=\"masthead\">\n")
	if m.SiteName != "" {
		p.s("<p class=\"site\">", esc(m.SiteName), "</p>\n")
	}
	p.s("<h1>", esc(m.Title), "</h1>\n")
	if m.Subtitle != "" {
		p.s("<p class=\"subtitle\">", esc(m.Subtitle), "</p>\n")
	}
	if by := p.lab.Byline(p.authorNames()); by != "" {
		p.s("<p class=\"byline\">", esc(by), "</p>\n")
	}
	if m.Date != "" || m.Source != "" {
		p.s("<p class=\"dateline\">")
		if m.Date != "" {
			p.s("<time datetime=\"", esc(m.Date), "\">", esc(p.date(m.Date)), "</time>")
		}
		if m.Source != "" {
			if m.Date != "" {
				p.s(" · ")
			}
			if u, ok := safeURL(m.Source); ok {
				p.s("<a href=\"", esc(u), "\">", esc(m.Source), "</a>")
			} else {
				p.s(esc(m.Source))
			}
		}
		p.s("</p>\n")
	}
	p.s("</header>\n")
}

func (p *page) authorNames() []string {
	var names []string
	for _, a := range p.doc.Authors {
		if a.Name != "" {
			names = append(names, a.Name)
		}
	}
	return names
}

// date is the article's date in words, or as it stands when it is not
// a date we can read: the page shows what the article said.
func (p *page) date(s string) string {
	if _, human, ok := p.lab.Date(s); ok {
		return human
	}
	return s
}

func (p *page) about() {
	var bios []render.Author
	for _, a := range p.doc.Authors {
		if strings.TrimSpace(a.Bio) != "" {
			bios = append(bios, a)
		}
	}
	if len(bios) == 0 {
		return
	}
	title := p.lab.About(len(bios))
	p.s("<footer class=\"about\">\n<h2>", esc(title), "</h2>\n")
	for _, a := range bios {
		p.s("<section>\n")
		if a.Name != "" {
			p.s("<h3>", esc(a.Name), "</h3>\n")
		}
		for _, para := range strings.Split(strings.TrimSpace(a.Bio), "\n\n") {
			p.s("<p>", esc(strings.TrimSpace(para)), "</p>\n")
		}
		p.s("</section>\n")
	}
	p.s("</footer>\n")
}

func (p *page) blocks(bs []render.Block) {
	for _, b := range bs {
		p.block(b)
	}
}

func (p *page) block(b render.Block) {
	switch b := b.(type) {
	case *render.Heading:
		lvl := min(max(b.Level-p.shift+1, 2), 6) // h1 is the title
		tag := "h" + strconv.Itoa(lvl)
		p.s("<", tag)
		if b.ID != "" {
			p.s(" id=\"", esc(b.ID), "\"")
		}
		p.s(">")
		p.inlines(b.Text)
		p.s("</", tag, ">\n")
	case *render.Paragraph:
		p.s("<p>")
		p.inlines(b.Text)
		p.s("</p>\n")
	case *render.Quote:
		p.s("<blockquote>\n")
		p.blocks(b.Blocks)
		if len(b.Attribution) > 0 {
			p.s("<footer>— ")
			p.inlines(b.Attribution)
			p.s("</footer>\n")
		}
		p.s("</blockquote>\n")
	case *render.List:
		if b.Ordered {
			p.s("<ol")
			if b.Start > 1 {
				p.s(" start=\"", strconv.Itoa(b.Start), "\"")
			}
			p.s(">\n")
		} else {
			p.s("<ul>\n")
		}
		for _, item := range b.Items {
			p.s("<li>")
			p.blocks(item)
			p.s("</li>\n")
		}
		if b.Ordered {
			p.s("</ol>\n")
		} else {
			p.s("</ul>\n")
		}
	case *render.Image:
		p.image(b)
	case *render.Rule:
		p.s("<hr>\n")
	case *render.CodeBlock:
		p.s("<pre><code")
		if b.Lang != "" {
			p.s(" class=\"language-", esc(b.Lang), "\"")
		}
		p.s(">", esc(b.Text), "</code></pre>\n")
	case *render.Table:
		p.s("<table>\n")
		for _, row := range b.Rows {
			cell := "td"
			if row.Header {
				cell = "th"
			}
			p.s("<tr>")
			for _, c := range row.Cells {
				p.s("<", cell, ">")
				p.inlines(c)
				p.s("</", cell, ">")
			}
			p.s("</tr>\n")
		}
		p.s("</table>\n")
	case *render.Footnote:
		// Placed at the end, in the order they are called.
	}
}

// highestLevel is the smallest heading level in the flow: Markdown
// articles often start their sections at ##, and the outline should not
// skip a rank for that.
func highestLevel(bs []render.Block) int {
	best := 0
	for _, b := range bs {
		if h, ok := b.(*render.Heading); ok && h.Level > 0 && (best == 0 || h.Level < best) {
			best = h.Level
		}
	}
	return max(best, 1)
}

// inlineMIME are the raster types every browser shows. SVG is left out
// on purpose: it is markup, and could carry what the escaping keeps out.
var inlineMIME = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

func (p *page) image(img *render.Image) {
	if len(img.Data) == 0 || !inlineMIME[img.MIME] {
		p.opt.Warnf("image", "image %s left out of the HTML: no data of a type browsers show", img.Src)
		if img.Alt != "" {
			p.s("<p class=\"alt\">[", esc(img.Alt), "]</p>\n")
		}
		return
	}
	p.s("<figure>\n<img src=\"data:", img.MIME, ";base64,", base64.StdEncoding.EncodeToString(img.Data), "\" alt=\"", esc(img.Alt), "\"")
	if img.Width > 0 && img.Height > 0 {
		p.s(" width=\"", strconv.Itoa(img.Width), "\" height=\"", strconv.Itoa(img.Height), "\"")
	}
	p.s(">\n")
	if len(img.Caption) > 0 {
		p.s("<figcaption>")
		p.inlines(img.Caption)
		p.s("</figcaption>\n")
	}
	p.s("</figure>\n")
}

func (p *page) inlines(runs []render.Inline) {
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			p.s(esc(r.Text))
		case *render.Code:
			p.s("<code>", esc(r.Text), "</code>")
		case *render.Emphasis:
			p.wrap("em", r.Children)
		case *render.Strong:
			p.wrap("strong", r.Children)
		case *render.Strike:
			p.wrap("s", r.Children)
		case *render.Link:
			if u, ok := safeURL(r.URL); ok {
				p.s("<a href=\"", esc(u), "\">")
				p.inlines(r.Children)
				p.s("</a>")
			} else {
				p.inlines(r.Children)
			}
		case *render.LineBreak:
			p.s("<br>")
		case *render.NoteRef:
			p.noteRef(r.ID)
		}
	}
}

func (p *page) wrap(tag string, children []render.Inline) {
	p.s("<", tag, ">")
	p.inlines(children)
	p.s("</", tag, ">")
}

// safeURL keeps links a reader can follow safely: web, mail and in-page
// links. javascript:, data: and the like are dropped, their text kept.
func safeURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String(), true
	case "":
		return raw, !strings.Contains(raw, ":") || strings.HasPrefix(raw, "#")
	}
	return "", false
}

func (p *page) noteRef(id string) {
	if _, ok := p.notes[id]; !ok {
		return
	}
	if p.num == nil {
		p.num = map[string]int{}
	}
	n, seen := p.num[id]
	if !seen {
		p.order = append(p.order, id)
		n = len(p.order)
		p.num[id] = n
	}
	ns := strconv.Itoa(n)
	p.s("<sup><a href=\"#fn", ns, "\"")
	if !seen { // the back link returns to the first call
		p.s(" id=\"ref", ns, "\"")
	}
	p.s(" role=\"doc-noteref\">", ns, "</a></sup>")
}

func (p *page) endNotes() {
	if len(p.order) == 0 {
		return
	}
	p.s("<section class=\"notes\" role=\"doc-endnotes\">\n<h2>", esc(p.lab.Notes), "</h2>\n<ol>\n")
	// Notes may call notes: walk until no new one appears.
	for i := 0; i < len(p.order); i++ {
		ns := strconv.Itoa(i + 1)
		p.s("<li id=\"fn", ns, "\">")
		p.blocks(p.notes[p.order[i]].Blocks)
		p.s("<a href=\"#ref", ns, "\" role=\"doc-backlink\">↩</a></li>\n")
	}
	p.s("</ol>\n</section>\n")
}
