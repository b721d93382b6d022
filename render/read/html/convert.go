package html

import (
	"net/url"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

// converter maps one HTML tree onto the model.
type converter struct {
	opt    read.Options
	base   *url.URL
	chrome bool // a whole page read without extraction: drop its navigation, banners and sidebars

	blocky map[*xhtml.Node]bool // memo of hasBlock

	noteRefs  map[*xhtml.Node]string // <a> that calls a note → the note's ID
	noteIDs   map[string]bool        // IDs of the note bodies that are called
	refAnchor map[string]bool        // IDs of the calls, which backlinks point to
	inNote    int                    // depth of note bodies being read
}

func newConverter(opt read.Options, base *url.URL, chrome bool) *converter {
	return &converter{
		opt:       opt,
		base:      base,
		chrome:    chrome,
		blocky:    map[*xhtml.Node]bool{},
		noteRefs:  map[*xhtml.Node]string{},
		noteIDs:   map[string]bool{},
		refAnchor: map[string]bool{},
	}
}

// dropped elements never reach the model: they hold code, controls or
// embedded things whose text is not the article's.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Option: true, atom.Optgroup: true, atom.Datalist: true, atom.Output: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Applet: true,
	atom.Svg: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Source: true, atom.Track: true, atom.Param: true, atom.Map: true, atom.Area: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Frame: true, atom.Frameset: true, atom.Noembed: true, atom.Noframes: true,
	atom.Dialog: true, atom.Progress: true, atom.Meter: true,
}

// blockTags break the flow of text: a paragraph ends before and after
// them.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Details: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Table: true, atom.Ul: true, atom.Menu: true,
	atom.Center: true, atom.Summary: true, atom.Caption: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Legend: true, atom.Body: true, atom.Html: true, atom.Search: true,
}

// skip reports whether n and everything in it stay out of the model.
func (c *converter) skip(n *xhtml.Node) bool {
	if dropped[n.DataAtom] || hidden(n) {
		return true
	}
	if n.DataAtom == atom.Form && !holdsProse(n) {
		// Forms are controls, except where a site wraps its whole page
		// in one (ASP.NET does): then it is a container.
		return true
	}
	return c.chrome && isChrome(n)
}

// hidden elements are not shown by a browser, so they are not read.
func hidden(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	if hasAttr(n, "hidden") || strings.EqualFold(strings.TrimSpace(attr(n, "aria-hidden")), "true") {
		return true
	}
	if style := attr(n, "style"); style != "" {
		s := strings.ToLower(strings.Join(strings.Fields(style), ""))
		if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
			return true
		}
	}
	return false
}

// isChrome is the page's own furniture around the article: navigation,
// and a header, footer or sidebar that belongs to the page rather than to
// an article or section in it (as the HTML spec scopes the banner and
// contentinfo roles).
func isChrome(n *xhtml.Node) bool {
	switch strings.ToLower(strings.TrimSpace(attr(n, "role"))) {
	case "navigation", "banner", "contentinfo", "complementary", "search", "menubar", "menu":
		return true
	}
	switch n.DataAtom {
	case atom.Nav:
		return true
	case atom.Header, atom.Footer, atom.Aside:
		for p := n.Parent; p != nil; p = p.Parent {
			switch p.DataAtom {
			case atom.Article, atom.Main, atom.Section, atom.Blockquote, atom.Figure, atom.Details:
				return false
			}
		}
		return true
	}
	return false
}

func holdsProse(n *xhtml.Node) bool {
	found := false
	walk(n, func(d *xhtml.Node) bool {
		if found {
			return false
		}
		if d.Type == xhtml.ElementNode && (d.DataAtom == atom.P || d.DataAtom == atom.Article) {
			found = true
		}
		return true
	})
	return found
}

// hasBlock reports whether n holds an element that breaks the flow of
// text, in which case n itself is read as a container even if it is an
// inline element (<a><p>…</p></a>, <span><div>…</div></span>).
func (c *converter) hasBlock(n *xhtml.Node) bool {
	if v, ok := c.blocky[n]; ok {
		return v
	}
	v := false
	for ch := n.FirstChild; ch != nil && !v; ch = ch.NextSibling {
		if ch.Type != xhtml.ElementNode || c.skip(ch) {
			continue
		}
		v = blockTags[ch.DataAtom] || c.hasBlock(ch)
	}
	c.blocky[n] = v
	return v
}

