package epub

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/printlayout"
)

// tocEntry is one line of the table of contents.
type tocEntry struct {
	depth int // 1 is the top level
	label string
	href  string
	seq   int // where it stands in its document, among the page markers (see pageBreaks.tick)
}

// ids hands out the id attributes of one XHTML document, unique by
// construction. An id the reader gave is kept when it is a plain XML name.
type ids map[string]bool

var plainID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func (s ids) take(want, fallback string) string {
	id := fallback
	if plainID.MatchString(want) {
		id = want
	}
	base := id
	for n := 2; s[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s[id] = true
	return id
}

// note is a footnote as the EPUB places it: at the end of the article,
// numbered in the order the text first calls it.
type note struct {
	fn    *render.Footnote
	id    string // "fn-…"
	num   int
	refID string // the first call's id, the target of the back-link
}

// writer renders the article's blocks into article.xhtml.
type writer struct {
	b      *book
	w      *xmlWriter
	ids    ids
	notes  map[string]*note // by Footnote.ID
	order  []*note          // by number
	toc    []tocEntry
	levels map[int]int // model heading level -> rank (1 = top)
	inLink bool
	warned map[string]bool
	endIn  *render.Paragraph // closes with the end sign
	pb     *pageBreaks       // the print page markers; nil for none
	base   int               // added to the next blocks' first index (see footnote)
	// itemNum is an ordered list item's number, waiting for the item's
	// first paragraph to open so that it goes inside it
	itemNum string
}

func newWriter(b *book) *writer {
	a := &writer{b: b, ids: ids{}, notes: map[string]*note{}, warned: map[string]bool{}, pb: b.pages}
	a.ids.take("notes", "notes")
	a.ids.take("about", "about") // the authors' section after the article
	for _, m := range b.pages.list() {
		a.ids.take(pageID(m.num), "") // the markers' ids, whichever document they go in
	}
	a.numberNotes()
	a.rankHeadings()
	return a
}

// numberNotes collects every footnote wherever the reader put it and
// numbers them by first call in reading order; notes never called follow.
func (a *writer) numberNotes() {
	var all []*render.Footnote
	var collect func([]render.Block)
	collect = func(bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Footnote:
				all = append(all, b)
				collect(b.Blocks)
			case *render.Quote:
				collect(b.Blocks)
			case *render.List:
				for _, it := range b.Items {
					collect(it)
				}
			}
		}
	}
	collect(a.b.doc.Blocks)
	var spare []*render.Footnote // same ID as an earlier note: kept, not callable
	for _, fn := range all {
		if _, dup := a.notes[fn.ID]; dup {
			spare = append(spare, fn)
			continue
		}
		a.notes[fn.ID] = &note{fn: fn}
	}
	number := func(id string) {
		if n, ok := a.notes[id]; ok && n.num == 0 {
			a.order = append(a.order, n)
			n.num = len(a.order)
		}
	}
	walkRefs(a.b.doc.Blocks, false, number)
	for i := 0; i < len(a.order); i++ { // notes called only from notes
		walkRefs(a.order[i].fn.Blocks, true, number)
	}
	for _, fn := range all {
		if n := a.notes[fn.ID]; n.fn == fn && n.num == 0 {
			number(fn.ID)
			walkRefs(fn.Blocks, true, number)
		}
	}
	for _, fn := range spare {
		n := &note{fn: fn, num: len(a.order) + 1}
		a.order = append(a.order, n)
	}
	for _, n := range a.order {
		n.id = a.ids.take("fn-"+n.fn.ID, "fn-"+strconv.Itoa(n.num))
	}
}

// walkRefs calls f for every note call in reading order; footnote bodies
// are visited only when inNotes is set.
func walkRefs(bs []render.Block, inNotes bool, f func(string)) {
	var inl func([]render.Inline)
	inl = func(rs []render.Inline) {
		for _, r := range rs {
			switch r := r.(type) {
			case *render.NoteRef:
				f(r.ID)
			case *render.Emphasis:
				inl(r.Children)
			case *render.Strong:
				inl(r.Children)
			case *render.Strike:
				inl(r.Children)
			case *render.Link:
				inl(r.Children)
			}
		}
	}
	for _, b := range bs {
		switch b := b.(type) {
		case *render.Heading:
			inl(b.Text)
		case *render.Paragraph:
			inl(b.Text)
		case *render.Quote:
			walkRefs(b.Blocks, inNotes, f)
			inl(b.Attribution)
		case *render.List:
			for _, it := range b.Items {
				walkRefs(it, inNotes, f)
			}
		case *render.Image:
			inl(b.Caption)
		case *render.Table:
			for _, row := range b.Rows {
				for _, c := range row.Cells {
					inl(c)
				}
			}
		case *render.Footnote:
			if inNotes {
				walkRefs(b.Blocks, inNotes, f)
			}
		}
	}
}

