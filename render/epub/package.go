package epub

import (
	"sort"
	"strconv"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/printlayout"
)

// container is META-INF/container.xml: where the package document is. It
// sits at the root, beside META-INF: a folder would add its name twice to
// every zip entry of a book the size of the seed's, 7 KB.
func container() []byte {
	w := newXML()
	w.start("container", "version", "1.0", "xmlns", "urn:oasis:names:tc:opendocument:xmlns:container")
	w.start("rootfiles")
	w.empty("rootfile", "full-path", "content.opf", "media-type", "application/oebps-package+xml")
	w.end()
	w.end()
	return w.bytes()
}

// opf is the package document: metadata, manifest and spine.
func (b *book) opf() []byte {
	m := b.doc.Meta
	w := newXML()
	attrs := []string{"xmlns", "http://www.idpf.org/2007/opf", "version", "3.0",
		"unique-identifier", "uid", "xml:lang", b.lang}
	if b.rtl() {
		attrs = append(attrs, "dir", "rtl")
	}
	w.start("package", attrs...)

	w.start("metadata", "xmlns:dc", "http://purl.org/dc/elements/1.1/")
	w.elem("dc:identifier", b.uid, "id", "uid")
	w.elem("dc:title", b.title)
	for i, name := range b.authorNames() {
		id := "creator" + strconv.Itoa(i+1)
		w.elem("dc:creator", name, "id", id)
		w.elem("meta", "aut", "refines", "#"+id, "property", "role", "scheme", "marc:relators")
	}
	w.elem("dc:language", b.lang)
	if machine, _, ok := b.labels.Date(m.Date); ok {
		w.elem("dc:date", machine)
	}
	if s := oneLine(m.SiteName); s != "" {
		w.elem("dc:publisher", s)
	}
	if s := oneLine(m.Source); s != "" {
		w.elem("dc:source", s)
	}
	if len(b.pages.list()) > 0 {
		// The print page numbers' source (EPUB Accessibility: page source
		// identification), the PDF offprint makes at this page size.
		w.elem("dc:source", b.pageSource(), "id", "page-source")
		w.elem("meta", "pagination", "refines", "#page-source", "property", "source-of")
	}
	if s := b.description(); s != "" {
		w.elem("dc:description", s)
	}
	for _, k := range m.Keywords {
		if k = oneLine(k); k != "" {
			w.elem("dc:subject", k)
		}
	}
	w.elem("meta", b.opt.Modified.UTC().Format("2006-01-02T15:04:05Z"), "property", "dcterms:modified")
	b.a11y(w)
	generator := "offprint"
	if v := oneLine(b.opt.Version); v != "" {
		generator += " " + v
	}
	w.empty("meta", "name", "generator", "content", generator)
	w.end()

	w.start("manifest")
	for _, it := range b.items {
		attrs := []string{"id", it.id, "href", it.href, "media-type", it.mediaType}
		if it.props != "" {
			attrs = append(attrs, "properties", it.props)
		}
		w.empty("item", attrs...)
	}
	w.end()

	// The navigation document stays out of the spine: it repeats the
	// title, which must stand once in the reading order.
	if b.rtl() {
		w.start("spine", "toc", "ncx", "page-progression-direction", "rtl")
	} else {
		w.start("spine", "toc", "ncx")
	}
	for _, it := range b.items {
		if it.spine {
			w.empty("itemref", "idref", it.id)
		}
	}
	w.end()
	w.end()
	return w.bytes()
}

// oneLine collapses s's white space, for metadata values.
func oneLine(s string) string { return strings.Join(strings.Fields(cleanText(s)), " ") }

// description is the article's own summary, else the opening of its
// first paragraph, cut at a word.
func (b *book) description() string {
	if d := oneLine(b.doc.Meta.Description); d != "" {
		return d
	}
	for _, bl := range b.doc.Blocks {
		p, ok := bl.(*render.Paragraph)
		if !ok {
			continue
		}
		text := oneLine(render.Plain(p.Text))
		if text == "" {
			continue
		}
		const limit = 200
		if r := []rune(text); len(r) > limit {
			cut := string(r[:limit])
			if i := strings.LastIndexByte(cut, ' '); i > limit/2 {
				cut = cut[:i]
			}
			text = strings.TrimRight(cut, " ,;:.") + "…"
		}
		return text
	}
	return ""
}