// flow gathers the blocks of a container. Inline content met directly
// in it collects into a paragraph, closed by the next block.
type flow struct {
	blocks  []render.Block
	inl     []render.Inline
	pending []render.Block // images met inside inline content, placed after it
}

func (f *flow) flush() {
	for _, runs := range splitParagraphs(normalize(f.inl)) {
		f.blocks = append(f.blocks, &render.Paragraph{Text: runs})
	}
	f.inl = nil
	f.blocks = append(f.blocks, f.pending...)
	f.pending = nil
}

func (f *flow) add(b ...render.Block) {
	f.flush()
	for _, x := range b {
		if x != nil {
			f.blocks = append(f.blocks, x)
		}
	}
}

func (c *converter) flowBlocks(n *xhtml.Node) []render.Block {
	f := &flow{}
	c.flow(n, f)
	f.flush()
	return f.blocks
}

func (c *converter) flow(n *xhtml.Node, f *flow) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.flowNode(ch, f)
	}
}

func (c *converter) flowNode(n *xhtml.Node, f *flow) {
	switch n.Type {
	case xhtml.TextNode:
		f.inl = append(f.inl, &render.Text{Text: n.Data})
		return
	case xhtml.ElementNode:
	default:
		return
	}
	if c.skip(n) {
		return
	}
	if id := attr(n, "id"); id != "" && c.noteIDs[id] && n.DataAtom != atom.Li {
		f.add(&render.Footnote{ID: id, Blocks: c.noteBody(n)})
		return
	}
	switch n.DataAtom {
	case atom.P:
		if c.hasBlock(n) {
			c.container(n, f)
			return
		}
		f.flush()
		f.inl = c.inlineKids(n, f)
		f.flush()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		f.flush()
		runs := normalize(c.inlineKids(n, f))
		if hasWords(runs) {
			level := int(n.Data[1] - '0')
			f.blocks = append(f.blocks, &render.Heading{Level: level, ID: headingID(n), Text: runs})
		}
		f.flush()
	case atom.Ul, atom.Ol, atom.Menu:
		f.add(c.list(n)...)
	case atom.Dl:
		f.add(c.definitions(n)...)
	case atom.Blockquote:
		if q := c.quote(n, nil); q != nil {
			f.add(q)
		}
	case atom.Pre:
		if cb := c.codeBlock(n); cb != nil {
			f.add(cb)
		}
	case atom.Hr:
		f.add(&render.Rule{})
	case atom.Table:
		c.table(n, f)
	case atom.Figure:
		c.figure(n, f)
	case atom.Img, atom.Picture:
		if img := c.image(n); img != nil {
			if hasWords(f.inl) {
				f.pending = append(f.pending, img)
			} else {
				f.add(img)
			}
		}
	case atom.Br:
		f.inl = append(f.inl, &render.LineBreak{})
	default:
		if blockTags[n.DataAtom] || c.hasBlock(n) {
			c.container(n, f)
			return
		}
		f.inl = append(f.inl, c.inline(n, f)...)
	}
}

// headingID is what in-page links to a heading point at: its own id, an
// anchor inside it (<h2><span id="History">), or the id of the section it
// opens.
func headingID(n *xhtml.Node) string {
	if id := strings.TrimSpace(attr(n, "id")); id != "" {
		return id
	}
	found := ""
	walk(n, func(d *xhtml.Node) bool {
		if found != "" {
			return false
		}
		if d != n && d.Type == xhtml.ElementNode {
			if id := strings.TrimSpace(attr(d, "id")); id != "" {
				found = id
			} else if d.DataAtom == atom.A {
				found = strings.TrimSpace(attr(d, "name"))
			}
		}
		return true
	})
	if found != "" {
		return found
	}
	if p := n.Parent; p != nil && (p.DataAtom == atom.Section || p.DataAtom == atom.Div || p.DataAtom == atom.Article) {
		first := p.FirstChild
		for first != nil && first.Type != xhtml.ElementNode {
			first = first.NextSibling
		}
		if first == n {
			return strings.TrimSpace(attr(p, "id"))
		}
	}
	return ""
}