// rankHeadings maps the heading levels the article uses to consecutive
// ranks, so an article whose sections are h1 and h3 comes out as h2 and
// h3: h1 belongs to the title, and a skipped level confuses screen readers.
func (a *writer) rankHeadings() {
	seen := map[int]bool{}
	for _, b := range a.b.doc.Blocks {
		if h, ok := b.(*render.Heading); ok {
			seen[h.Level] = true
		}
	}
	var levels []int
	for l := range seen {
		levels = append(levels, l)
	}
	sort.Ints(levels)
	a.levels = map[int]int{}
	for i, l := range levels {
		a.levels[l] = i + 1
	}
}

// headingTag is h2 for the top rank, down to h6.
func (a *writer) headingTag(level int) string {
	rank, ok := a.levels[level]
	if !ok { // a heading inside a quote or list: by its own level
		rank = max(level, 1)
	}
	return "h" + strconv.Itoa(min(rank+1, 6))
}

// article writes the body of article.xhtml.
func (a *writer) article() {
	// The end sign magazines set after an article's last word: it tells a
	// reader paging on that nothing follows but notes. It closes the last
	// paragraph, as in print, and stands alone after anything else.
	a.endIn = lastParagraph(a.b.doc.Blocks)
	a.pb.at(a.w, "article.xhtml", printlayout.Body, "")
	a.blocks(a.b.doc.Blocks, true)
	a.pb.finish(a.w, printlayout.Body)
	if a.endIn == nil {
		a.w.elem("p", "\u25a0", "class", "end-mark", "aria-hidden", "true")
	}
	if len(a.order) == 0 {
		return
	}
	a.w.start("section", "class", "footnotes", "epub:type", "footnotes", "aria-labelledby", "notes")
	a.pb.at(a.w, "article.xhtml", printlayout.Notes, "")
	a.w.elem("h2", a.b.labels.Notes, "id", "notes")
	a.toc = append(a.toc, tocEntry{depth: 1, label: a.b.labels.Notes, href: "article.xhtml#notes", seq: a.pb.tick()})
	for _, n := range a.order {
		a.footnote(n)
	}
	a.pb.finish(a.w, printlayout.Notes)
	a.w.end()
}

func (a *writer) footnote(n *note) {
	a.w.start("aside", "id", n.id, "epub:type", "footnote", "role", "doc-footnote")
	a.pb.at(a.w, "article.xhtml", printlayout.Notes, n.fn.ID)
	mark := func() {
		num := strconv.Itoa(n.num) + "."
		if n.refID == "" { // never called: nothing to go back to
			a.w.text(num)
		} else {
			a.w.elem("a", num, "href", "#"+n.refID, "role", "doc-backlink")
		}
		a.w.text(" ")
	}
	bs := n.fn.Blocks
	if p, ok := firstParagraph(bs); ok {
		a.pb.enter(a.w, 0)
		a.w.start("p")
		mark()
		a.inlines(p.Text)
		a.w.end()
		a.pb.leave(a.w)
		bs = bs[1:]
		a.base = 1
	} else {
		a.w.start("p")
		mark()
		a.w.end()
	}
	a.blocks(bs, false)
	a.w.end()
}

func firstParagraph(bs []render.Block) (*render.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*render.Paragraph)
	return p, ok
}

// blocks writes a run of blocks; top marks the article's own level, whose
// headings go into the table of contents.
func (a *writer) blocks(bs []render.Block, top bool) {
	base := a.base
	a.base = 0
	for i, b := range bs {
		a.pb.enter(a.w, base+i)
		switch b := b.(type) {
		case *render.Heading:
			a.heading(b, top)
		case *render.Paragraph:
			if !empty(b.Text) {
				a.w.start("p")
				a.itemNumber()
				a.inlines(b.Text)
				if top && b == a.endIn {
					a.w.text(" ")
					a.w.elem("span", "\u25a0", "class", "end-mark", "aria-hidden", "true")
				}
				a.w.end()
			}
		case *render.Quote:
			a.quote(b)
		case *render.List:
			a.list(b)
		case *render.Image:
			a.image(b)
		case *render.Rule:
			a.w.empty("hr")
		case *render.CodeBlock:
			a.code(b)
		case *render.Table:
			a.table(b)
		case *render.Footnote:
			// placed at the end, in the Notes section
		}
		a.pb.leave(a.w)
	}
}