// conforms reports whether the book may claim WCAG 2.1 AA: it is built
// for it (language, structure, reading order, relative sizes), which holds
// as long as no image lacks its text alternative.
func (b *book) conforms() bool { return b.images == b.altImages }

// a11y writes the schema.org accessibility metadata (EPUB Accessibility 1.1).
func (b *book) a11y(w *xmlWriter) {
	meta := func(prop, value string) { w.elem("meta", value, "property", prop) }
	meta("schema:accessMode", "textual")
	if b.images > 0 {
		meta("schema:accessMode", "visual")
	}
	if b.conforms() {
		meta("schema:accessModeSufficient", "textual")
	}
	if b.images > 0 {
		meta("schema:accessModeSufficient", "textual,visual")
	}
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder"} {
		meta("schema:accessibilityFeature", f)
	}
	if b.images > 0 && b.conforms() {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	if len(b.pages.list()) > 0 {
		meta("schema:accessibilityFeature", "printPageNumbers")
	}
	meta("schema:accessibilityHazard", "none")
	summary := "A single article with a title page, a table of contents and headings for navigation, " +
		"in one reading order, with text that can be enlarged, restyled and read aloud."
	switch {
	case b.images == 0:
	case b.conforms():
		summary += " Every image has a text alternative."
	default:
		summary += " Some images have no text alternative, as the source had none."
	}
	if b.conforms() {
		summary += " It meets WCAG 2.1 Level AA."
	}
	attrs := []string{"property", "schema:accessibilitySummary"}
	if p, _, _ := strings.Cut(strings.ToLower(b.lang), "-"); p != "en" {
		attrs = append(attrs, "xml:lang", "en")
	}
	w.elem("meta", summary, attrs...)
	// conformsTo alone: a tool that certified its own output would be no
	// evaluator at all, so a11y:certifiedBy is left to whoever checks it.
	if b.conforms() {
		w.elem("meta", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA", "property", "dcterms:conformsTo")
	}
}

// tocNode is a table-of-contents entry with the entries nested under it.
type tocNode struct {
	tocEntry
	kids []*tocNode
}

// tree nests the entries by depth; a level skipped in the article nests
// one step, never leaves an empty list.
func tree(entries []tocEntry) []*tocNode {
	root := &tocNode{}
	stack := []*tocNode{root}
	for _, e := range entries {
		for len(stack) > 1 && stack[len(stack)-1].depth >= e.depth {
			stack = stack[:len(stack)-1]
		}
		n := &tocNode{tocEntry: e}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	return root.kids
}

// nav is the EPUB 3 navigation document: the contents and the landmarks.
func (b *book) nav() []byte {
	return b.page(b.labels.Contents, "", func(w *xmlWriter) {
		w.start("nav", "epub:type", "toc", "role", "doc-toc", "id", "toc", "aria-labelledby", "toc-title")
		w.elem("h1", b.labels.Contents, "id", "toc-title")
		var list func([]*tocNode)
		list = func(nodes []*tocNode) {
			w.start("ol")
			for _, n := range nodes {
				w.start("li")
				w.elem("a", n.label, "href", n.href)
				if len(n.kids) > 0 {
					list(n.kids)
				}
				w.end()
			}
			w.end()
		}
		list(tree(b.toc))
		w.end()

		if marks := b.pages.list(); len(marks) > 0 {
			w.start("nav", "epub:type", "page-list", "id", "page-list", "hidden", "hidden")
			w.start("ol")
			for _, m := range marks {
				w.start("li")
				w.elem("a", strconv.Itoa(m.num), "href", m.file+"#"+pageID(m.num))
				w.end()
			}
			w.end()
			w.end()
		}

		w.start("nav", "epub:type", "landmarks", "id", "landmarks", "hidden", "hidden", "aria-labelledby", "landmarks-title")
		w.elem("h2", b.labels.Landmarks, "id", "landmarks-title")
		w.start("ol")
		for _, l := range []struct{ kind, label, href string }{
			{"titlepage", b.labels.TitlePage, "title.xhtml"},
			{"bodymatter", b.labels.StartOfText, "article.xhtml"},
		} {
			w.start("li")
			w.elem("a", l.label, "epub:type", l.kind, "href", l.href)
			w.end()
		}
		w.end()
		w.end()
	})
}

// ncx is the EPUB 2 table of contents, for reading systems that predate
// the navigation document.
func (b *book) ncx() []byte {
	nodes := tree(b.toc)
	var depth func([]*tocNode) int
	depth = func(ns []*tocNode) int {
		d := 0
		for _, n := range ns {
			d = max(d, 1+depth(n.kids))
		}
		return d
	}
	marks := b.pages.list()
	pages := strconv.Itoa(len(marks))
	// One play order for the contents and the page targets: reading order,
	// by document, then by place in the document.
	spine := map[string]int{"title.xhtml": 0, "article.xhtml": 1}
	type stop struct {
		doc, seq int
		node     *tocNode
		mark     *pageMark
	}
	var stops []stop
	var collect func([]*tocNode)
	collect = func(ns []*tocNode) {
		for _, n := range ns {
			file, _, _ := strings.Cut(n.href, "#")
			stops = append(stops, stop{doc: spine[file], seq: n.seq, node: n})
			collect(n.kids)
		}
	}
	collect(nodes)
	for _, m := range marks {
		stops = append(stops, stop{doc: spine[m.file], seq: m.seq, mark: m})
	}
	sort.SliceStable(stops, func(i, j int) bool {
		if stops[i].doc != stops[j].doc {
			return stops[i].doc < stops[j].doc
		}
		return stops[i].seq < stops[j].seq
	})
	playOrder := map[any]int{}
	for i, s := range stops {
		if s.node != nil {
			playOrder[s.node] = i + 1
		} else {
			playOrder[s.mark] = i + 1
		}
	}
	w := newXML()
	w.start("ncx", "xmlns", "http://www.daisy.org/z3986/2005/ncx/", "version", "2005-1", "xml:lang", b.lang)
	w.start("head")
	for _, kv := range [][2]string{
		{"dtb:uid", b.uid}, {"dtb:depth", strconv.Itoa(depth(nodes))},
		{"dtb:totalPageCount", pages}, {"dtb:maxPageNumber", pages},
	} {
		w.empty("meta", "name", kv[0], "content", kv[1])
	}
	w.end()
	w.start("docTitle")
	w.elem("text", b.title)
	w.end()
	w.start("navMap")
	order := 0
	var points func([]*tocNode)
	points = func(ns []*tocNode) {
		for _, n := range ns {
			order++
			w.start("navPoint", "id", "np"+strconv.Itoa(order), "playOrder", strconv.Itoa(playOrder[n]))
			w.start("navLabel")
			w.elem("text", n.label)
			w.end()
			w.empty("content", "src", n.href)
			points(n.kids)
			w.end()
		}
	}
	points(nodes)
	w.end()
	if len(marks) > 0 {
		w.start("pageList")
		for _, m := range marks {
			n := strconv.Itoa(m.num)
			w.start("pageTarget", "id", "pt"+n, "type", "normal", "value", n, "playOrder", strconv.Itoa(playOrder[m]))
			w.start("navLabel")
			w.elem("text", n)
			w.end()
			w.empty("content", "src", m.file+"#"+pageID(m.num))
			w.end()
		}
		w.end()
	}
	w.end()
	return w.bytes()
}

// pageSource names the edition the page numbers are of.
func (b *book) pageSource() string {
	return "offprint PDF, " + printlayout.PageName(b.opt.PageSize) + " pages"
}