// container reads an element that only groups blocks: what is inside
// flows on, but no paragraph runs across its edges.
func (c *converter) container(n *xhtml.Node, f *flow) {
	f.flush()
	c.flow(n, f)
	f.flush()
}

// list maps ul/ol to a List; content outside any <li> (a nested list
// written straight into its parent, stray text) joins the item before it.
// A list whose items are all called notes becomes those notes.
func (c *converter) list(n *xhtml.Node) []render.Block {
	l := &render.List{Ordered: n.DataAtom == atom.Ol}
	if l.Ordered {
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s != 1 {
			l.Start = s
		}
	}
	var notes []render.Block
	allNotes := true
	var stray *flow
	closeStray := func() {
		if stray == nil {
			return
		}
		stray.flush()
		if len(stray.blocks) > 0 {
			if len(l.Items) == 0 {
				l.Items = append(l.Items, nil)
			}
			last := len(l.Items) - 1
			l.Items[last] = append(l.Items[last], stray.blocks...)
			allNotes = false
		}
		stray = nil
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Li {
			closeStray()
			if c.skip(ch) {
				continue
			}
			if id := attr(ch, "id"); id != "" && c.noteIDs[id] {
				note := &render.Footnote{ID: id, Blocks: c.noteBody(ch)}
				notes = append(notes, note)
				l.Items = append(l.Items, []render.Block{note})
				continue
			}
			item := c.flowBlocks(ch)
			if len(item) == 0 {
				continue
			}
			allNotes = false
			l.Items = append(l.Items, item)
			continue
		}
		if stray == nil {
			stray = &flow{}
		}
		c.flowNode(ch, stray)
	}
	closeStray()
	if len(l.Items) == 0 {
		return nil
	}
	if allNotes {
		return notes
	}
	return []render.Block{l}
}

// definitions reads a description list as paragraphs: each term in bold,
// each description as its own blocks.
func (c *converter) definitions(n *xhtml.Node) []render.Block {
	f := &flow{}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != xhtml.ElementNode || c.skip(ch) {
			c.flowNode(ch, f)
			continue
		}
		switch ch.DataAtom {
		case atom.Dt:
			f.flush()
			runs := normalize(c.inlineKids(ch, f))
			if hasWords(runs) {
				f.blocks = append(f.blocks, &render.Paragraph{Text: []render.Inline{&render.Strong{Children: runs}}})
			}
			f.flush()
		case atom.Dd:
			c.container(ch, f)
		default:
			c.flowNode(ch, f)
		}
	}
	f.flush()
	return f.blocks
}

// quote maps a blockquote; a <footer> or <cite> standing as its own
// child (or a last paragraph holding only a <cite>) is the attribution,
// as is a figure's caption around the quote.
func (c *converter) quote(n *xhtml.Node, caption []render.Inline) *render.Quote {
	q := &render.Quote{}
	f := &flow{}
	var attribution *xhtml.Node
	for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
		if ch.Type == xhtml.TextNode && strings.TrimSpace(ch.Data) == "" {
			continue
		}
		if ch.Type == xhtml.ElementNode && (ch.DataAtom == atom.Footer || ch.DataAtom == atom.Cite || onlyCite(ch)) {
			attribution = ch
		}
		break
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch != attribution {
			c.flowNode(ch, f)
		}
	}
	f.flush()
	q.Blocks = f.blocks
	if attribution != nil {
		af := &flow{}
		runs := normalize(c.inlineKids(attribution, af))
		runs = undash(runs)
		if hasWords(runs) {
			q.Attribution = runs
		}
		af.flush()
		q.Blocks = append(q.Blocks, af.blocks...)
	}
	if q.Attribution == nil && hasWords(caption) {
		q.Attribution = undash(caption)
	}
	if len(q.Blocks) == 0 {
		if q.Attribution != nil {
			return &render.Quote{Blocks: []render.Block{&render.Paragraph{Text: q.Attribution}}}
		}
		return nil
	}
	return q
}