// lastParagraph is the article's closing paragraph, nil when the article
// ends with anything else (notes aside, which are set apart).
func lastParagraph(bs []render.Block) *render.Paragraph {
	for i := len(bs) - 1; i >= 0; i-- {
		switch b := bs[i].(type) {
		case *render.Footnote:
			continue
		case *render.Paragraph:
			if !empty(b.Text) {
				return b
			}
		}
		return nil
	}
	return nil
}

// empty reports whether runs would show nothing at all.
func empty(runs []render.Inline) bool {
	if strings.TrimSpace(cleanText(render.Plain(runs))) != "" {
		return false
	}
	found := false
	walkRefs([]render.Block{&render.Paragraph{Text: runs}}, false, func(string) { found = true })
	return !found
}

func (a *writer) heading(h *render.Heading, top bool) {
	label := strings.Join(strings.Fields(cleanText(render.Plain(h.Text))), " ")
	if label == "" && empty(h.Text) {
		return
	}
	tag := a.headingTag(h.Level)
	if !top || label == "" {
		a.w.start(tag)
	} else {
		id := a.ids.take(h.ID, "sec-"+strconv.Itoa(len(a.toc)+1))
		a.toc = append(a.toc, tocEntry{depth: a.levels[h.Level], label: label, href: "article.xhtml#" + id, seq: a.pb.tick()})
		a.w.start(tag, "id", id)
	}
	a.inlines(h.Text)
	a.w.end()
}

func (a *writer) quote(q *render.Quote) {
	if len(q.Blocks) == 0 && empty(q.Attribution) {
		return
	}
	// HTML wants a quotation's attribution outside the blockquote: a
	// figure holds the two together.
	cited := !empty(q.Attribution)
	if cited {
		a.w.start("figure", "class", "quote")
	}
	a.w.start("blockquote")
	a.blocks(q.Blocks, false)
	a.w.end()
	if cited {
		a.w.start("figcaption")
		a.pb.enter(a.w, len(q.Blocks))
		a.w.text("— ")
		a.inlines(q.Attribution)
		a.pb.leave(a.w)
		a.w.end()
		a.w.end()
	}
}

// list writes a list. An ordered list's numbers are written as text, as
// the PDF prints them: a number drawn by CSS is not part of the text, so
// it is lost when a reader copies, searches or reads the text aloud
// ("step 3" then has no 3), and an article's own numbers are content.
func (a *writer) list(l *render.List) {
	if len(l.Items) == 0 {
		return
	}
	first := l.Start
	if first == 0 {
		first = 1
	}
	switch {
	case !l.Ordered:
		a.w.start("ul")
	case first != 1:
		a.w.start("ol", "class", "numbered", "start", strconv.Itoa(first))
	default:
		a.w.start("ol", "class", "numbered")
	}
	for i, it := range l.Items {
		a.w.start("li")
		a.pb.enter(a.w, i)
		if l.Ordered {
			a.itemNum = strconv.Itoa(first+i) + "."
		}
		if len(it) == 1 {
			if p, ok := it[0].(*render.Paragraph); ok { // a tight item: no <p>
				a.pb.enter(a.w, 0)
				a.itemNumber()
				a.inlines(p.Text)
				a.pb.leave(a.w)
				a.pb.leave(a.w)
				a.w.end()
				continue
			}
		}
		if p, ok := firstBlock(it).(*render.Paragraph); !ok || empty(p.Text) {
			a.itemNumber() // before a block that is no paragraph, on its own
		}
		a.blocks(it, false)
		a.pb.leave(a.w)
		a.w.end()
	}
	a.w.end()
}

// itemNumber writes the ordered list item's number that is waiting, if
// any.
func (a *writer) itemNumber() {
	if a.itemNum == "" {
		return
	}
	num := a.itemNum
	a.itemNum = ""
	a.w.elem("span", num, "class", "num")
	a.w.text(" ")
}

func firstBlock(bs []render.Block) render.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

var codeLang = regexp.MustCompile(`^[A-Za-z0-9_+#.-]+$`)

