// Package epub renders the document model as an EPUB 3 book with an EPUB 2
// NCX for older readers: a title page, the article, its notes, an "About
// the author" page, a navigation document with landmarks, accessibility
// metadata, and bytes that depend only on the document and the options.
//
// It is written on archive/zip and our own XML writer rather than a
// library (GUIDE section 6): every id, order and timestamp is ours to fix.
package epub

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/offprint/offprint/assets"
	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
	"github.com/offprint/offprint/render/printlayout"
)

func init() { render.Register(Renderer{}) }

// Renderer is the "epub" output format.
type Renderer struct{}

func (Renderer) Name() string { return "epub" }
func (Renderer) Ext() string  { return ".epub" }

// Render writes the whole EPUB to w, once it is complete.
func (Renderer) Render(w io.Writer, doc *render.Document, opt render.Options) error {
	data, err := Bytes(doc, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsOPS   = "http://www.idpf.org/2007/ops"
)

// item is one publication resource: a manifest entry, and a spine entry
// when it is read in order.
type item struct {
	id, href, mediaType, props string
	data                       []byte
	spine                      bool
}

// book is the EPUB being assembled.
type book struct {
	doc    *render.Document
	opt    render.Options
	title  string
	lang   string
	labels labels.Set
	uid    string
	items  []item // in manifest order
	toc    []tocEntry

	pages             *pageBreaks         // the print page markers
	stored            map[[32]byte]stored // images by content
	images, altImages int                 // figures, and those with alt text
}

// Bytes renders doc into memory.
func Bytes(doc *render.Document, opt render.Options) ([]byte, error) {
	if doc == nil {
		return nil, fmt.Errorf("epub: no document")
	}
	if opt.Modified.IsZero() {
		opt.Modified = render.FixedEpoch
	}
	b := &book{doc: doc, opt: opt, uid: identifier(doc)}
	b.lang = bookLang(doc.Meta.Lang)
	b.labels = labels.For(b.lang)
	b.title = strings.Join(strings.Fields(cleanText(doc.Meta.Title)), " ")
	if b.title == "" {
		b.title = b.labels.Untitled
		opt.Warnf("model", "epub: the document has no title; called it %q", b.title)
	}
	if b.lang != doc.Meta.Lang && doc.Meta.Lang != "" {
		opt.Warnf("model", "epub: language %q is not a BCP 47 tag; used %q", doc.Meta.Lang, b.lang)
	}

	drawn := b.drawCover()
	// Where the pages of the PDF of the same article and page size begin.
	pages, err := printlayout.PageMap(doc, opt)
	if err != nil {
		return nil, fmt.Errorf("epub: print page numbers: %w", err)
	}
	b.pages = newPageBreaks(pages)

	// The article first: it finds the images and the headings the other
	// documents list.
	a := newWriter(b)
	article := b.page(b.title, "bodymatter", func(w *xmlWriter) {
		a.w = w
		w.start("section", "epub:type", "chapter", "role", "doc-chapter")
		a.article()
		w.end()
		// The authors' notes close the same document: a page of its own
		// would cost a third of a small book's bytes for one paragraph.
		if e, ok := b.about(w); ok {
			a.toc = append(a.toc, e)
		}
	})

	b.items = append([]item{
		{id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml", props: "nav"},
		{id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml"},
		{id: "css", href: "style.css", mediaType: "text/css", data: compactCSS(assets.EPUBCSS)},
		{id: "titlepage", href: "title.xhtml", mediaType: "application/xhtml+xml", data: b.titlePage(), spine: true},
		{id: "article", href: "article.xhtml", mediaType: "application/xhtml+xml", data: article, spine: true},
	}, b.items...) // the images, added while the article was written
	b.toc = append([]tocEntry{{depth: 1, label: b.title, href: "title.xhtml"}}, a.toc...)
	b.items[0].data = b.nav()
	b.items[1].data = b.ncx()
	if b.opt.EPUBFonts { // once every document is written: their text picks the glyphs
		css, err := b.embedFonts()
		if err != nil {
			return nil, fmt.Errorf("epub: %w", err)
		}
		// After the sheet, so the body rule wins over the default stack.
		b.items[2].data = append(append([]byte{}, b.items[2].data...), css...)
	}
	if c, ok := b.coverItem(drawn); ok {
		b.items = append(b.items, c)
	}

	entries := []zipEntry{
		{name: "mimetype", data: []byte("application/epub+zip"), store: true},
		{name: "META-INF/container.xml", data: container()},
		{name: "content.opf", data: b.opf()},
	}
	for _, it := range b.items {
		entries = append(entries, zipEntry{name: it.href, data: it.data})
	}
	var buf bytes.Buffer
	if err := writeZip(&buf, entries, opt.Modified); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return buf.Bytes(), nil
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// bookLang is the document's language if it is a well-formed tag (EPUBCheck
// refuses others), else English.
func bookLang(lang string) string {
	lang = strings.TrimSpace(lang)
	if langTag.MatchString(lang) {
		return lang
	}
	return "en"
}

// page writes one XHTML content document around fill.
func (b *book) page(title, bodyType string, fill func(w *xmlWriter)) []byte {
	w := newXML()
	w.raw("<!DOCTYPE html>\n")
	attrs := []string{"xmlns", nsXHTML, "xmlns:epub", nsOPS, "lang", b.lang, "xml:lang", b.lang}
	if b.rtl() {
		attrs = append(attrs, "dir", "rtl")
	}
	w.start("html", attrs...)
	w.start("head")
	w.elem("title", title)
	w.empty("link", "rel", "stylesheet", "type", "text/css", "href", "style.css")
	w.end()
	if bodyType != "" {
		w.start("body", "epub:type", bodyType)
	} else {
		w.start("body")
	}
	fill(w)
	w.end()
	w.end()
	return w.bytes()
}

func (b *book) rtl() bool { return strings.EqualFold(strings.TrimSpace(b.doc.Meta.Dir), "rtl") }

// authorNames are the non-empty author names, cleaned.
func (b *book) authorNames() []string {
	var names []string
	for _, a := range b.doc.Meta.Authors {
		if n := strings.Join(strings.Fields(cleanText(a.Name)), " "); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// titlePage is the masthead: title, subtitle, byline, date and source.
// It is the only place in the reading order where the title stands.
func (b *book) titlePage() []byte {
	m := b.doc.Meta
	return b.page(b.title, "frontmatter", func(w *xmlWriter) {
		w.start("section", "class", "titlepage", "epub:type", "titlepage", "aria-label", b.labels.TitlePage)
		b.pages.at(w, "title.xhtml", printlayout.Masthead, "")
		w.elem("h1", b.title)
		if s := strings.TrimSpace(m.Subtitle); s != "" {
			w.elem("p", s, "class", "subtitle", "epub:type", "subtitle", "role", "doc-subtitle")
		}
		if names := b.authorNames(); len(names) > 0 {
			w.elem("p", b.labels.Byline(names), "class", "byline")
		}
		if machine, human, ok := b.labels.Date(m.Date); ok {
			w.start("p", "class", "date")
			w.elem("time", human, "datetime", machine)
			w.end()
		}
		site := strings.TrimSpace(m.SiteName)
		src, link := safeURL(m.Source)
		if site != "" {
			w.elem("p", site, "class", "source")
		}
		if link {
			w.start("p", "class", "source")
			w.elem("a", strings.TrimSpace(m.Source), "href", src)
			w.end()
		} else if s := strings.TrimSpace(m.Source); s != "" && s != site {
			w.elem("p", s, "class", "source")
		}
		w.end()
	})
}

// bios are the authors with something to say about them.
func (b *book) bios() []render.Author {
	var out []render.Author
	for _, a := range b.doc.Meta.Authors {
		if strings.TrimSpace(cleanText(a.Bio)) != "" {
			out = append(out, a)
		}
	}
	return out
}

func (b *book) aboutLabel() string { return b.labels.About(len(b.bios())) }

// about writes the authors' bios, each under the author's name, after
// the article, and returns the section's entry in the contents.
func (b *book) about(w *xmlWriter) (tocEntry, bool) {
	if len(b.bios()) == 0 {
		return tocEntry{}, false
	}
	label := b.aboutLabel()
	w.start("section", "epub:type", "backmatter contributors", "aria-labelledby", "about")
	b.pages.at(w, "article.xhtml", printlayout.About, "")
	entry := tocEntry{depth: 1, label: label, href: "article.xhtml#about", seq: b.pages.tick()}
	w.elem("h2", label, "id", "about")
	for i, a := range b.doc.Meta.Authors {
		if strings.TrimSpace(cleanText(a.Bio)) == "" {
			continue // as bios has it
		}
		w.start("section", "class", "author")
		b.pages.enter(w, i)
		if name := strings.TrimSpace(a.Name); name != "" {
			w.elem("h3", name)
		}
		for _, p := range paragraphs(a.Bio) {
			w.start("p")
			b.pages.text(w, p)
			w.end()
		}
		b.pages.leave(w)
		w.end()
	}
	b.pages.finish(w, printlayout.About)
	w.end()
	return entry, true
}

// paragraphs splits plain text at its line breaks, dropping empty lines.
func paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// compactCSS drops the stylesheet's comments and indentation: they are for
// the people who edit assets/epub.css, and a fifth of its packed size.
func compactCSS(css []byte) []byte {
	var out []byte
	for _, line := range strings.Split(cssComment.ReplaceAllString(string(css), ""), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line...)
			out = append(out, '\n')
		}
	}
	return out
}