// onlyCite is a paragraph whose words all sit in one <cite>.
func onlyCite(n *xhtml.Node) bool {
	if n.DataAtom != atom.P {
		return false
	}
	cites := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Cite:
			cites++
		case ch.Type == xhtml.TextNode && strings.Trim(ch.Data, " \t\r\n\f—–-―~") == "":
		default:
			return false
		}
	}
	return cites == 1
}

// undash drops the dash that opens an attribution: the renderer sets its
// own.
func undash(runs []render.Inline) []render.Inline {
	if len(runs) == 0 {
		return runs
	}
	if t, ok := runs[0].(*render.Text); ok {
		s := strings.TrimLeft(t.Text, "—–-―~ \u00a0")
		if s == "" {
			return runs[1:]
		}
		runs = append([]render.Inline{&render.Text{Text: s}}, runs[1:]...)
	}
	return runs
}

// codeBlock maps <pre>, keeping its whitespace; the language comes from a
// "language-x" or "lang-x" class on the pre or the code inside it.
func (c *converter) codeBlock(n *xhtml.Node) *render.CodeBlock {
	var b strings.Builder
	lang := codeLang(n)
	walk(n, func(d *xhtml.Node) bool {
		switch d.Type {
		case xhtml.TextNode:
			b.WriteString(d.Data)
		case xhtml.ElementNode:
			if d != n && c.skip(d) {
				return false
			}
			if d.DataAtom == atom.Br {
				b.WriteByte('\n')
			}
			if lang == "" && d.DataAtom == atom.Code {
				lang = codeLang(d)
			}
		}
		return true
	})
	text := strings.TrimRight(strings.ReplaceAll(b.String(), "\r\n", "\n"), " \t\r\n")
	text = strings.TrimLeft(text, "\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return &render.CodeBlock{Lang: lang, Text: text}
}

func codeLang(n *xhtml.Node) string {
	for _, cl := range strings.Fields(attr(n, "class")) {
		for _, p := range []string{"language-", "lang-"} {
			if len(cl) > len(p) && strings.EqualFold(cl[:len(p)], p) {
				return strings.ToLower(cl[len(p):])
			}
		}
	}
	if l := attr(n, "data-lang"); l != "" {
		return strings.ToLower(strings.TrimSpace(l))
	}
	return ""
}

// figure maps a figure: its images with the caption on the last of them,
// a quote with the caption as attribution, anything else as blocks with
// the caption after them. A caption whose image could not be loaded stays
// as a paragraph, so no words are lost.
func (c *converter) figure(n *xhtml.Node, f *flow) {
	f.flush()
	var capNode *xhtml.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Figcaption && !c.skip(ch) {
			capNode = ch
		}
	}
	var caption []render.Inline
	if capNode != nil {
		cf := &flow{}
		caption = normalize(c.inlineKids(capNode, cf))
		defer func() { f.blocks = append(f.blocks, cf.pending...) }()
	}
	var quote *xhtml.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Blockquote && !c.skip(ch) {
			quote = ch
			break
		}
	}
	inner := &flow{}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch == capNode:
		case ch == quote:
			inner.add(c.quote(ch, caption))
		default:
			c.flowNode(ch, inner)
		}
	}
	inner.flush()
	if quote != nil && hasWords(caption) {
		caption = nil // it became the attribution
	}
	var last *render.Image
	for _, b := range inner.blocks {
		if img, ok := b.(*render.Image); ok {
			last = img
		}
	}
	f.blocks = append(f.blocks, inner.blocks...)
	if !hasWords(caption) {
		return
	}
	if last != nil && last.Caption == nil {
		last.Caption = caption
		return
	}
	f.blocks = append(f.blocks, &render.Paragraph{Text: caption})
}