func (a *writer) code(c *render.CodeBlock) {
	text := strings.TrimRight(c.Text, "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	a.w.start("pre")
	if codeLang.MatchString(c.Lang) {
		a.w.start("code", "class", "language-"+c.Lang)
	} else {
		a.w.start("code")
	}
	a.pb.text(a.w, text)
	a.w.end()
	a.w.end()
}

func (a *writer) table(t *render.Table) {
	if len(t.Rows) == 0 {
		return
	}
	a.w.start("table")
	head := 0
	for head < len(t.Rows) && t.Rows[head].Header {
		head++
	}
	if head == len(t.Rows) { // only headers: a body of header cells
		head = 0
	}
	row := func(r render.TableRow) {
		a.w.start("tr")
		for _, c := range r.Cells {
			if r.Header {
				a.w.start("th", "scope", "col")
			} else {
				a.w.start("td")
			}
			a.inlines(c)
			a.w.end()
		}
		a.w.end()
	}
	if head > 0 {
		a.w.start("thead")
		for _, r := range t.Rows[:head] {
			row(r)
		}
		a.w.end()
	}
	a.w.start("tbody")
	for _, r := range t.Rows[head:] {
		row(r)
	}
	a.w.end()
	a.w.end()
}

func (a *writer) image(img *render.Image) {
	href, w, h, ok := a.b.addImage(img)
	if !ok {
		// The picture is gone; its caption is still the article's text.
		if !empty(img.Caption) {
			a.w.start("p", "class", "caption")
			a.inlines(img.Caption)
			a.w.end()
		}
		return
	}
	a.w.start("figure")
	alt := strings.Join(strings.Fields(img.Alt), " ")
	if w > 0 && h > 0 {
		a.w.empty("img", "src", href, "alt", alt, "width", strconv.Itoa(w), "height", strconv.Itoa(h))
	} else {
		a.w.empty("img", "src", href, "alt", alt)
	}
	if !empty(img.Caption) {
		a.w.start("figcaption")
		a.inlines(img.Caption)
		a.w.end()
	}
	a.w.end()
}

func (a *writer) inlines(runs []render.Inline) {
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			a.pb.text(a.w, r.Text)
		case *render.Code:
			a.w.start("code")
			a.pb.text(a.w, r.Text)
			a.w.end()
		case *render.Emphasis:
			a.span("em", r.Children)
		case *render.Strong:
			a.span("strong", r.Children)
		case *render.Strike:
			a.span("s", r.Children)
		case *render.Link:
			a.link(r)
		case *render.LineBreak:
			a.w.empty("br")
		case *render.NoteRef:
			a.noteRef(r)
		}
	}
}

func (a *writer) span(tag string, children []render.Inline) {
	if len(children) == 0 {
		return
	}
	a.w.start(tag)
	a.inlines(children)
	a.w.end()
}

// link writes a hyperlink only where it is one a reader may follow out of
// a book: http, https and mailto. Anything else (javascript:, file:, a
// relative path into a web site that is not here) keeps its words and
// loses the link. Links never nest.
func (a *writer) link(l *render.Link) {
	href, ok := safeURL(l.URL)
	if !ok || a.inLink || strings.TrimSpace(cleanText(render.Plain(l.Children))) == "" {
		a.inlines(l.Children)
		return
	}
	a.inLink = true
	a.w.start("a", "href", href)
	a.inlines(l.Children)
	a.w.end()
	a.inLink = false
}

func safeURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(cleanText(raw)))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	return u.String(), true
}

// noteRef writes a call to a footnote: a superscript number linking to
// the note, which reading systems show as a pop-up.
func (a *writer) noteRef(r *render.NoteRef) {
	n, ok := a.notes[r.ID]
	if !ok {
		if !a.warned[r.ID] {
			a.warned[r.ID] = true
			a.b.opt.Warnf("model", "epub: note call %q has no footnote; left out", r.ID)
		}
		return
	}
	num := strconv.Itoa(n.num)
	if a.inLink { // a link cannot hold another
		a.w.elem("sup", num)
		return
	}
	id := a.ids.take("fnref-"+strings.TrimPrefix(n.id, "fn-"), fmt.Sprintf("fnref-%d", n.num))
	if n.refID == "" {
		n.refID = id
	}
	a.w.start("sup")
	a.w.elem("a", num, "href", "#"+n.id, "id", id, "epub:type", "noteref", "role", "doc-noteref")
	a.w.end()
}