// table maps a data table to a Table. A table used for layout (one
// column, one cell, or cells holding headings, lists, quotes, code or
// nested tables) is read as the blocks in its cells instead: a Table can
// hold only inline text.
func (c *converter) table(n *xhtml.Node, f *flow) {
	rows := tableRows(n)
	if c.layoutTable(n, rows) {
		c.container(n, f)
		return
	}
	f.flush()
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Caption && !c.skip(ch) {
			runs := normalize(c.inlineKids(ch, f))
			if hasWords(runs) {
				f.blocks = append(f.blocks, &render.Paragraph{Text: runs})
			}
		}
	}
	t := &render.Table{}
	width := 0
	for _, tr := range rows {
		if c.skip(tr) {
			continue
		}
		row := render.TableRow{Header: tr.Parent != nil && tr.Parent.DataAtom == atom.Thead}
		allTH := true
		for cell := tr.FirstChild; cell != nil; cell = cell.NextSibling {
			if cell.Type != xhtml.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
				continue
			}
			if cell.DataAtom != atom.Th {
				allTH = false
			}
			runs := []render.Inline{}
			if !c.skip(cell) {
				runs = normalize(c.cellInlines(cell, f))
			}
			row.Cells = append(row.Cells, runs)
			span, _ := strconv.Atoi(strings.TrimSpace(attr(cell, "colspan")))
			for i := 1; i < span && i < 50; i++ {
				row.Cells = append(row.Cells, []render.Inline{})
			}
		}
		if len(row.Cells) == 0 {
			continue
		}
		row.Header = row.Header || allTH
		width = max(width, len(row.Cells))
		t.Rows = append(t.Rows, row)
	}
	words := false
	for i := range t.Rows {
		for len(t.Rows[i].Cells) < width {
			t.Rows[i].Cells = append(t.Rows[i].Cells, []render.Inline{})
		}
		for _, cell := range t.Rows[i].Cells {
			words = words || hasWords(cell)
		}
	}
	if words {
		f.blocks = append(f.blocks, t)
	}
	f.flush()
}

// cellInlines is a cell's text; paragraphs inside a cell are kept apart
// by line breaks.
func (c *converter) cellInlines(cell *xhtml.Node, f *flow) []render.Inline {
	var out []render.Inline
	for ch := cell.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.ElementNode && blockTags[ch.DataAtom] && !c.skip(ch) {
			if len(out) > 0 {
				out = append(out, &render.LineBreak{})
			}
			out = append(out, c.inlineKids(ch, f)...)
			out = append(out, &render.LineBreak{})
			continue
		}
		out = append(out, c.inlineNode(ch, f)...)
	}
	return out
}

// tableRows lists a table's own rows, in order, not those of tables
// nested in its cells.
func tableRows(t *xhtml.Node) []*xhtml.Node {
	var rows []*xhtml.Node
	for ch := t.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != xhtml.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.Tr:
			rows = append(rows, ch)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := ch.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == xhtml.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

func (c *converter) layoutTable(t *xhtml.Node, rows []*xhtml.Node) bool {
	switch strings.ToLower(attr(t, "role")) {
	case "presentation", "none":
		return true
	}
	if len(rows) == 0 {
		return true
	}
	cells, widest := 0, 0
	for _, tr := range rows {
		n := 0
		for cell := tr.FirstChild; cell != nil; cell = cell.NextSibling {
			if cell.Type != xhtml.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
				continue
			}
			n++
			if c.structured(cell) {
				return true
			}
		}
		cells += n
		widest = max(widest, n)
	}
	return cells <= 1 || widest <= 1
}

// structured is a cell that holds more than a line or two of text: the
// table around it lays out a page.
func (c *converter) structured(cell *xhtml.Node) bool {
	paras, heavy := 0, false
	walk(cell, func(d *xhtml.Node) bool {
		if heavy || d.Type != xhtml.ElementNode || c.skip(d) {
			return false
		}
		switch d.DataAtom {
		case atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
			atom.Ul, atom.Ol, atom.Blockquote, atom.Pre, atom.Figure, atom.Article, atom.Section:
			if d != cell {
				heavy = true
			}
		case atom.P, atom.Div:
			paras++
		}
		return true
	})
	return heavy || paras > 2
}
